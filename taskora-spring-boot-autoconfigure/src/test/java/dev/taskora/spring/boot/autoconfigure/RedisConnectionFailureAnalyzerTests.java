package dev.taskora.spring.boot.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;

import dev.taskora.engine.adapter.redis.RedisTestServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Startup against a Redis that cannot be used, as a user sees it: the failure analysis.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisConnectionFailureAnalyzerTests {

	private static final String PASSWORD = "the-right-one-7f3a";

	private static final String WRONG_PASSWORD = "not-the-password-91c2";

	private static RedisTestServer protectedRedis;

	@BeforeAll
	static void startRedisWithAPassword() {
		protectedRedis = RedisTestServer.startPrivate();
		assertThat(protectedRedis).as("redis-server on the PATH").isNotNull();
		RedisClient client = RedisClient.create(protectedRedis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().configSet("requirepass", PASSWORD);
		}
		finally {
			client.shutdown();
		}
	}

	@AfterAll
	static void stopRedis() {
		protectedRedis.stop();
	}

	@Test
	void explainsARedisWithNothingListeningThroughSpringDataRedis(CapturedOutput output) throws IOException {
		int port = freePort();
		assertThatException().isThrownBy(() -> start(SpringDataRedisApp.class,
				"--spring.data.redis.url=redis://:" + WRONG_PASSWORD + "@127.0.0.1:" + port));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Taskora could not connect to Redis while the application started.")
			.contains("Redis: redis://:****@127.0.0.1:" + port + " (from spring.data.redis.url)")
			.contains("Make sure Redis is running and reachable at redis://:****@127.0.0.1:" + port)
			.contains("set taskora.adapter=memory")
			.doesNotContain(WRONG_PASSWORD);
	}

	@Test
	void explainsARedisWithNothingListeningThroughTaskoraRedisUrl(CapturedOutput output) throws IOException {
		int port = freePort();
		assertThatException()
			.isThrownBy(() -> start(TaskoraOnlyApp.class, "--taskora.redis.url=redis://127.0.0.1:" + port));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Redis: redis://127.0.0.1:" + port + " (from taskora.redis.url)")
			.contains("or point taskora.redis.url at your Redis");
	}

	@Test
	void explainsAWrongPasswordThroughSpringDataRedis(CapturedOutput output) {
		String address = protectedRedis.url().substring("redis://".length());
		assertThatException().isThrownBy(() -> start(SpringDataRedisApp.class,
				"--spring.data.redis.url=redis://:" + WRONG_PASSWORD + "@" + address));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Taskora could not authenticate with Redis while the application started.")
			.contains("Redis: redis://:****@" + address + " (from spring.data.redis.url)")
			.contains("Redis refused the credentials. Check the user and password in spring.data.redis.url")
			.doesNotContain(WRONG_PASSWORD);
	}

	@Test
	void explainsAMissingPasswordThroughSpringDataRedisHostAndPort(CapturedOutput output) {
		String[] hostAndPort = protectedRedis.url().substring("redis://".length()).split(":");
		assertThatException().isThrownBy(() -> start(SpringDataRedisApp.class,
				"--spring.data.redis.host=" + hostAndPort[0], "--spring.data.redis.port=" + hostAndPort[1]));
		assertThat(output).contains("Taskora could not authenticate with Redis while the application started.")
			.contains("Redis: redis://" + hostAndPort[0] + ":" + hostAndPort[1] + " (from spring.data.redis.*)")
			.contains("Check spring.data.redis.password (and spring.data.redis.username for an ACL user)");
	}

	@Test
	void explainsAWrongPasswordThroughTaskoraRedisUrl(CapturedOutput output) {
		String address = protectedRedis.url().substring("redis://".length());
		assertThatException().isThrownBy(
				() -> start(TaskoraOnlyApp.class, "--taskora.redis.url=redis://:" + WRONG_PASSWORD + "@" + address));
		assertThat(output).contains("Taskora could not authenticate with Redis while the application started.")
			.contains("Redis: redis://:****@" + address + " (from taskora.redis.url)")
			.contains("Check the user and password in taskora.redis.url")
			.doesNotContain(WRONG_PASSWORD);
	}

	@Test
	void masksPasswordsInUrls() {
		assertThat(RedisConnectionFailureAnalyzer.mask("redis://user:secret@host:6379/2"))
			.isEqualTo("redis://user:****@host:6379/2");
		assertThat(RedisConnectionFailureAnalyzer.mask("rediss://:secret@host")).isEqualTo("rediss://:****@host");
		assertThat(RedisConnectionFailureAnalyzer.mask("redis://secret@host")).isEqualTo("redis://****@host");
		assertThat(RedisConnectionFailureAnalyzer.mask("redis://host:6379")).isEqualTo("redis://host:6379");
	}

	private static void start(Class<?> app, String... args) {
		SpringApplication application = new SpringApplication(app);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, TaskoraAutoConfiguration.class })
	static class SpringDataRedisApp {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(TaskoraAutoConfiguration.class)
	static class TaskoraOnlyApp {

	}

}
