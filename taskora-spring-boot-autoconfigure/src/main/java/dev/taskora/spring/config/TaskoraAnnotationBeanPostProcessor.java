package dev.taskora.spring.config;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.taskora.engine.Middleware;
import dev.taskora.engine.Task;
import dev.taskora.engine.TaskBuilder;
import dev.taskora.engine.TaskDefaults;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.event.TaskEvent;
import dev.taskora.engine.event.TaskoraEvent;
import dev.taskora.engine.event.TaskoraEventListener;
import dev.taskora.engine.serialize.TypeRef;
import dev.taskora.spring.annotation.CollectKeyResolver;
import dev.taskora.spring.annotation.OnTaskEvent;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.annotation.TaskSchedule;
import dev.taskora.spring.event.TaskEventListenerMethod;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;

/**
 * Finds {@link TaskConsumer} beans (with their {@link TaskSchedule} annotations) and
 * {@link OnTaskEvent} methods as beans are initialized, and registers them with the {@link Taskora}
 * bean once every singleton exists, so that consumers can depend on anything and nothing is
 * registered half-way through startup. {@link Middleware} beans are added to the app at the same
 * moment, before workers start; then the schedules of the annotations and of every
 * {@link TaskoraScheduleRegistrar} bean are defined, once every consumer's task exists.
 */
