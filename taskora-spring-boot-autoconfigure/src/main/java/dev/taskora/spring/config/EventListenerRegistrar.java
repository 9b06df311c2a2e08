package dev.taskora.spring.config;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.event.TaskEvent;
import dev.taskora.engine.event.TaskoraEvent;
import dev.taskora.engine.event.TaskoraEventListener;
import dev.taskora.spring.annotation.OnTaskEvent;
import dev.taskora.spring.event.TaskEventListenerMethod;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;

/**
 * Subscribes {@code @OnTaskEvent} methods to their app's events: the app and task the
 * annotation names, or those of the {@code @TaskConsumer} the method sits on; a task
 * handled elsewhere is listened to by name. An unresolvable app or task fails naming the
 * bean and the method.
 */
final class EventListenerRegistrar {

	private final UnaryOperator<String> resolver;

	private final Function<String, Taskora> apps;

	/**
	 * @param resolver resolves placeholders in attribute values
	 * @param apps the app of a name, the default one for an empty name; throws
	 * {@link NoSuchBeanDefinitionException} for an unknown one
	 */
	EventListenerRegistrar(UnaryOperator<String> resolver, Function<String, Taskora> apps) {
		this.resolver = resolver;
		this.apps = apps;
	}

	/** Subscribes every listener method. */
	void register(List<ListenerMethod> listeners) {
		for (ListenerMethod listener : listeners) {
			String app;
			try {
				app = this.resolver.apply(listener.annotation().app());
			}
			catch (IllegalArgumentException ex) {
				throw new BeanInitializationException("Bean '" + listener.beanName() + "': @OnTaskEvent on "
						+ listener.method().getDeclaringClass().getName() + "." + listener.method().getName()
						+ " has app = '" + listener.annotation().app() + "', which cannot be resolved: "
						+ ex.getMessage(), ex);
			}
			if (app.isEmpty() && listener.consumer() != null) {
				app = listener.consumer().app();
			}
			Taskora taskora;
			try {
				taskora = this.apps.apply(app);
			}
			catch (NoSuchBeanDefinitionException ex) {
				throw new BeanInitializationException("Bean '" + listener.beanName() + "': @OnTaskEvent on "
						+ listener.method().getDeclaringClass().getName() + "." + listener.method().getName()
						+ " listens to app '" + app + "', but no taskora app of that name is configured under"
						+ " taskora.apps." + app, ex);
			}
			String task;
			try {
				task = this.resolver.apply(listener.annotation().task());
			}
			catch (IllegalArgumentException ex) {
				throw new BeanInitializationException("Bean '" + listener.beanName() + "': @OnTaskEvent on "
						+ listener.method().getDeclaringClass().getName() + "." + listener.method().getName()
						+ " has task = '" + listener.annotation().task() + "', which cannot be resolved: "
						+ ex.getMessage(), ex);
			}
			if (task.isEmpty() && listener.consumer() != null) {
				task = listener.consumer().task();
			}
			TaskEventListenerMethod<?> method;
			try {
				method = TaskEventListenerMethod.of(listener.bean(), listener.method(), listener.annotation().value(),
						task.isEmpty() ? null : task);
			}
			catch (IllegalArgumentException ex) {
				throw new BeanInitializationException("Bean '" + listener.beanName() + "': " + ex.getMessage(), ex);
			}
			subscribe(taskora, method);
		}
	}

	private <E extends TaskoraEvent> void subscribe(Taskora taskora, TaskEventListenerMethod<E> method) {
		String task = method.task();
		if (task == null) {
			taskora.on(method.type(), method);
			return;
		}
		Task<?, ?> known = taskora.findTask(task).orElse(null);
		if (known != null) {
			onTask(known, method);
		}
		else {
			// A task handled elsewhere: events still travel through the store, results
			// stay JSON.
			onTaskByName(taskora, task, method);
		}
	}

	@SuppressWarnings("unchecked")
	private static <E extends TaskoraEvent, T extends TaskEvent> void onTask(Task<?, ?> task,
			TaskEventListenerMethod<E> method) {
		task.on((EventType<T>) method.type(), (TaskoraEventListener<? super T>) method);
	}

	@SuppressWarnings("unchecked")
	private static <E extends TaskoraEvent, T extends TaskEvent> void onTaskByName(Taskora taskora, String task,
			TaskEventListenerMethod<E> method) {
		taskora.on(task, (EventType<T>) method.type(), (TaskoraEventListener<? super T>) method);
	}

	/**
	 * An {@code @OnTaskEvent} method of a bean.
	 *
	 * @param bean the bean
	 * @param beanName its name
	 * @param method the method
	 * @param annotation its annotation
	 * @param consumer the {@code @TaskConsumer} the bean is, or {@code null}
	 */
	record ListenerMethod(Object bean, String beanName, Method method, OnTaskEvent annotation,
			@Nullable ConsumerBean consumer) {
	}

}
