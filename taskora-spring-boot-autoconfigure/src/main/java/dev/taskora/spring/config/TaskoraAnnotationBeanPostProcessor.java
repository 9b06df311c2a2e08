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

import dev.taskora.engine.CancelHook;
import dev.taskora.engine.CollectTaskBuilder;
import dev.taskora.engine.Middleware;
import dev.taskora.engine.Task;
import dev.taskora.engine.TaskBuilder;
import dev.taskora.engine.TaskDefaults;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.contract.TaskContract;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.event.TaskEvent;
import dev.taskora.engine.event.TaskoraEvent;
import dev.taskora.engine.event.TaskoraEventListener;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.retry.StallOptions;
import dev.taskora.engine.serialize.TypeRef;
import dev.taskora.spring.annotation.CollectKeyResolver;
import dev.taskora.spring.annotation.OnTaskEvent;
import dev.taskora.spring.annotation.PayloadMigrations;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.annotation.TaskSchedule;
import dev.taskora.spring.core.TaskConsumerContainer;
import dev.taskora.spring.core.TaskConsumerRegistry;
import dev.taskora.spring.event.TaskEventListenerMethod;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;

/**
 * Finds {@link TaskConsumer} beans (with their {@link TaskSchedule} annotations) and
 * {@link OnTaskEvent} methods as beans are initialized, and registers them with the
 * {@link Taskora} bean once every singleton exists, so that consumers can depend on
 * anything and nothing is registered half-way through startup. {@link Middleware} beans
 * are added to the app at the same moment, before workers start; then the schedules of
 * the annotations and of every {@link TaskoraScheduleRegistrar} bean are defined, once
 * every consumer's task exists.
 */
