package dev.taskora.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.inspect.DeadLetters;
import dev.taskora.engine.inspect.Inspector;
import dev.taskora.engine.serialize.Serializer;
import dev.taskora.spring.boot.autoconfigure.TaskoraProperties.AdapterType;
import dev.taskora.spring.core.TaskoraTemplate;
import dev.taskora.spring.core.TaskoraWorkerLifecycle;
import dev.taskora.spring.core.observation.TaskoraDispatchObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.thread.Threading;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * Registers the beans of every app under {@code taskora.apps.<name>}: its
 * {@link Taskora}, {@link TaskoraTemplate}, {@link Inspector}, {@link DeadLetters} and
 * worker lifecycle, each qualified by the app's name and no default candidate, so that
 * unqualified injection points keep getting the default app's beans; and a
 * {@link TaskoraApps} bean listing them. A named app connects to
 * {@code taskora.apps.<name>.redis.url}, else to Spring Data Redis' connection, else
 * keeps jobs in memory; it shares the application's serializer and observation registry,
 * and gets the {@link TaskoraBuilderCustomizer} beans meant for it.
 */
class TaskoraAppsRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

	private static final String REDIS_CLIENT = "io.lettuce.core.RedisClient";

	private static final String LETTUCE_CONNECTION_FACTORY = "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";

	private @Nullable Environment environment;

	private @Nullable BeanFactory beanFactory;

	/** Every app's name, the default one included. */
	private List<String> appNames = List.of();

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		if (this.environment == null) {
			return;
		}
		Map<String, TaskoraProperties> apps = Binder.get(this.environment)
			.bind("taskora.apps", Bindable.mapOf(String.class, TaskoraProperties.class))
			.orElse(Map.of());
		if (apps.isEmpty()) {
			return;
		}
		if (apps.containsKey(TaskoraApps.DEFAULT)) {
			throw new InvalidTaskoraConfigurationException(
					"taskora.apps.default is configured, but 'default' names the default app (taskora.*).",
					"Configure the default app under taskora.* directly, or give the app under taskora.apps another"
							+ " name.");
		}
		apps.forEach((name, properties) -> register(registry, name, properties));
		registry.registerBeanDefinition("taskoraApps",
				new RootBeanDefinition(TaskoraApps.class, () -> new TaskoraApps(apps, requiredBeanFactory())));
		this.appNames = new ArrayList<>();
		this.appNames.add(TaskoraApps.DEFAULT);
		this.appNames.addAll(apps.keySet());
	}

	private void register(BeanDefinitionRegistry registry, String name, TaskoraProperties properties) {
		String taskoraBean = name + "Taskora";
		RootBeanDefinition taskora = definition(name, Taskora.class, () -> taskora(name, properties));
		taskora.setDestroyMethodName("close");
		registry.registerBeanDefinition(taskoraBean, taskora);
		registry.registerBeanDefinition(name + "TaskoraTemplate",
				definition(name, TaskoraTemplate.class, () -> template(app(taskoraBean), properties)));
		registry.registerBeanDefinition(name + "TaskoraInspector",
				definition(name, Inspector.class, () -> app(taskoraBean).inspect()));
		registry.registerBeanDefinition(name + "TaskoraDeadLetters",
				definition(name, DeadLetters.class, () -> app(taskoraBean).deadLetters()));
		registry.registerBeanDefinition(name + "TaskoraWorkerLifecycle",
				definition(name, TaskoraWorkerLifecycle.class, () -> new TaskoraWorkerLifecycle(app(taskoraBean),
						properties.getWorker().isEnabled(), properties.getWorker().getShutdownTimeout())));
	}

	private static <T> RootBeanDefinition definition(String app, Class<T> type, Supplier<T> supplier) {
		RootBeanDefinition definition = new RootBeanDefinition(type, supplier);
		definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, app));
		definition.setDefaultCandidate(false);
		return definition;
	}

	private Taskora taskora(String name, TaskoraProperties properties) {
		Taskora.Builder builder = Taskora.builder()
			.adapter(adapter(name, properties))
			.serializer(bean(Serializer.class));
		boolean virtualThreads = properties.getWorker().isVirtualThreads()
				|| (this.environment != null && Threading.VIRTUAL.isActive(this.environment));
		TaskoraPropertiesMapper.applyTo(builder, properties, virtualThreads);
		if (requiredBeanFactory() instanceof ListableBeanFactory listable) {
			TaskoraCustomizers.apply(builder, name, this.appNames,
					listable.getBeanProvider(TaskoraBuilderCustomizer.class), listable);
		}
		return builder.build();
	}

	/**
	 * The app's own Redis ({@code redis.url}), else the connection of Spring Data Redis
	 * ({@code spring.data.redis.*}) as the default app uses it, else memory; an app
	 * asking for Redis without either stops startup.
	 */
	private Adapter adapter(String name, TaskoraProperties properties) {
		if (properties.getAdapter() == AdapterType.MEMORY) {
			return MemoryAdapter.create();
		}
		String url = properties.getRedis().getUrl();
		if (url == null) {
			Adapter shared = ClassUtils.isPresent(LETTUCE_CONNECTION_FACTORY, getClass().getClassLoader())
					? SpringDataRedis.adapter(requiredBeanFactory(), name + "Taskora", properties) : null;
			if (shared != null) {
				return shared;
			}
			if (properties.getAdapter() == AdapterType.REDIS) {
				throw new InvalidTaskoraConfigurationException(
						"taskora.apps." + name + ".adapter is 'redis', but taskora.apps." + name
								+ ".redis.url is not set and Spring Data Redis has no Lettuce connection.",
						"Set taskora.apps." + name + ".redis.url (redis://host:6379/1), configure spring.data.redis.*"
								+ " (with spring-boot-data-redis), or set taskora.apps." + name
								+ ".adapter to memory.");
			}
			return MemoryAdapter.create();
		}
		if (!ClassUtils.isPresent(REDIS_CLIENT, TaskoraAppsRegistrar.class.getClassLoader())) {
			throw new InvalidTaskoraConfigurationException("taskora.apps." + name
					+ ".redis.url is set, but the Redis client (io.lettuce:lettuce-core) is not on the classpath.",
					"Add io.lettuce:lettuce-core (the taskora starter brings it), or remove taskora.apps." + name
							+ ".redis.url.");
		}
		return TaskoraAdapterConfigurations.RedisUrlConfiguration.at(url, properties);
	}

	private TaskoraTemplate template(Taskora taskora, TaskoraProperties properties) {
		TaskoraTemplate template = new TaskoraTemplate(taskora);
		template.setDispatchTimeout(properties.getDispatchTimeout());
		provider(ObservationRegistry.class, template::setObservationRegistry);
		provider(TaskoraDispatchObservationConvention.class, template::setObservationConvention);
		return template;
	}

	private Taskora app(String beanName) {
		return requiredBeanFactory().getBean(beanName, Taskora.class);
	}

	private <T> T bean(Class<T> type) {
		return requiredBeanFactory().getBean(type);
	}

	private <T> void provider(Class<T> type, Consumer<T> action) {
		requiredBeanFactory().getBeanProvider(type).ifUnique(action);
	}

	private BeanFactory requiredBeanFactory() {
		if (this.beanFactory == null) {
			throw new IllegalStateException("TaskoraAppsRegistrar needs a BeanFactory");
		}
		return this.beanFactory;
	}

	/**
	 * Spring Data Redis' Lettuce client, in a class of its own so that the registrar
	 * loads without Spring Data Redis on the classpath.
	 */
	private static final class SpringDataRedis {

		static @Nullable Adapter adapter(BeanFactory beanFactory, String taskoraBean, TaskoraProperties properties) {
			LettuceConnectionFactory factory = beanFactory.getBeanProvider(LettuceConnectionFactory.class)
				.getIfUnique();
			if (factory == null) {
				return null;
			}
			if (beanFactory instanceof ConfigurableListableBeanFactory configurable) {
				// the app closes before the connection it uses
				for (String factoryBean : configurable.getBeanNamesForType(LettuceConnectionFactory.class)) {
					configurable.registerDependentBean(factoryBean, taskoraBean);
				}
			}
			return TaskoraAdapterConfigurations.DataRedisConfiguration.over(factory, properties.getPrefix());
		}

	}

}