public class TaskoraAnnotationBeanPostProcessor
		implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(TaskoraAnnotationBeanPostProcessor.class);

	private final Set<Class<?>> nonAnnotatedClasses = Collections.newSetFromMap(new ConcurrentHashMap<>());

	private final List<ConsumerBean> consumers = Collections.synchronizedList(new ArrayList<>());

	private final List<ListenerMethod> listeners = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, String> consumerBeans = new ConcurrentHashMap<>();

	private @Nullable ConfigurableBeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableBeanFactory configurable) {
			this.beanFactory = configurable;
		}
	}

	@Override
	public int getOrder() {
		return LOWEST_PRECEDENCE;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		Class<?> targetClass = AopUtils.getTargetClass(bean);
		if (this.nonAnnotatedClasses.contains(targetClass)) {
			return bean;
		}
		MergedAnnotations annotations = MergedAnnotations.from(targetClass, SearchStrategy.TYPE_HIERARCHY);
		MergedAnnotation<TaskConsumer> consumer = annotations.get(TaskConsumer.class);
		List<TaskSchedule> schedules = annotations.stream(TaskSchedule.class)
			.map(MergedAnnotation::synthesize)
			.toList();
		Map<Method, OnTaskEvent> methods = MethodIntrospector.selectMethods(targetClass,
				(MethodIntrospector.MetadataLookup<OnTaskEvent>) method -> AnnotatedElementUtils
					.findMergedAnnotation(method, OnTaskEvent.class));
		if (!consumer.isPresent() && methods.isEmpty() && schedules.isEmpty()) {
			this.nonAnnotatedClasses.add(targetClass);
			return bean;
		}
		if (!consumer.isPresent() && !schedules.isEmpty()) {
			throw new InvalidTaskConsumerException(beanName, targetClass,
					"the class is annotated with @TaskSchedule but not with @TaskConsumer",
					"Put @TaskSchedule on the @TaskConsumer of the task it runs, or define the schedule under"
							+ " taskora.schedules.<name> with its task.");
		}
		ConsumerBean consumerBean = null;
		if (consumer.isPresent()) {
			consumerBean = consumerBean(bean, beanName, targetClass, consumer.synthesize(), schedules);
			this.consumers.add(consumerBean);
		}
		for (Map.Entry<Method, OnTaskEvent> entry : methods.entrySet()) {
			this.listeners.add(new ListenerMethod(bean, beanName, entry.getKey(), entry.getValue(), consumerBean));
		}
		return bean;
	}

	private ConsumerBean consumerBean(Object bean, String beanName, Class<?> targetClass, TaskConsumer annotation,
			List<TaskSchedule> schedules) {
		if (!(bean instanceof TaskHandler<?, ?>)) {
			throw new InvalidTaskConsumerException(beanName, targetClass,
					"the class is annotated with @TaskConsumer but does not implement TaskHandler",
					"Make " + targetClass.getSimpleName()
							+ " implement dev.taskora.engine.TaskHandler<I, O> (O handle(I data, JobContext ctx)),"
							+ " or remove @TaskConsumer.");
		}
		HandlerTypes types;
		try {
			types = HandlerTypes.of(targetClass);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidTaskConsumerException(beanName, targetClass, String.valueOf(ex.getMessage()),
					"Declare the class as implementing TaskHandler<Input, Output> with concrete types.");
		}
		if (types == null) {
			// A proxy implements TaskHandler while its target class does not declare it.
			types = new HandlerTypes(Object.class, Object.class);
		}
		TaskConsumerOptions options = new TaskConsumerOptions(annotation, this::resolve, beanName, targetClass);
		if (options.collects()) {
			types = batchItems(types, beanName, targetClass);
		}
		String name;
		try {
			name = resolve(annotation.name());
		}
		catch (IllegalArgumentException ex) {
			throw TaskConsumerOptions.unresolvable(beanName, targetClass, "name", annotation.name(), ex);
		}
		if (name.isEmpty()) {
			throw new InvalidTaskConsumerException(beanName, targetClass, "@TaskConsumer has no task name",
					"Name the task: @TaskConsumer(\"send-email\").");
		}
		return new ConsumerBean(beanName, targetClass, (TaskHandler<?, ?>) bean, name, types, options, schedules);
	}

	/**
	 * The types of a collect consumer's task: the element type of the list its handler takes, and
	 * its output.
	 */
	private static HandlerTypes batchItems(HandlerTypes types, String beanName, Class<?> targetClass) {
		if (types.input() instanceof ParameterizedType list && list.getRawType() == List.class) {
			return new HandlerTypes(list.getActualTypeArguments()[0], types.output());
		}
		throw new InvalidTaskConsumerException(beanName, targetClass,
				"@TaskConsumer has collect* attributes, so its handler receives a batch, but it implements TaskHandler<"
						+ types.input().getTypeName() + ", " + types.output().getTypeName() + ">",
				"Implement TaskHandler<List<Item>, Output> to take the batch, or remove the collect* attributes.");
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.consumers.isEmpty() && this.listeners.isEmpty() && !hasMiddleware() && !hasScheduleRegistrars()) {
			return;
		}
		Taskora taskora = requiredBeanFactory().getBeanProvider(Taskora.class).getIfAvailable();
		if (taskora == null) {
			throw new BeanInitializationException("@TaskConsumer and @OnTaskEvent beans need a Taskora bean, found none");
		}
		applyMiddleware(taskora);
		registerConsumers(taskora);
		registerListeners(taskora);
		registerSchedules(taskora);
	}

	private boolean hasMiddleware() {
		return requiredBeanFactory().getBeanProvider(Middleware.class).stream().findAny().isPresent();
	}

	private boolean hasScheduleRegistrars() {
		return requiredBeanFactory().getBeanProvider(TaskoraScheduleRegistrar.class).stream().findAny().isPresent();
	}

	private void registerSchedules(Taskora taskora) {
		for (ConsumerBean consumer : this.consumers) {
			for (TaskSchedule schedule : consumer.schedules()) {
				new TaskScheduleAttributes(schedule, this::resolve, consumer.beanName(), consumer.beanType(),
						consumer.task())
					.defineOn(taskora);
			}
		}
		requiredBeanFactory().getBeanProvider(TaskoraScheduleRegistrar.class)
			.orderedStream()
			.forEach(registrar -> registrar.registerSchedules(taskora));
	}

	private void applyMiddleware(Taskora taskora) {
		List<Middleware> present = taskora.middleware();
		requiredBeanFactory().getBeanProvider(Middleware.class)
			.orderedStream()
			.filter(middleware -> !present.contains(middleware))
			.forEach(taskora::use);
	}

	private void registerConsumers(Taskora taskora) {
		Map<String, List<ConsumerBean>> byTask = new LinkedHashMap<>();
		for (ConsumerBean consumer : this.consumers) {
			byTask.computeIfAbsent(consumer.task(), name -> new ArrayList<>()).add(consumer);
		}
		for (Map.Entry<String, List<ConsumerBean>> entry : byTask.entrySet()) {
			if (entry.getValue().size() > 1) {
				throw new DuplicateTaskConsumerException(entry.getKey(), entry.getValue()
					.stream()
					.map(consumer -> "'" + consumer.beanName() + "' (" + consumer.beanType().getName() + ")")
					.toList());
			}
		}
		// Partial retry and stall attributes refine the defaults of the app they are added to.
		TaskDefaults defaults = taskora.defaults();
		for (ConsumerBean consumer : this.consumers) {
			if (taskora.findTask(consumer.task()).isPresent()) {
				throw new DuplicateTaskConsumerException(consumer.task(),
						List.of("'" + consumer.beanName() + "' (" + consumer.beanType().getName() + ")",
								"a task '" + consumer.task() + "' already defined on the Taskora bean"));
			}
			register(taskora, consumer, defaults);
			this.consumerBeans.put(consumer.task(), consumer.beanName());
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void register(Taskora taskora, ConsumerBean consumer, TaskDefaults defaults) {
		TaskBuilder builder = taskora.task(consumer.task(), TypeRef.ofType(consumer.types().input()),
				TypeRef.ofType(consumer.types().output()));
		consumer.options().applyTo(builder, defaults);
		try {
			if (consumer.options().collects()) {
				CollectKeyResolver<?> keys = (consumer.handler() instanceof CollectKeyResolver<?> resolver) ? resolver : null;
				builder.collect(consumer.options().collect(keys)).handler((TaskHandler) consumer.handler());
			}
			else {
				builder.handler((TaskHandler) consumer.handler());
			}
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidTaskConsumerException(consumer.beanName(), consumer.beanType(), String.valueOf(ex.getMessage()),
					"Fix the @TaskConsumer attributes of " + consumer.beanType().getSimpleName() + ".");
		}
		logger.debug("Registered @TaskConsumer '{}' for task '{}' ({} -> {})", consumer.beanName(), consumer.task(),
				consumer.types().input().getTypeName(), consumer.types().output().getTypeName());
	}

	private void registerListeners(Taskora taskora) {
		for (ListenerMethod listener : this.listeners) {
			String task;
			try {
				task = resolve(listener.annotation().task());
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
			// A task handled elsewhere: events still travel through the store, results stay JSON.
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

	/** The bean name of the consumer of each task, for tasks registered from {@link TaskConsumer} beans. */
	public Map<String, String> getConsumerBeans() {
		return Map.copyOf(this.consumerBeans);
	}

	private String resolve(String value) {
		if (value.isEmpty() || this.beanFactory == null) {
			return value;
		}
		String resolved = this.beanFactory.resolveEmbeddedValue(value);
		return (resolved != null) ? resolved.trim() : "";
	}

	private ConfigurableBeanFactory requiredBeanFactory() {
		if (this.beanFactory == null) {
			throw new IllegalStateException("TaskoraAnnotationBeanPostProcessor needs a ConfigurableBeanFactory");
		}
		return this.beanFactory;
	}

	private record ConsumerBean(String beanName, Class<?> beanType, TaskHandler<?, ?> handler, String task,
			HandlerTypes types, TaskConsumerOptions options, List<TaskSchedule> schedules) {
	}

	private record ListenerMethod(Object bean, String beanName, Method method, OnTaskEvent annotation,
			@Nullable ConsumerBean consumer) {
	}

}
