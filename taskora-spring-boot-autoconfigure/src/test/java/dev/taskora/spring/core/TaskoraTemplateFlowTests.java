package dev.taskora.spring.core;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.ExpiredException;
import dev.taskora.engine.JobContext;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.flow.Debounce;
import dev.taskora.engine.flow.Deduplicate;
import dev.taskora.engine.flow.DuplicateJobException;
import dev.taskora.engine.flow.Throttle;
import dev.taskora.engine.flow.ThrottledException;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Flow-control options through {@link TaskoraOperations}: a refused {@code enqueue}
 * returns a handle that says so, or throws what {@code throwOnReject} asks for; debounce
 * and per-key concurrency reach the store.
 */
class TaskoraTemplateFlowTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory", "taskora.worker.enabled=false")
		.withBean(ReportConsumer.class);

	private static DispatchOptions dedup(String key) {
		return DispatchOptions.builder().deduplicate(new Deduplicate(key)).build();
	}

	@Test
	void aDuplicateEnqueueReturnsAHandleNamingTheJobThatHoldsTheKey() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			ResultHandle<Object> first = operations.enqueue("report", "user-7", dedup("report:user-7"));
			ResultHandle<Object> second = operations.enqueue("report", "user-7", dedup("report:user-7"));

			assertThat(first.enqueued()).isCompletedWithValue(true);
			assertThat(second.enqueued()).isCompletedWithValue(false);
			assertThat(second.existingId()).isEqualTo(first.id());
			assertThat(operations.findJob(second.id())).isEmpty();
			assertThat(operations.counts("report")).containsEntry(JobState.WAITING, 1L);
		});
	}

	@Test
	void throwOnRejectMakesEnqueueThrowTheRefusal() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			DispatchOptions deduplicated = DispatchOptions.builder()
				.deduplicate(new Deduplicate("report:user-8"))
				.throwOnReject(true)
				.build();
			String holder = operations.enqueue("report", "user-8", deduplicated).id();
			assertThatExceptionOfType(DuplicateJobException.class)
				.isThrownBy(() -> operations.enqueue("report", "user-8", deduplicated))
				.satisfies(ex -> {
					assertThat(ex.key()).isEqualTo("report:user-8");
					assertThat(ex.existingId()).isEqualTo(holder);
				});

			DispatchOptions throttled = DispatchOptions.builder()
				.throttle(new Throttle("partner-api", 2, Duration.ofHours(1)))
				.throwOnReject(true)
				.build();
			operations.enqueue("report", "a", throttled);
			operations.enqueue("report", "b", throttled);
			assertThatExceptionOfType(ThrottledException.class)
				.isThrownBy(() -> operations.enqueue("report", "c", throttled))
				.satisfies(ex -> assertThat(ex.key()).isEqualTo("partner-api"));
			assertThat(operations.counts("report")).containsEntry(JobState.WAITING, 3L);
		});
	}

	@Test
	void aThrottledEnqueueWithoutThrowOnRejectReturnsAHandleNotEnqueued() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			DispatchOptions throttled = DispatchOptions.builder()
				.throttle(new Throttle("partner-api", 1, Duration.ofHours(1)))
				.build();
			assertThat(operations.enqueue("report", "a", throttled).enqueued()).isCompletedWithValue(true);
			ResultHandle<Object> refused = operations.enqueue("report", "b", throttled);
			assertThat(refused.enqueued()).isCompletedWithValue(false);
			assertThat(refused.existingId()).isNull();
			assertThat(refused.state()).isNull();
		});
	}

	@Test
	void debouncedDispatchesThroughTheTemplateLeaveOneDelayedJobWithTheLastPayload() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			DispatchOptions debounced = DispatchOptions.builder()
				.debounce(new Debounce("report:user-9", Duration.ofMinutes(1)))
				.build();
			operations.enqueue("report", "draft", debounced);
			ResultHandle<Object> last = operations.enqueue("report", "final", debounced);
			assertThat(operations.counts("report")).containsEntry(JobState.DELAYED, 1L);
			assertThat(operations.findJob(last.id())).get().satisfies(job -> assertThat(job.data()).isEqualTo("final"));
		});
	}

	@Test
	void aPerKeyLimitThroughTheTemplateRunsAKeysJobsOneAtATime() {
		this.runner.withPropertyValues("taskora.worker.enabled=true").run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			ReportConsumer consumer = context.getBean(ReportConsumer.class);
			DispatchOptions perUser = DispatchOptions.builder().concurrencyKey("user:1").concurrencyLimit(1).build();
			ResultHandle<Object> first = operations.enqueue("report", "block", perUser);
			assertThat(consumer.blocked.await(10, TimeUnit.SECONDS)).isTrue();
			ResultHandle<Object> second = operations.enqueue("report", "next", perUser);
			ResultHandle<Object> otherUser = operations.enqueue("report", "other",
					DispatchOptions.builder().concurrencyKey("user:2").build());
			assertThat(otherUser.await(WAIT)).isEqualTo("other");
			assertThat(second.state()).as("held while user:1 runs").isEqualTo(JobState.WAITING);
			consumer.release.countDown();
			assertThat(first.await(WAIT)).isEqualTo("block");
			assertThat(second.await(WAIT)).isEqualTo("next");
			assertThat(consumer.started).containsExactly("block", "other", "next");
		});
	}

	@Test
	void aJobEnqueuedWithATtlThatPassesBeforeItIsDueExpiresWithoutReachingItsConsumer() {
		this.runner.withPropertyValues("taskora.worker.enabled=true").run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			ReportConsumer consumer = context.getBean(ReportConsumer.class);
			ResultHandle<Object> stale = operations.enqueue("report", "stale",
					DispatchOptions.builder().delay(Duration.ofMillis(300)).ttl(Duration.ofMillis(100)).build());
			ResultHandle<Object> fresh = operations.enqueue("report", "fresh",
					DispatchOptions.builder().delay(Duration.ofMillis(300)).ttl(Duration.ofMinutes(1)).build());

			assertThatExceptionOfType(ExpiredException.class).isThrownBy(() -> stale.await(WAIT));
			assertThat(stale.state()).isEqualTo(JobState.EXPIRED);
			assertThat(fresh.await(WAIT)).isEqualTo("fresh");
			assertThat(consumer.started).containsExactly("fresh");
		});
	}

	@TaskConsumer(name = "report", concurrency = "4")
	static class ReportConsumer implements TaskHandler<String, String> {

		final CountDownLatch blocked = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		final List<String> started = new CopyOnWriteArrayList<>();

		@Override
		public String handle(String data, JobContext ctx) throws InterruptedException {
			this.started.add(data);
			if (data.equals("block")) {
				this.blocked.countDown();
				this.release.await();
			}
			return data;
		}

	}

}
