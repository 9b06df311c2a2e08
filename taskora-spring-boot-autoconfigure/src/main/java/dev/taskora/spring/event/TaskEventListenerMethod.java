package dev.taskora.spring.event;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import dev.taskora.engine.event.EventType;
import dev.taskora.engine.event.TaskoraEvent;
import dev.taskora.engine.event.TaskoraEventListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.support.AopUtils;
import org.springframework.util.ReflectionUtils;

/**
 * A bean method bound to one event type, called by taskora's event thread. A method with
 * a parameter receives the event; one without is only told that it happened.
 *
 * @param <E> the event record
 */
public final class TaskEventListenerMethod<E extends TaskoraEvent> implements TaskoraEventListener<E> {

	private static final Logger logger = LoggerFactory.getLogger(TaskEventListenerMethod.class);

	private final Object bean;

	private final Method method;

	private final EventType<E> type;

	private final @Nullable String task;

	private final boolean passEvent;

	private TaskEventListenerMethod(Object bean, Method method, EventType<E> type, @Nullable String task) {
		this.bean = bean;
		// A proxied bean (@Transactional, @Async ...) is called through its proxy's
		// method.
		this.method = AopUtils.selectInvocableMethod(method, bean.getClass());
		ReflectionUtils.makeAccessible(this.method);
		this.type = type;
		this.task = task;
		this.passEvent = method.getParameterCount() == 1;
	}

	/**
	 * Binds a method to the event it listens to.
	 * @param bean the bean to call
	 * @param method the annotated method (zero or one parameter)
	 * @param eventName the event named on the annotation, or empty to take it from the
	 * parameter
	 * @param task the task the method hears, or {@code null} for every task
	 * @throws IllegalArgumentException naming the method when the event cannot be told or
	 * does not fit the parameter
	 */
	public static TaskEventListenerMethod<?> of(Object bean, Method method, String eventName, @Nullable String task) {
		EventType<?> type = EventTypes.resolve(method, eventName);
		if (task != null && !type.isTaskEvent()) {
			throw new IllegalArgumentException("@OnTaskEvent method " + describe(method) + " listens to '" + type.name()
					+ "', a worker event, which belongs to no task; remove task=\"" + task
					+ "\" or move it off the consumer bean");
		}
		return create(bean, method, type, task);
	}

	private static <E extends TaskoraEvent> TaskEventListenerMethod<E> create(Object bean, Method method,
			EventType<E> type, @Nullable String task) {
		return new TaskEventListenerMethod<>(bean, method, type, task);
	}

	/** The event type this method listens to. */
	public EventType<E> type() {
		return this.type;
	}

	/** The task it hears, or {@code null} for every task. */
	public @Nullable String task() {
		return this.task;
	}

	@Override
	public void onEvent(E event) {
		try {
			if (this.passEvent) {
				this.method.invoke(this.bean, event);
			}
			else {
				this.method.invoke(this.bean);
			}
		}
		catch (InvocationTargetException ex) {
			logger.warn("@OnTaskEvent method {} threw on {}", describe(this.method), event, ex.getTargetException());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException("Cannot call @OnTaskEvent method " + describe(this.method), ex);
		}
	}

	static String describe(Method method) {
		return method.getDeclaringClass().getName() + "." + method.getName();
	}

	@Override
	public String toString() {
		return describe(this.method) + " <- " + this.type + ((this.task != null) ? " of '" + this.task + "'" : "");
	}

}
