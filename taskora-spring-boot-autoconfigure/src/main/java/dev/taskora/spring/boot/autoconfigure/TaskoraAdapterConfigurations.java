package dev.taskora.spring.boot.autoconfigure;

import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.adapter.redis.RedisAdapter;
import dev.taskora.engine.adapter.redis.RedisAdapterOptions;
import dev.taskora.spring.boot.autoconfigure.TaskoraProperties.AdapterType;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The {@link Adapter} bean, first match wins: the Lettuce client of Spring Data Redis (so
 * {@code spring.data.redis.*} configures standalone, Sentinel, Cluster and SSL alike), else
 * {@code taskora.redis.url}, else memory. A user {@link Adapter} or {@link Taskora} bean replaces
 * all of them.
 */
final class TaskoraAdapterConfigurations {

	private static final Logger logger = LoggerFactory.getLogger(TaskoraAdapterConfigurations.class);

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
				logger.warn("taskora.redis.url is ignored: taskora uses Spring Data Redis' connection (spring.data.redis.*)");
			}
			if (!connectionFactory.isRunning()) {
				// Its native client exists only once started; early start is the factory's default.
				connectionFactory.start();
			}
			AbstractRedisClient client = connectionFactory.getRequiredNativeClient();
			RedisAdapterOptions options = RedisAdapterOptions.builder().prefix(properties.getPrefix()).build();
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
			String url = properties.getRedis().getUrl();
			return RedisAdapter.create(RedisAdapterOptions.builder().url(url).prefix(properties.getPrefix()).build());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingBean({ Adapter.class, Taskora.class })
	@ConditionalOnTaskoraAdapter({ AdapterType.AUTO, AdapterType.MEMORY })
	static class MemoryConfiguration {

		@Bean
		MemoryAdapter taskoraAdapter(TaskoraProperties properties) {
			if (properties.getAdapter() == AdapterType.AUTO) {
				if (properties.getRedis().getUrl() != null) {
					throw new InvalidTaskoraConfigurationException(
							"taskora.redis.url is set, but the Redis client (io.lettuce:lettuce-core) is not on the classpath.",
							"Add io.lettuce:lettuce-core (the taskora starter brings it), or remove taskora.redis.url.");
				}
				logger.warn("No Redis connection configured (spring.data.redis.* with spring-boot-data-redis, or"
						+ " taskora.redis.url): taskora keeps jobs in memory, so they are not persisted and not shared"
						+ " with other processes. Set taskora.adapter=memory to silence this warning.");
			}
			return MemoryAdapter.create();
		}

	}

}
