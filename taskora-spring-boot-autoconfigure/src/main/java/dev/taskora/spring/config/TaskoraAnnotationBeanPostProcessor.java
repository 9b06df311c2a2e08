package dev.taskora.spring.config;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.taskora.engine.Middleware;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.contract.TaskContract;
import dev.taskora.spring.annotation.OnTaskEvent;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.annotation.TaskSchedule;
import dev.taskora.spring.config.EventListenerRegistrar.ListenerMethod;
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

	private final ConsumerDefinitions definitions = new ConsumerDefinitions(this::resolve);

	/**
	 * Takes the bean factory consumers, listeners, apps and placeholders come from.
	 * @param beanFactory the application's bean factory
	 */
	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableBeanFactory configurable) {
			this.beanFactory = configurable;
		}
	}

	/**
	 * Runs last, after proxies are in place, so that annotations are read from the target
	 * class and the proxy is what handles jobs.
	 * @return {@link Ordered#LOWEST_PRECEDENCE}
	 */
	@Override
	public int getOrder() {
		return LOWEST_PRECEDENCE;
	}

	/**
	 * Collects the {@code @TaskConsumer} class or methods, {@code @TaskSchedule}s and
	 * {@code @OnTaskEvent} methods of a bean, refusing those that cannot handle jobs;
	 * classes without them are remembered and skipped afterwards.
	 * @param bean the bean
	 * @param beanName its name
	 * @return the bean, unchanged
	 */
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
			consumerBean = this.definitions.forClass(bean, beanName, targetClass, consumer.synthesize(), schedules);
			this.consumers.add(consumerBean);
		}
		for (Map.Entry<Method, TaskConsumer> entry : consumerMethods.entrySet()) {
			this.consumers
				.add(this.definitions.forMethod(bean, beanName, targetClass, entry.getKey(), entry.getValue()));
		}
		for (Map.Entry<Method, OnTaskEvent> entry : methods.entrySet()) {
			this.listeners.add(new ListenerMethod(bean, beanName, entry.getKey(), entry.getValue(), consumerBean));
		}
		return bean;
	}

	/**
	 * Registers what was collected, once every singleton exists: middleware on every app,
	 * then consumers, contract beans, event listeners and schedules.
	 */
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
		new ConsumerRegistrar(requiredBeanFactory(), this::appOf, this.consumerBeans).register(this.consumers);
		registerContracts(taskora);
		new EventListenerRegistrar(this::resolve, this::app).register(this.listeners);
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

	/**
	 * The bean name of the consumer of each task, for tasks registered from
	 * {@link TaskConsumer} beans.
	 * @return the bean names by task name
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

}
