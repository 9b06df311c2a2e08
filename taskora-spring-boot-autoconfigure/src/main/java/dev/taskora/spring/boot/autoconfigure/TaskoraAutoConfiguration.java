package dev.taskora.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.inspect.DeadLetters;
import dev.taskora.engine.inspect.Inspector;
import dev.taskora.engine.serialize.JacksonSerializer;
import dev.taskora.engine.serialize.Serializer;
import dev.taskora.spring.boot.autoconfigure.TaskoraProperties.AdapterType;
import dev.taskora.spring.config.TaskoraAnnotationBeanPostProcessor;
import dev.taskora.spring.core.TaskConsumerRegistry;
import dev.taskora.spring.core.TaskoraOperations;
import dev.taskora.spring.core.TaskoraTemplate;
import dev.taskora.spring.core.TaskoraWorkerLifecycle;
import dev.taskora.spring.core.observation.TaskoraDispatchObservationConvention;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of taskora: the {@link Taskora} app from {@code taskora.*} and
 * {@link TaskoraBuilderCustomizer} beans, its adapter, {@link TaskoraTemplate}, the app's
 * {@link Inspector} and {@link DeadLetters}, the {@code @TaskConsumer} /
 * {@code @OnTaskEvent} processing, and the worker lifecycle.
 */
@AutoConfiguration(afterName = { "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration" })
@ConditionalOnClass(Taskora.class)
@EnableConfigurationProperties(TaskoraProperties.class)
@Import({ TaskoraAdapterConfigurations.DataRedisConfiguration.class,
		TaskoraAdapterConfigurations.RedisUrlConfiguration.class,
		TaskoraAdapterConfigurations.MemoryConfiguration.class,
		TaskoraAdapterConfigurations.DataRedisReconnectConfiguration.class, TaskoraAppsRegistrar.class })
public final class TaskoraAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	static TaskoraAnnotationBeanPostProcessor taskoraAnnotationBeanPostProcessor() {
		return new TaskoraAnnotationBeanPostProcessor();
	}

	@Bean
	@ConditionalOnMissingBean
	Serializer taskoraSerializer(ObjectProvider<JsonMapper> jsonMapper) {
		// The application's mapper (spring.jackson.*, JsonMapperBuilderCustomizers, its
		// modules), which JacksonSerializer rebuilds to refuse objects without
		// properties; without one, taskora's default.
		JsonMapper mapper = jsonMapper.getIfUnique();
		return (mapper != null) ? new JacksonSerializer(mapper) : new JacksonSerializer();
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	Taskora taskora(ObjectProvider<Adapter> adapter, TaskoraProperties properties, Serializer serializer,
			ObjectProvider<TaskoraBuilderCustomizer> customizers, ObjectProvider<TaskoraApps> apps,
			ListableBeanFactory beanFactory, Environment environment, ResourceLoader resourceLoader) {
		Adapter resolved = adapter.getIfUnique();
		if (resolved == null) {
			throw noAdapter(properties, environment, resourceLoader.getClassLoader());
		}
		Taskora.Builder builder = Taskora.builder().adapter(resolved).serializer(serializer);
		boolean virtualThreads = properties.getWorker().isVirtualThreads() || Threading.VIRTUAL.isActive(environment);
		TaskoraPropertiesMapper.applyTo(builder, properties, virtualThreads);
		List<String> names = new ArrayList<>();
		names.add(TaskoraApps.DEFAULT);
		apps.ifAvailable(named -> names.addAll(named.names()));
		TaskoraCustomizers.apply(builder, TaskoraApps.DEFAULT, names, customizers, beanFactory);
		return builder.build();
	}

	private static InvalidTaskoraConfigurationException noAdapter(TaskoraProperties properties, Environment environment,
			@Nullable ClassLoader classLoader) {
		if (properties.getAdapter() == AdapterType.REDIS) {
			InvalidTaskoraConfigurationException unusedRedis = TaskoraAdapterConfigurations
				.unusedSpringDataRedis(environment, classLoader, AdapterType.REDIS);
			if (unusedRedis != null) {
				return unusedRedis;
			}
			return new InvalidTaskoraConfigurationException(
					"taskora.adapter is 'redis', but no Redis connection is configured.",
					"Add spring-boot-data-redis and configure spring.data.redis.*, or set taskora.redis.url"
							+ " (redis://host:6379), or set taskora.adapter to auto or memory.");
		}
		return new InvalidTaskoraConfigurationException(
				"No taskora adapter is available (taskora.adapter is '"
						+ properties.getAdapter().name().toLowerCase(Locale.ROOT) + "').",
				"Define exactly one dev.taskora.engine.adapter.Adapter bean, or remove yours to use the default.");
	}

	@Bean
	@ConditionalOnMissingBean(TaskoraOperations.class)
	TaskoraTemplate taskoraTemplate(Taskora taskora, TaskoraProperties properties,
			ObjectProvider<ObservationRegistry> observationRegistry,
			ObjectProvider<TaskoraDispatchObservationConvention> observationConvention) {
		TaskoraTemplate template = new TaskoraTemplate(taskora);
		template.setDispatchTimeout(properties.getDispatchTimeout());
		observationRegistry.ifUnique(template::setObservationRegistry);
		observationConvention.ifUnique(template::setObservationConvention);
		return template;
	}

	@Bean
	@ConditionalOnMissingBean
	TaskConsumerRegistry taskConsumerRegistry() {
		return new TaskConsumerRegistry();
	}

	@Bean
	@ConditionalOnMissingBean
	Inspector taskoraInspector(Taskora taskora) {
		return taskora.inspect();
	}

	@Bean
	@ConditionalOnMissingBean
	DeadLetters taskoraDeadLetters(Taskora taskora) {
		return taskora.deadLetters();
	}

	@Bean
	@ConditionalOnMissingBean
	TaskoraWorkerLifecycle taskoraWorkerLifecycle(Taskora taskora, TaskoraProperties properties) {
		return new TaskoraWorkerLifecycle(taskora, properties.getWorker().isEnabled(),
				properties.getWorker().getShutdownTimeout());
	}

}