public class TaskoraAnnotationBeanPostProcessor
		implements BeanPostProcessor, SmartInitializingSingleton, BeanFactoryAware, Ordered {

	private static final Logger logger = LoggerFactory.getLogger(TaskoraAnnotationBeanPostProcessor.class);

	private final Set<Class<?>> nonAnnotatedClasses = Collections.newSetFromMap(new ConcurrentHashMap<>());

	private final List<ConsumerBean> consumers = Collections.synchronizedList(new ArrayList<>());

	private final List<ListenerMethod> listeners = Collections.synchronizedList(new ArrayList<>());

	private final Map<String, String> consumerBeans = new ConcurrentHashMap<>();

	private @Nullable ConfigurableBeanFactory beanFactory;

	private @Nullable Taskora defaultApp;

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
		Map<Method, TaskConsumer> consumerMethods = ConsumerMethods.find(targetClass);
		if (!consumer.isPresent() && methods.isEmpty() && schedules.isEmpty() && consumerMethods.isEmpty()) {
			this.nonAnnotatedClasses.add(targetClass);
			return bean;
		}
		if (!consumer.isPresent() && !schedules.isEmpty()) {
			throw new InvalidTaskConsumerException(beanName, targetClass,
					"the class is annotated with @TaskSchedule but not with @TaskConsumer",
					"Put @TaskSchedule on the @TaskConsumer of the task it runs, or define the schedule under"
							+ " taskora.schedules.<name> with its task.");
		}
		if (consumer.isPresent() || !consumerMethods.isEmpty()) {
			ConsumerMethods.requireSingleton(bean, beanName, targetClass, this.beanFactory);
		}
		ConsumerBean consumerBean = null;
		if (consumer.isPresent()) {
			consumerBean = consumerBean(bean, beanName, targetClass, consumer.synthesize(), schedules);
			this.consumers.add(consumerBean);
		}
		for (Map.Entry<Method, TaskConsumer> entry : consumerMethods.entrySet()) {
			this.consumers.add(consumerMethod(bean, beanName, targetClass, entry.getKey(), entry.getValue()));
		}
		for (Map.Entry<Method, OnTaskEvent> entry : methods.entrySet()) {
			this.listeners.add(new ListenerMethod(bean, beanName, entry.getKey(), entry.getValue(), consumerBean));
		}
		return bean;
	}

	private ConsumerBean consumerMethod(Object bean, String beanName, Class<?> targetClass, Method method,
			TaskConsumer annotation) {
		MethodTaskHandler handler = MethodTaskHandler.of(bean, beanName, targetClass, method);
		HandlerTypes types = handler.types();
		TaskConsumerOptions options = new TaskConsumerOptions(annotation, this::resolve, beanName, targetClass);
		if (options.collects()) {
			types = batchItems(types, beanName, targetClass);
		}
		String name = taskName(annotation, beanName, targetClass);
		List<TaskSchedule> schedules = MergedAnnotations.from(method)
			.stream(TaskSchedule.class)
			.map(MergedAnnotation::synthesize)
			.toList();
		return new ConsumerBean(beanName, targetClass, handler, name, types, options, schedules, null,
				contract(annotation, name, beanName, targetClass), options.app());
	}

	/**
	 * The contract a {@code @TaskConsumer(contract = ..)} names, or {@code null} without
	 * one.
	 */
	private static @Nullable TaskContract<?, ?> contract(TaskConsumer annotation, String name, String beanName,
			Class<?> targetClass) {
		return (annotation.contract() != void.class)
				? ConsumerContracts.fromClass(annotation.contract(), name, beanName, targetClass) : null;
	}

	private String taskName(TaskConsumer annotation, String beanName, Class<?> targetClass) {
		String name;
		try {
			name = resolve(annotation.name());
		}
		catch (IllegalArgumentException ex) {
			throw TaskConsumerOptions.unresolvable(beanName, targetClass, "name", annotation.name(), ex);
		}
		if (name.isEmpty() && annotation.contract() != void.class) {
			// the only contract of the class names the task
			return ConsumerContracts.fromClass(annotation.contract(), name, beanName, targetClass).name();
		}
		if (name.isEmpty()) {
			throw new InvalidTaskConsumerException(beanName, targetClass, "@TaskConsumer has no task name",
					"Name the task: @TaskConsumer(\"send-email\").");
		}
		return name;
	}

	private ConsumerBean consumerBean(Object bean, String beanName, Class<?> targetClass, TaskConsumer annotation,
			List<TaskSchedule> schedules) {
		if (!(bean instanceof TaskHandler<?, ?>)) {
			throw new InvalidTaskConsumerException(beanName, targetClass,
					"the class is annotated with @TaskConsumer but does not implement TaskHandler",
					"Make " + targetClass.getSimpleName()
							+ " implement dev.taskora.engine.TaskHandler<I, O> (O handle(I data, JobContext ctx)),"
							+ " or remove @TaskConsumer, or put @TaskConsumer on its handler methods.");
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
		String name = taskName(annotation, beanName, targetClass);
		CancelHook<?> onCancel = (bean instanceof CancelHook<?> hook) ? hook : null;
		return new ConsumerBean(beanName, targetClass, (TaskHandler<?, ?>) bean, name, types, options, schedules,
				onCancel, contract(annotation, name, beanName, targetClass), options.app());
	}

	/**
	 * The types of a collect consumer's task: the element type of the list its handler
	 * takes, and its output.
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
		if (this.beanFactory instanceof ConfigurableListableBeanFactory listable) {
			// @Lazy consumers are created now (they handle jobs from startup on); scoped
			// ones refused
			ConsumerMethods.instantiateLazyConsumers(listable, this.nonAnnotatedClasses);
		}
		if (this.consumers.isEmpty() && this.listeners.isEmpty() && !hasMiddleware() && !hasScheduleRegistrars()
				&& !hasContracts()) {
			return;
		}
		Taskora taskora = requiredBeanFactory().getBeanProvider(Taskora.class).getIfAvailable();
		if (taskora == null) {
			throw new BeanInitializationException(
					"@TaskConsumer and @OnTaskEvent beans need a Taskora bean, found none");
		}
		this.defaultApp = taskora;
		applyMiddleware();
		registerConsumers();
		registerContracts(taskora);
		registerListeners();
		registerSchedules(taskora);
	}

	private boolean hasContracts() {
		return requiredBeanFactory().getBeanProvider(TaskContract.class).stream().findAny().isPresent();
	}

	/**
	 * Registers every {@link TaskContract} bean no consumer implemented, for dispatching:
	 * a producer-only app gets typed tasks, events and inspection without a worker.
	 */
	private void registerContracts(Taskora taskora) {
		requiredBeanFactory().getBeanProvider(TaskContract.class).orderedStream().forEach(contract -> {
			taskora.register((TaskContract<?, ?>) contract);
			logger.debug("Registered contract '{}' for dispatching", ((TaskContract<?, ?>) contract).name());
		});
	}

	/**
	 * The app of that name: the default app for an empty name, else the {@link Taskora}
	 * bean qualified with it (an app under {@code taskora.apps.<name>}).
	 * @throws NoSuchBeanDefinitionException when no app has that name
	 */
	private Taskora app(String name) {
		Taskora defaultApp = this.defaultApp;
		if (name.isEmpty() && defaultApp != null) {
			return defaultApp;
		}
		if (!(this.beanFactory instanceof ListableBeanFactory listable)) {
			throw new NoSuchBeanDefinitionException(Taskora.class, "no app '" + name + "'");
		}
		return BeanFactoryAnnotationUtils.qualifiedBeanOfType(listable, Taskora.class, name);
	}

	private Taskora appOf(ConsumerBean consumer) {
		try {
			return app(consumer.app());
		}
		catch (NoSuchBeanDefinitionException ex) {
			throw new InvalidTaskConsumerException(consumer.beanName(), consumer.beanType(),
					"@TaskConsumer attribute 'app' is '" + consumer.app()
							+ "', but no taskora app of that name is configured",
					"Configure the app under taskora.apps." + consumer.app()
							+ ".* (redis.url, prefix, ...), or remove 'app' to use the default app.");
		}
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
					.defineOn(appOf(consumer));
			}
		}
		requiredBeanFactory().getBeanProvider(TaskoraScheduleRegistrar.class)
			.orderedStream()
			.forEach(registrar -> registrar.registerSchedules(taskora));
	}

	/**
	 * Adds the Middleware beans to every app, the default one and those under
	 * taskora.apps.*.
	 */
	private void applyMiddleware() {
		List<Middleware> middleware = requiredBeanFactory().getBeanProvider(Middleware.class).orderedStream().toList();
		if (middleware.isEmpty()) {
			return;
		}
		List<Taskora> apps = new ArrayList<>();
		if (this.defaultApp != null) {
			apps.add(this.defaultApp);
		}
		if (this.beanFactory instanceof ListableBeanFactory listable) {
			listable.getBeansOfType(Taskora.class, false, false)
				.values()
				.stream()
				.filter(app -> !apps.contains(app))
				.forEach(apps::add);
		}
		for (Taskora app : apps) {
			List<Middleware> present = app.middleware();
			middleware.stream().filter(each -> !present.contains(each)).forEach(app::use);
		}
	}

	private void registerConsumers() {
		Map<String, List<ConsumerBean>> byTask = new LinkedHashMap<>();
		for (ConsumerBean consumer : this.consumers) {
			// one handler per task and app: two apps may each handle a task of one name
			byTask
				.computeIfAbsent(consumer.task() + (consumer.app().isEmpty() ? "" : " (app '" + consumer.app() + "')"),
						name -> new ArrayList<>())
				.add(consumer);
		}
		for (Map.Entry<String, List<ConsumerBean>> entry : byTask.entrySet()) {
			if (entry.getValue().size() > 1) {
				throw new DuplicateTaskConsumerException(entry.getKey(),
						entry.getValue()
							.stream()
							.map(consumer -> "'" + consumer.beanName() + "' (" + consumer.beanType().getName() + ")")
							.toList());
			}
		}
		TaskConsumerRegistry registry = requiredBeanFactory().getBeanProvider(TaskConsumerRegistry.class)
			.getIfAvailable();
		for (ConsumerBean consumer : this.consumers) {
			Taskora taskora = appOf(consumer);
			// Partial retry and stall attributes refine the defaults of the app they are
			// added to.
			TaskDefaults defaults = taskora.defaults();
			TaskContract<?, ?> contract = (consumer.contract() != null) ? consumer.contract() : contractBean(consumer);
			if (contract != null) {
				implement(taskora, consumer, contract, defaults);
			}
			else if (taskora.findTask(consumer.task()).isPresent()) {
				throw new DuplicateTaskConsumerException(consumer.task(),
						List.of("'" + consumer.beanName() + "' (" + consumer.beanType().getName() + ")",
								"a task '" + consumer.task() + "' already defined on the Taskora bean"));
			}
			else {
				register(taskora, consumer, defaults);
			}
			this.consumerBeans.put(consumer.task(), consumer.beanName());
			TaskConsumerContainer container = new TaskConsumerContainer(taskora,
					consumer.options()
						.id(consumer.app().isEmpty() ? consumer.task() : consumer.app() + ":" + consumer.task()),
					consumer.task(), consumer.beanName(), consumer.options().autoStartup());
			if (registry != null) {
				registry.register(container);
			}
			else if (!container.isAutoStartup()) {
				container.pause();
			}
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void register(Taskora taskora, ConsumerBean consumer, TaskDefaults defaults) {
		TaskBuilder builder = taskora.task(consumer.task(), TypeRef.ofType(consumer.types().input()),
				TypeRef.ofType(consumer.types().output()));
		consumer.options().applyTo(builder, defaults);
		try {
			applyVersioning(builder, consumer);
			configure(consumer, builder);
			if (consumer.options().collects()) {
				CollectKeyResolver<?> keys = (consumer.handler() instanceof CollectKeyResolver<?> resolver) ? resolver
						: null;
				CollectTaskBuilder collect = builder.collect(consumer.options().collect(keys));
				if (consumer.onCancel() != null) {
					collect.onCancel((CancelHook) consumer.onCancel());
				}
				collect.handler((TaskHandler) consumer.handler());
			}
			else {
				if (consumer.onCancel() != null) {
					builder.onCancel((CancelHook) consumer.onCancel());
				}
				builder.handler((TaskHandler) consumer.handler());
			}
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new InvalidTaskConsumerException(consumer.beanName(), consumer.beanType(),
					String.valueOf(ex.getMessage()),
					"Fix the @TaskConsumer attributes of " + consumer.beanType().getSimpleName()
							+ " or the TaskConsumerConfigurer of task '" + consumer.task() + "'.");
		}
		logger.debug("Registered @TaskConsumer '{}' for task '{}' ({} -> {})", consumer.beanName(), consumer.task(),
				consumer.types().input().getTypeName(), consumer.types().output().getTypeName());
	}

	/** Applies every {@link TaskConsumerConfigurer}, checking the types of typed ones. */
	private void configure(ConsumerBean consumer, TaskBuilder<?, ?> builder) {
		requiredBeanFactory().getBeanProvider(TaskConsumerConfigurer.class).orderedStream().forEach(configurer -> {
			if (configurer instanceof TaskConsumerConfigurer.ForTask<?, ?> typed && typed.task().equals(consumer.task())
					&& !(typed.input().equals(consumer.types().input())
							&& typed.output().equals(consumer.types().output()))) {
				throw new InvalidTaskConsumerException(consumer.beanName(), consumer.beanType(),
						"a TaskConsumerConfigurer of task '" + consumer.task() + "' is typed " + typed.input().getName()
								+ " -> " + typed.output().getName() + ", but the consumer handles "
								+ consumer.types().input().getTypeName() + " -> "
								+ consumer.types().output().getTypeName(),
						"Type the configurer as the consumer: TaskConsumerConfigurer.forTask(\"" + consumer.task()
								+ "\", " + consumer.types().input().getTypeName() + ".class, ...).");
			}
			configurer.configure(consumer.task(), builder);
		});
	}

	/** The versions a consumer implementing {@link PayloadMigrations} declares. */
	private static void applyVersioning(TaskBuilder<?, ?> builder, ConsumerBean consumer) {
		if (consumer.handler() instanceof PayloadMigrations migrations) {
			builder.versioning(migrations.versioning());
		}
	}

	/** The one {@link TaskContract} bean of the consumer's task name, if any. */
	private @Nullable TaskContract<?, ?> contractBean(ConsumerBean consumer) {
		List<TaskContract<?, ?>> named = requiredBeanFactory().getBeanProvider(TaskContract.class)
			.stream()
			.<TaskContract<?, ?>>map(contract -> (TaskContract<?, ?>) contract)
			.filter(contract -> contract.name().equals(consumer.task()))
			.toList();
		if (named.size() > 1) {
			throw new InvalidTaskConsumerException(consumer.beanName(), consumer.beanType(),
					"there are " + named.size() + " TaskContract beans named '" + consumer.task() + "'",
					"Keep one TaskContract bean per task name.");
		}
		return named.isEmpty() ? null : named.get(0);
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private void implement(Taskora taskora, ConsumerBean consumer, TaskContract<?, ?> contract, TaskDefaults defaults) {
		ConsumerContracts.checkTypes(contract, consumer.types(), consumer.beanName(), consumer.beanType());
		if (consumer.options().collects()) {
			throw new InvalidTaskConsumerException(consumer.beanName(), consumer.beanType(),
					"@TaskConsumer implements contract '" + contract.name() + "' with collect* attributes",
					"Collect consumers define their task themselves: remove the contract, or the collect* attributes.");
		}
		Retry retryBase = (contract.retry() != null) ? contract.retry() : defaults.retry();
		StallOptions stallBase = (contract.stall() != null) ? contract.stall() : defaults.stall();
		try {
			taskora.implement((TaskContract) contract, (TaskHandler) consumer.handler(), builder -> {
				TaskBuilder<?, ?> worker = (TaskBuilder<?, ?>) builder;
				consumer.options().applyTo(worker, retryBase, stallBase);
				applyVersioning(worker, consumer);
				configure(consumer, worker);
				if (consumer.onCancel() != null) {
					((TaskBuilder) worker).onCancel((CancelHook) consumer.onCancel());
				}
			});
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new InvalidTaskConsumerException(consumer.beanName(), consumer.beanType(),
					String.valueOf(ex.getMessage()), "Fix the @TaskConsumer of " + consumer.beanType().getSimpleName()
							+ " or the contract '" + contract.name() + "'.");
		}
		logger.debug("Registered @TaskConsumer '{}' implementing contract '{}'", consumer.beanName(), contract.name());
	}

	private void registerListeners() {
		for (ListenerMethod listener : this.listeners) {
			String app;
			try {
				app = resolve(listener.annotation().app());
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
				taskora = app(app);
			}
			catch (NoSuchBeanDefinitionException ex) {
				throw new BeanInitializationException("Bean '" + listener.beanName() + "': @OnTaskEvent on "
						+ listener.method().getDeclaringClass().getName() + "." + listener.method().getName()
						+ " listens to app '" + app + "', but no taskora app of that name is configured under"
						+ " taskora.apps." + app, ex);
			}
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
	 * The bean name of the consumer of each task, for tasks registered from
	 * {@link TaskConsumer} beans.
	 */
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
			HandlerTypes types, TaskConsumerOptions options, List<TaskSchedule> schedules,
			@Nullable CancelHook<?> onCancel, @Nullable TaskContract<?, ?> contract, String app) {
	}

	private record ListenerMethod(Object bean, String beanName, Method method, OnTaskEvent annotation,
			@Nullable ConsumerBean consumer) {
	}

}
