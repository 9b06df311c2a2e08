package dev.taskora.engine.adapter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.engine.inspect.RetryOutcome;
import dev.taskora.engine.job.LogEntry;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.testing.VirtualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The {@link InspectStore} facet: one job, its state and log, counts per state for one
 * task or many at once, a job found by id among many tasks, and the next due time; and on
 * top of it the app's inspector and dead letters.
 */
public abstract class InspectContract extends AdapterContract {

	protected InspectContract(AdapterFactory factory) {
		super(factory);
	}

	@Test
	void countsJobsByState() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<Integer, Integer> task = app.task(name(), Integer.class, Integer.class).handler((n, ctx) -> {
			if (n < 0) {
				throw new IllegalArgumentException("negative");
			}
			return n;
		});
		task.dispatch(1).enqueued().join();
		task.dispatch(-1).enqueued().join();
		processAll(app);
		task.dispatch(2).enqueued().join();
		task.dispatch(3, DispatchOptions.delay(Duration.ofMinutes(1))).enqueued().join();
		Map<JobState, Long> counts = adapter(app).inspect().countByState(task.name()).join();
		assertThat(counts).containsEntry(JobState.WAITING, 1L)
			.containsEntry(JobState.DELAYED, 1L)
			.containsEntry(JobState.COMPLETED, 1L)
			.containsEntry(JobState.FAILED, 1L)
			.containsEntry(JobState.ACTIVE, 0L)
			.containsKeys(JobState.values());
	}

	@Test
	void countsSeveralTasksInOneCallWithEveryStatePresent() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> first = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
		Task<String, String> second = app.task(name(), String.class, String.class).register();
		first.dispatch("a").enqueued().join();
		processAll(app);
		second.dispatch("b").enqueued().join();
		second.dispatch("c", DispatchOptions.priority(5)).enqueued().join();
		String unknown = name();

		Map<String, Map<JobState, Long>> counts = adapter(app).inspect()
			.countByState(List.of(first.name(), second.name(), unknown))
			.join();

		assertThat(counts).containsOnlyKeys(first.name(), second.name(), unknown);
		assertThat(counts.get(first.name())).containsEntry(JobState.COMPLETED, 1L).containsEntry(JobState.WAITING, 0L);
		assertThat(counts.get(second.name())).containsEntry(JobState.WAITING, 2L);
		assertThat(counts.get(unknown)).containsKeys(JobState.values())
			.allSatisfy((state, count) -> assertThat(count).isZero());
		assertThat(adapter(app).inspect().countByState(List.of()).join()).isEmpty();
	}

	@Test
	void findsAJobByIdAmongSeveralTasksInOneCall() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> first = app.task(name(), String.class, String.class).register();
		Task<String, String> second = app.task(name(), String.class, String.class).register();
		ResultHandle<String> handle = second.dispatch("find me");
		handle.enqueued().join();

		JobRecord record = adapter(app).inspect().findJob(handle.id(), List.of(first.name(), second.name())).join();

		assertThat(record).isNotNull();
		assertThat(record.task()).isEqualTo(second.name());
		assertThat(record.id()).isEqualTo(handle.id());
		assertThat(record.state()).isEqualTo(JobState.WAITING);
		assertThat(record.data()).isEqualTo("\"find me\"");
		assertThat(adapter(app).inspect().findJob(handle.id(), List.of(first.name())).join()).isNull();
		assertThat(adapter(app).inspect().findJob(handle.id(), List.of()).join()).isNull();
	}

	@Test
	void anUnknownJobHasNoRecordNoStateAndNoLog() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).register();
		task.dispatch("x").enqueued().join();
		InspectStore inspect = adapter(app).inspect();
		assertThat(inspect.findJob(task.name(), "missing").join()).isNull();
		assertThat(inspect.state(task.name(), "missing").join()).isNull();
		assertThat(inspect.logs(task.name(), "missing").join()).isEmpty();
		assertThat(inspect.nextDelayedAt(task.name()).join()).isNull();
	}

	@Test
	void tellsWhenTheEarliestDelayedJobIsDue() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).register();
		long now = clock.millis();
		task.dispatch("later", DispatchOptions.delay(Duration.ofMinutes(5))).enqueued().join();
		task.dispatch("sooner", DispatchOptions.delay(Duration.ofSeconds(30))).enqueued().join();
		assertThat(adapter(app).inspect().nextDelayedAt(task.name()).join()).isEqualTo(now + 30_000);
	}

	@Test
	void theInspectorFindsAJobByIdAcrossTheAppsTasksWithItsTypes() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<Echo, Echo> echo = app.task(name(), Echo.class, Echo.class).handler((e, ctx) -> {
			ctx.log().info("echoing");
			ctx.progress(100);
			return new Echo(e.text() + "!");
		});
		app.task(name(), String.class, String.class).register();
		ResultHandle<Echo> handle = echo.dispatch(new Echo("hi"));
		handle.enqueued().join();
		processAll(app);

		JobSnapshot<Object, Object> found = app.inspect().find(handle.id()).orElseThrow();
		assertThat(found.task()).isEqualTo(echo.name());
		assertThat(found.state()).isEqualTo(JobState.COMPLETED);
		assertThat(found.data()).isEqualTo(new Echo("hi"));
		assertThat(found.result()).isEqualTo(new Echo("hi!"));
		assertThat(found.attempt()).isEqualTo(1);
		assertThat(found.progress()).isEqualTo(100);
		assertThat(found.logs()).extracting(LogEntry::message).containsExactly("echoing");
		assertThat(found.timeline().finishedOn()).isNotNull();
		JobSnapshot<Echo, Echo> typed = app.inspect().find(echo, handle.id()).orElseThrow();
		assertThat(typed.result().text()).isEqualTo("hi!");
		assertThat(app.inspect().find(UUID.randomUUID().toString())).isEmpty();
	}

	@Test
	void aSnapshotShowsRunsSoFarNoStaleErrorAndTheCancelReason() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> flaky = app.task(name(), String.class, String.class)
			.retry(Retry.fixed(3, Duration.ofSeconds(10)).jitter(false))
			.handler((s, ctx) -> {
				if (ctx.attempt() == 1) {
					throw new IllegalStateException("first run fails");
				}
				return s;
			});
		ResultHandle<String> handle = flaky.dispatch("x");
		handle.enqueued().join();
		processAll(app);
		JobSnapshot<String, String> retrying = app.inspect().find(flaky, handle.id()).orElseThrow();
		assertThat(retrying.state()).isEqualTo(JobState.RETRYING);
		assertThat(retrying.attempt()).as("runs so far").isEqualTo(1);
		assertThat(retrying.error()).isEqualTo("first run fails");
		clock.advance(Duration.ofSeconds(10));
		processAll(app);
		JobSnapshot<String, String> completed = app.inspect().find(flaky, handle.id()).orElseThrow();
		assertThat(completed.state()).isEqualTo(JobState.COMPLETED);
		assertThat(completed.attempt()).isEqualTo(2);
		assertThat(completed.error()).isNull();

		ResultHandle<String> cancelled = flaky.dispatch("y", DispatchOptions.delay(Duration.ofMinutes(1)));
		cancelled.enqueued().join();
		cancelled.cancel("not needed");
		JobSnapshot<String, String> snapshot = app.inspect().find(flaky, cancelled.id()).orElseThrow();
		assertThat(snapshot.state()).isEqualTo(JobState.CANCELLED);
		assertThat(snapshot.cancelReason()).isEqualTo("not needed");
	}

	@Test
	void aJobOfATaskRegisteredHereWithoutItsTypesReadsAsPlainJson() {
		VirtualClock clock = new VirtualClock();
		Taskora producer = virtual(clock);
		Task<Echo, Echo> remote = producer.task(name(), Echo.class, Echo.class).register();
		ResultHandle<Echo> handle = remote.dispatch(new Echo("far"));
		handle.enqueued().join();
		Taskora other = liveSharingStoreWith(producer);
		assertThat(other.inspect().find(handle.id())).as("not one of the other app's tasks").isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> other.inspect().find(remote.name(), handle.id()))
			.withMessageContaining("'" + remote.name() + "'")
			.withMessageContaining("register()");

		other.task(remote.name(), Object.class, Object.class).register();
		JobSnapshot<Object, Object> found = other.inspect().find(remote.name(), handle.id()).orElseThrow();
		assertThat(found.data()).isEqualTo(Map.of("text", "far"));
		assertThat(other.inspect().find(handle.id())).isPresent();
	}

	@Test
	void theInspectorCountsEveryTaskOfTheApp() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> first = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
		Task<String, String> second = app.task(name(), String.class, String.class).register();
		first.dispatch("a").enqueued().join();
		processAll(app);
		second.dispatch("b").enqueued().join();

		Map<String, Map<JobState, Long>> counts = app.inspect().counts();
		assertThat(counts).containsOnlyKeys(first.name(), second.name());
		assertThat(counts.get(first.name())).containsEntry(JobState.COMPLETED, 1L).containsKeys(JobState.values());
		assertThat(counts.get(second.name())).containsEntry(JobState.WAITING, 1L);
		assertThat(app.inspect().counts(second.name())).isEqualTo(counts.get(second.name()));
		assertThat(app.inspect().countsAsync().join()).isEqualTo(counts);
	}

	@Test
	void deadLettersRetryAFailedJobAndLeaveOthersAsTheyAre() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		AtomicInteger runs = new AtomicInteger();
		Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> {
			if (runs.incrementAndGet() == 1) {
				throw new IllegalStateException("first run fails");
			}
			return "ok";
		});
		ResultHandle<String> failed = task.dispatch("x");
		failed.enqueued().join();
		processAll(app);
		ResultHandle<String> waiting = task.dispatch("y", DispatchOptions.delay(Duration.ofMinutes(1)));
		waiting.enqueued().join();

		assertThat(app.deadLetters().retry(waiting.id())).isEqualTo(RetryOutcome.NOT_RETRYABLE);
		assertThat(waiting.state()).isEqualTo(JobState.DELAYED);
		assertThat(app.deadLetters().retry(UUID.randomUUID().toString())).isEqualTo(RetryOutcome.NOT_FOUND);
		assertThat(app.deadLetters().retry(failed.id())).isEqualTo(RetryOutcome.RETRIED);
		JobSnapshot<String, String> retried = app.inspect().find(task, failed.id()).orElseThrow();
		assertThat(retried.state()).isEqualTo(JobState.WAITING);
		assertThat(retried.attempt()).isEqualTo(1);
		processAll(app);
		assertThat(failed.state()).isEqualTo(JobState.COMPLETED);
		assertThat(app.deadLetters().retry(task, failed.id())).isEqualTo(RetryOutcome.NOT_RETRYABLE);
	}

}
