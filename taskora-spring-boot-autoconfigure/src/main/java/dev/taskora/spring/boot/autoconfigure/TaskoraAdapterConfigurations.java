package dev.taskora.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.adapter.redis.RedisAdapter;
import dev.taskora.engine.adapter.redis.RedisAdapterOptions;
import dev.taskora.spring.boot.autoconfigure.TaskoraProperties.AdapterType;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.resource.Delay;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.ClassUtils;

/**
 * The {@link Adapter} bean, first match wins: the Lettuce client of Spring Data Redis (so
 * {@code spring.data.redis.*} configures standalone, Sentinel, Cluster and SSL alike),
 * else {@code taskora.redis.url}, else memory. A user {@link Adapter} or {@link Taskora}
 * bean replaces all of them. {@code spring.data.redis.*} properties without a Lettuce
 * connection factory to read them stop startup rather than fall back to memory: the
 * application means to use Redis.
 */
final class TaskoraAdapterConfigurations {

	private static final Logger logger = LoggerFactory.getLogger(TaskoraAdapterConfigurations.class);

	/**
	 * Properties that say which Redis to use; others (repositories, client type) do not.
	 */
	private static final String[] CONNECTION_PROPERTIES = { "url", "host", "port", "username", "password", "database",
			"sentinel.master", "sentinel.nodes", "cluster.nodes", "ssl.enabled", "ssl.bundle", "client-name" };

	private static final String LETTUCE_CONNECTION_FACTORY = "org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory";

