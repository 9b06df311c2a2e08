package dev.taskora.spring.boot.autoconfigure.apps;

import java.util.Arrays;
import java.util.List;

import dev.taskora.engine.adapter.redis.RedisTestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;

import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;

/** What the multi-app tests read back: an app's beans, and the keys apps wrote. */
final class AppsTestSupport {

	private AppsTestSupport() {
	}

	/** The bean of {@code type} that belongs to {@code app}. */
	static <T> T qualified(AssertableApplicationContext context, Class<T> type, String app) {
		return BeanFactoryAnnotationUtils.qualifiedBeanOfType(context.getBeanFactory(), type, app);
	}

	/** The keys of the test Redis database that carry one of the prefixes. */
	static List<String> keys(int database, String... prefixes) {
		RedisClient client = RedisClient.create(RedisTestServer.get().url() + "/" + database);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync()
				.keys("*")
				.stream()
				.filter(key -> Arrays.stream(prefixes).anyMatch(key::contains))
				.toList();
		}
		finally {
			client.shutdown();
		}
	}

}
