package dev.taskora.spring.core.reactive;

import java.time.Duration;

import dev.taskora.engine.EnqueueFailedException;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.adapter.redis.RedisTestServer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.boot.autoconfigure.reactive.TaskoraReactiveAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Reactive enqueue against a Redis that goes away: the {@code Mono} signals
 * {@link EnqueueFailedException} naming the task and the job within the dispatch timeout,
 * as the blocking {@code enqueue} throws it.
 */
class ReactiveTaskoraTemplateRedisIntegrationTests {

	@Test
	void aStoreThatIsGoneIsAnEnqueueFailedSignalNamingTheTaskAndJob() {
		RedisTestServer redis = RedisTestServer.startPrivate();
		assumeThat(redis).as("redis-server on the PATH").isNotNull();
		try {
			new ApplicationContextRunner()
				.withConfiguration(
						AutoConfigurations.of(TaskoraAutoConfiguration.class, TaskoraReactiveAutoConfiguration.class))
				.withPropertyValues("taskora.redis.url=" + redis.url(), "taskora.dispatch-timeout=1s",
						"taskora.worker.enabled=false")
				.run(context -> {
					context.getBean(TaskoraOperations.class).task("report", String.class, String.class);
					ReactiveTaskoraOperations taskora = context.getBean(ReactiveTaskoraOperations.class);
					ResultHandle<Object> stored = taskora.enqueue("report", "q3").block(Duration.ofSeconds(10));
					assertThat(stored.enqueued()).isCompletedWithValue(true);

					redis.stop();
					Mono<ResultHandle<Object>> lost = taskora.enqueue("report", "q4");
					assertThatExceptionOfType(EnqueueFailedException.class)
						.isThrownBy(() -> lost.block(Duration.ofSeconds(10)))
						.satisfies(ex -> {
							assertThat(ex.task()).isEqualTo("report");
							assertThat(ex.jobId()).isNotBlank().isNotEqualTo(stored.id());
							assertThat(ex.getMessage()).contains("of task 'report'");
						});
				});
		}
		finally {
			redis.stop();
		}
	}

}