	private TaskoraAdapterConfigurations() {
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RedisClient.class, LettuceConnectionFactory.class })
	@ConditionalOnBean(LettuceConnectionFactory.class)
	@ConditionalOnMissingBean({ Adapter.class, Taskora.class })
	@ConditionalOnTaskoraAdapter({ AdapterType.AUTO, AdapterType.REDIS })
	static class DataRedisConfiguration {

		@Bean
		RedisAdapter taskoraAdapter(LettuceConnectionFactory connectionFactory, TaskoraProperties properties) {
			if (properties.getRedis().getUrl() != null) {
				logger.warn(
						"taskora.redis.url is ignored: taskora uses Spring Data Redis' connection (spring.data.redis.*)");
			}
			return over(connectionFactory, properties.getPrefix());
		}

		/**
		 * An adapter over the connection factory's Lettuce client (standalone or
		 * cluster), under {@code prefix}; the default app and every named app without a
		 * URL of its own share the application's Redis this way.
		 */
		static RedisAdapter over(LettuceConnectionFactory connectionFactory, @Nullable String prefix) {
			if (!connectionFactory.isRunning()) {
				// Its native client exists only once started; early start is the
				// factory's default.
				connectionFactory.start();
			}
			AbstractRedisClient client = connectionFactory.getRequiredNativeClient();
			RedisAdapterOptions options = RedisAdapterOptions.builder().prefix(prefix).build();
			if (client instanceof RedisClusterClient cluster) {
				return RedisAdapter.create(cluster, options);
			}
			return RedisAdapter.create((RedisClient) client, options);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RedisClient.class)
	@ConditionalOnProperty("taskora.redis.url")
	@ConditionalOnMissingBean({ Adapter.class, Taskora.class })
	@ConditionalOnTaskoraAdapter({ AdapterType.AUTO, AdapterType.REDIS })
	static class RedisUrlConfiguration {

		@Bean
		RedisAdapter taskoraAdapter(TaskoraProperties properties) {
			return at(properties.getRedis().getUrl(), properties);
		}

		/**
		 * An adapter of its own at {@code url}, with the app's prefix, reconnect delay
		 * and dispatch timeout; named apps with a {@code redis.url} get theirs here too.
		 */
		static RedisAdapter at(@Nullable String url, TaskoraProperties properties) {
			return RedisAdapter.create(RedisAdapterOptions.builder()
				.url(url)
				.prefix(properties.getPrefix())
				.reconnectDelay(properties.getRedis().getReconnectDelay())
				.dispatchTimeout(properties.getDispatchTimeout())
				.build());
		}

	}

	/**
	 * Caps the reconnect delay of Spring Data Redis' Lettuce client at
	 * {@code taskora.redis.reconnect-delay}: Lettuce's own default doubles up to 30 s, so
	 * workers would resume up to half a minute after Redis came back.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ RedisClient.class, ClientResourcesBuilderCustomizer.class })
	@ConditionalOnTaskoraAdapter({ AdapterType.AUTO, AdapterType.REDIS })
	static class DataRedisReconnectConfiguration {

		@Bean
		ClientResourcesBuilderCustomizer taskoraReconnectDelay(TaskoraProperties properties) {
			Duration max = properties.getRedis().getReconnectDelay();
			Duration lower = (max.toMillis() < 10) ? max : Duration.ofMillis(10);
			return builder -> builder.reconnectDelay(Delay.exponential(lower, max, 2, TimeUnit.MILLISECONDS));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean({ Adapter.class, Taskora.class })
	@ConditionalOnTaskoraAdapter({ AdapterType.AUTO, AdapterType.MEMORY })
	static class MemoryConfiguration {

		@Bean
		MemoryAdapter taskoraAdapter(TaskoraProperties properties, Environment environment,
				ResourceLoader resourceLoader) {
			if (properties.getAdapter() == AdapterType.AUTO) {
				if (properties.getRedis().getUrl() != null) {
					throw new InvalidTaskoraConfigurationException(
							"taskora.redis.url is set, but the Redis client (io.lettuce:lettuce-core) is not on the classpath.",
							"Add io.lettuce:lettuce-core (the taskora starter brings it), or remove taskora.redis.url.");
				}
				InvalidTaskoraConfigurationException unusedRedis = unusedSpringDataRedis(environment,
						resourceLoader.getClassLoader(), null);
				if (unusedRedis != null) {
					throw unusedRedis;
				}
				logger.warn("No Redis connection configured (spring.data.redis.* with spring-boot-data-redis, or"
						+ " taskora.redis.url): taskora keeps jobs in memory, so they are not persisted and not shared"
						+ " with other processes. Set taskora.adapter=memory to silence this warning.");
			}
			return MemoryAdapter.create();
		}

	}

	/**
	 * The failure to report when {@code spring.data.redis.*} configures a Redis that
	 * taskora cannot use through Spring Data Redis, or {@code null} when no such property
	 * is set.
	 * @param adapter what {@code taskora.adapter} asked for, {@code null} for
	 * {@code auto}
	 */
	static @Nullable InvalidTaskoraConfigurationException unusedSpringDataRedis(Environment environment,
			@Nullable ClassLoader classLoader, @Nullable AdapterType adapter) {
		String property = null;
		for (String name : CONNECTION_PROPERTIES) {
			if (environment.containsProperty("spring.data.redis." + name)) {
				property = "spring.data.redis." + name;
				break;
			}
		}
		if (property == null) {
			return null;
		}
		String consequence = (adapter == AdapterType.REDIS)
				? "so taskora has no Redis connection (taskora.adapter is 'redis')."
				: "so taskora would keep jobs in memory instead of Redis.";
		String alternatives = " Or set taskora.redis.url=redis://host:6379 to connect without Spring Data Redis, or"
				+ " taskora.adapter=memory to keep jobs in memory on purpose.";
		if (!ClassUtils.isPresent(LETTUCE_CONNECTION_FACTORY, classLoader)) {
			return new InvalidTaskoraConfigurationException(
					property + " is set, but Spring Data Redis"
							+ " (org.springframework.boot:spring-boot-data-redis) is not on the classpath to read it, "
							+ consequence,
					"Add org.springframework.boot:spring-boot-starter-data-redis, so that taskora uses the Redis that"
							+ " spring.data.redis.* configures." + alternatives);
		}
		return new InvalidTaskoraConfigurationException(
				property + " is set, but there is no LettuceConnectionFactory"
						+ " bean (Spring Data Redis is set up for Jedis, or its auto-configuration is excluded), "
						+ consequence,
				"Let Spring Data Redis use Lettuce (the default; taskora needs Lettuce) and keep"
						+ " DataRedisAutoConfiguration enabled." + alternatives);
	}

}
