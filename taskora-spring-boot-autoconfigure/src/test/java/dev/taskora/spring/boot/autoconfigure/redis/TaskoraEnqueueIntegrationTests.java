package dev.taskora.spring.boot.autoconfigure.redis;

import java.time.Duration;
import java.util.function.Consumer;

import dev.taskora.engine.EnqueueFailedException;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.adapter.redis.RedisTestServer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@code enqueue} against a Redis of the test's own that stops answering or goes away:
 * the caller gets an exception naming the job instead of the id of a job that was never
 * stored.
 */
class TaskoraEnqueueIntegrationTests {

	private RedisTestServer redis;

	private ApplicationContextRunner runner;

	@BeforeEach
	void startRedis() {
		this.redis = RedisTestServer.startPrivate();
		assertThat(this.redis).as("redis-server on the PATH").isNotNull();
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
			.withPropertyValues("taskora.redis.url=" + this.redis.url(),
					"taskora.prefix=" + RedisTestServer.uniquePrefix(), "taskora.dispatch-timeout=1s");
	}

	@AfterEach
	void stopRedis() {
		try {
			this.redis.stop();
		}
		catch (IllegalStateException alreadyStopped) {
			// the test stopped it
		}
	}

	@Test
	void enqueueReturnsAStoredJobAndFailsNamingTheJobWhenRedisIsGone() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			Task<String, Void> remote = operations.task("remote", String.class, Void.class);
			ResultHandle<Void> stored = operations.enqueue(remote, "before the outage");
			assertThat(stored.enqueued()).isCompletedWithValue(true);
			assertThat(operations.findJob("remote", stored.id())).isPresent();
			this.redis.stop();
			assertThatExceptionOfType(EnqueueFailedException.class).isThrownBy(() -> operations.enqueue(remote, "lost"))
				.satisfies(ex -> {
					assertThat(ex.task()).isEqualTo("remote");
					assertThat(ex.getMessage()).startsWith("Job " + ex.jobId() + " of task 'remote' was not");
				});
		});
	}

	@Test
	void enqueueGivesUpAfterTheDispatchTimeoutWhenRedisDoesNotAnswer() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			Task<String, Void> remote = operations.task("remote", String.class, Void.class);
			operations.enqueue(remote, "warm up");
			pauseWrites(5_000);
			EnqueueFailedException failure = catchThrowableOfType(EnqueueFailedException.class,
					() -> operations.enqueue(remote, "stuck"));
			assertThat(failure).isNotNull();
			assertThat(failure.getMessage()).startsWith("Job " + failure.jobId() + " of task 'remote'")
				.contains("was not confirmed as stored within 1000ms")
				.contains("it may still be stored");
			unpause();
			// as the message says: the write was only held up, and the job is there once
			// Redis answers
			await().atMost(Duration.ofSeconds(10))
				.until(() -> operations.findJob("remote", failure.jobId()).isPresent());
		});
	}

	/**
	 * Makes Redis hold every write (and so every enqueue) for a while, as a stuck server
	 * would.
	 */
	private void pauseWrites(long millis) {
		client("PAUSE", Long.toString(millis), "WRITE");
	}

	private void unpause() {
		client("UNPAUSE");
	}

	private void client(String... arguments) {
		CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8);
		for (String argument : arguments) {
			args.add(argument);
		}
		command(connection -> connection.sync()
			.dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8), args));
	}

	private void command(Consumer<StatefulRedisConnection<String, String>> command) {
		RedisClient client = RedisClient.create(this.redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			command.accept(connection);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
		}
	}

}
