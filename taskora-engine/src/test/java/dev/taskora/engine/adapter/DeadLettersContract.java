package dev.taskora.engine.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.inspect.DeadLetters;
import dev.taskora.engine.inspect.ErrorGroup;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.engine.inspect.Paging;
import dev.taskora.engine.inspect.RetryOutcome;
import dev.taskora.engine.job.CancelOutcome;
import dev.taskora.engine.testing.VirtualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The dead letters over the {@link InspectStore} and {@link Maintenance} facets: failed
 * jobs listed and grouped by error, one failed or cancelled job retried (and any other
 * left alone, saying why), every failed job retried in batches, each exactly once.
 */
public abstract class DeadLettersContract extends AdapterContract {

	protected DeadLettersContract(AdapterFactory factory) {
		super(factory);
	}

	@Test
	void listsFailedJobsNewestFirstPerTaskAndAcrossTasks() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> first = failing(app);
		Task<String, String> second = failing(app);
		for (Task<String, String> task : List.of(first, second, first)) {
			task.dispatch(task.name() + "@" + clock.millis()).enqueued().join();
			processAll(app);
			clock.advance(Duration.ofMinutes(1));
		}
		DeadLetters dlq = app.deadLetters();

		List<JobSnapshot<Object, Object>> firstOnly = dlq.list(first.name(), Paging.first(10));
		assertThat(firstOnly).hasSize(2).allSatisfy(job -> {
			assertThat(job.state()).isEqualTo(JobState.FAILED);
			assertThat(job.error()).isEqualTo("broken: " + job.data());
		});
		assertThat(firstOnly.get(0).timeline().finishedOn()).isGreaterThan(firstOnly.get(1).timeline().finishedOn());
		List<JobSnapshot<Object, Object>> all = dlq.list(Paging.first(10));
		assertThat(all).extracting(JobSnapshot::task).containsExactly(first.name(), second.name(), first.name());
		assertThat(dlq.list(Paging.of(1, 1))).extracting(JobSnapshot::task).containsExactly(second.name());
		List<JobSnapshot<String, String>> typed = dlq.list(second, Paging.first(10));
		assertThat(typed).singleElement().satisfies(job -> assertThat(job.data()).startsWith(second.name()));
	}

	@Test
	void groupsFailedJobsByErrorMessageMostFrequentFirst() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> first = failing(app);
		Task<String, String> second = failing(app);
		for (String reason : List.of("timeout", "refused", "timeout", "bad input", "refused", "timeout")) {
			first.dispatch(reason).enqueued().join();
		}
		second.dispatch("timeout").enqueued().join();
		second.dispatch("zzz").enqueued().join();
		processAll(app);

		assertThat(app.deadLetters().errors(first.name())).containsExactly(new ErrorGroup("broken: timeout", 3),
				new ErrorGroup("broken: refused", 2), new ErrorGroup("broken: bad input", 1));
		assertThat(app.deadLetters().errors()).containsExactly(new ErrorGroup("broken: timeout", 4),
				new ErrorGroup("broken: refused", 2), new ErrorGroup("broken: bad input", 1),
				new ErrorGroup("broken: zzz", 1));
		Task<String, String> clean = failing(app);
		assertThat(app.deadLetters().errors(clean.name())).isEmpty();
	}

	@Test
	void retriesAFailedOrCancelledJobAndLeavesAnyOtherAsItIsSayingWhy() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		AtomicBoolean broken = new AtomicBoolean(true);
		Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> {
			if (broken.get()) {
				throw new IllegalStateException("broken");
			}
			return s.toUpperCase();
		});
		ResultHandle<String> failed = task.dispatch("failed");
		failed.enqueued().join();
		processAll(app);
		broken.set(false);
		ResultHandle<String> completed = task.dispatch("completed");
		completed.enqueued().join();
		processAll(app);
		ResultHandle<String> cancelled = task.dispatch("cancelled", DispatchOptions.delay(Duration.ofHours(1)));
		cancelled.enqueued().join();
		assertThat(cancelled.cancel("not now")).isEqualTo(CancelOutcome.CANCELLED);
		ResultHandle<String> waiting = task.dispatch("waiting");
		waiting.enqueued().join();
		Task<String, String> held = app.task(name(), String.class, String.class).register();
		ResultHandle<String> active = held.dispatch("active");
		active.enqueued().join();
		adapter(app).jobs().claim(held.name(), claimRequest(adapter(app), 60_000)).join();
		clock.advance(Duration.ofMinutes(1));
		DeadLetters dlq = app.deadLetters();

		JobRecord waitingBefore = record(app, task, waiting.id());
		assertThat(dlq.retry(waiting.id())).isEqualTo(RetryOutcome.NOT_RETRYABLE);
		assertThat(record(app, task, waiting.id())).isEqualTo(waitingBefore);
		JobRecord completedBefore = record(app, task, completed.id());
		assertThat(dlq.retry(task, completed.id())).isEqualTo(RetryOutcome.NOT_RETRYABLE);
		assertThat(record(app, task, completed.id())).isEqualTo(completedBefore);
		JobRecord activeBefore = record(app, held, active.id());
		assertThat(dlq.retry(active.id())).isEqualTo(RetryOutcome.NOT_RETRYABLE);
		assertThat(record(app, held, active.id())).isEqualTo(activeBefore);
		assertThat(dlq.retry(UUID.randomUUID().toString())).isEqualTo(RetryOutcome.NOT_FOUND);
		assertThat(dlq.retry(held, failed.id())).as("another task's job").isEqualTo(RetryOutcome.NOT_FOUND);

		assertThat(dlq.retry(failed.id())).isEqualTo(RetryOutcome.RETRIED);
		assertThat(dlq.retry(task, cancelled.id())).isEqualTo(RetryOutcome.RETRIED);
		for (ResultHandle<String> retried : List.of(failed, cancelled)) {
			JobSnapshot<String, String> job = app.inspect().find(task, retried.id()).orElseThrow();
			assertThat(job.state()).isEqualTo(JobState.WAITING);
			assertThat(job.attempt()).isEqualTo(1);
			assertThat(job.error()).isNull();
			assertThat(job.cancelReason()).isNull();
			assertThat(job.timeline().ts()).as("a fresh dispatch").isEqualTo(clock.millis());
			assertThat(job.timeline().finishedOn()).isNull();
		}
		assertThat(dlq.retry(failed.id())).as("not failed any more").isEqualTo(RetryOutcome.NOT_RETRYABLE);
		processAll(app);
		assertThat(failed.state()).isEqualTo(JobState.COMPLETED);
		assertThat(cancelled.state()).isEqualTo(JobState.COMPLETED);
		assertThat(app.inspect().find(task, cancelled.id()).orElseThrow().result()).isEqualTo("CANCELLED");
	}

	@Test
	void aRetriedJobKeepsNoStallCountAndNoCancelFlagFromItsLastRun() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).register();
		ResultHandle<String> handle = task.dispatch("x");
		handle.enqueued().join();
		Adapter adapter = adapter(app);
		ClaimedJob claimed = adapter.jobs().claim(task.name(), claimRequest(adapter, 60_000)).join();
		assertThat(adapter.jobs().cancel(task.name(), claimed.id(), "stop", clock.millis()).join())
			.isEqualTo(CancelOutcome.FLAGGED);
		adapter.jobs()
			.fail(task.name(),
					new JobFailure(claimed.id(), claimed.token(), "died first", clock.millis(), JobFailure.PERMANENT),
					null)
			.join();
		assertThat(record(app, task, claimed.id()).cancelledAt()).as("failed while flagged").isPositive();

		assertThat(app.deadLetters().retry(task, claimed.id())).isEqualTo(RetryOutcome.RETRIED);
		JobRecord retried = record(app, task, claimed.id());
		assertThat(retried.cancelledAt()).isZero();
		assertThat(retried.cancelReason()).isNull();
		assertThat(retried.stalledCount()).isZero();
		ClaimedJob again = adapter.jobs().claim(task.name(), claimRequest(adapter, 60_000)).join();
		assertThat(adapter.jobs().extendLock(task.name(), again.id(), again.token(), 60_000).join())
			.as("not cancelled at its first lock extension")
			.isEqualTo(LockStatus.HELD);
	}

	@Test
	void retryAllMovesEveryFailedJobBackExactlyOnceInBatches() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		AtomicBoolean broken = new AtomicBoolean(true);
		Task<Integer, Integer> first = app.task(name(), Integer.class, Integer.class).handler((n, ctx) -> {
			if (broken.get()) {
				throw new IllegalStateException("broken");
			}
			return n;
		});
		Task<Integer, Integer> second = app.task(name(), Integer.class, Integer.class).handler((n, ctx) -> {
			if (broken.get()) {
				throw new IllegalStateException("broken");
			}
			return n;
		});
		List<Integer> numbers = new ArrayList<>();
		for (int i = 0; i < 230; i++) {
			numbers.add(i);
		}
		List<ResultHandle<Integer>> firstJobs = first.dispatchMany(numbers);
		firstJobs.get(0).enqueued().join();
		second.dispatchMany(numbers.subList(0, 20)).get(0).enqueued().join();
		processAll(app);
		assertThat(app.inspect().stats().failed()).isEqualTo(250);
		broken.set(false);
		clock.advance(Duration.ofMinutes(1));

		assertThat(app.deadLetters().retryAll(first.name())).isEqualTo(230);
		assertThat(app.inspect().counts(first.name())).containsEntry(JobState.WAITING, 230L)
			.containsEntry(JobState.FAILED, 0L);
		List<JobSnapshot<Object, Object>> waiting = app.inspect()
			.jobs(first.name(), JobState.WAITING, Paging.first(Paging.MAX_LIMIT));
		Set<String> ids = new HashSet<>();
		waiting.forEach(job -> ids.add(job.id()));
		assertThat(waiting).hasSize(230).allSatisfy(job -> assertThat(job.attempt()).isEqualTo(1));
		assertThat(ids).as("each job once")
			.hasSize(230)
			.containsExactlyInAnyOrderElementsOf(firstJobs.stream().map(ResultHandle::id).toList());
		assertThat(app.inspect().counts(second.name())).containsEntry(JobState.FAILED, 20L);

		assertThat(app.deadLetters().retryAll()).isEqualTo(20);
		assertThat(app.deadLetters().retryAll()).isZero();
		processAll(app);
		assertThat(app.inspect().stats().completed()).isEqualTo(250);
		assertThat(app.inspect().stats().total()).isEqualTo(250);
	}

	@Test
	void aBatchTakesOnlyJobsThatFailedUpToItsCutoff() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = failing(app);
		for (String data : List.of("a", "b", "c")) {
			task.dispatch(data).enqueued().join();
		}
		processAll(app);
		long cutoff = clock.millis();
		clock.advance(Duration.ofSeconds(1));
		task.dispatch("d").enqueued().join();
		task.dispatch("e").enqueued().join();
		processAll(app);
		Maintenance maintenance = adapter(app).maintenance();

		assertThat(maintenance.retryFailedBatch(task.name(), cutoff, Maintenance.BATCH, clock.millis()).join())
			.isEqualTo(3);
		assertThat(app.inspect().counts(task.name())).containsEntry(JobState.FAILED, 2L)
			.containsEntry(JobState.WAITING, 3L);
		assertThat(maintenance.retryFailedBatch(task.name(), clock.millis(), 1, clock.millis()).join()).isEqualTo(1);
		assertThat(maintenance.retryFailedBatch(task.name(), cutoff, Maintenance.BATCH, clock.millis()).join())
			.isZero();
	}

	@Test
	void anUnknownTaskGetsAnExceptionNamingIt() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		failing(app);
		String unknown = name();
		DeadLetters dlq = app.deadLetters();
		assertThatIllegalArgumentException().isThrownBy(() -> dlq.list(unknown, Paging.DEFAULT))
			.withMessageContaining("'" + unknown + "'");
		assertThatIllegalArgumentException().isThrownBy(() -> dlq.errors(unknown))
			.withMessageContaining("'" + unknown + "'");
		assertThatIllegalArgumentException().isThrownBy(() -> dlq.retryAll(unknown))
			.withMessageContaining("'" + unknown + "'");
	}

	/** A task whose every job fails with "broken: " and its data. */
	private static Task<String, String> failing(Taskora app) {
		return app.task(name(), String.class, String.class).handler((s, ctx) -> {
			throw new IllegalStateException("broken: " + s);
		});
	}

	private JobRecord record(Taskora app, Task<?, ?> task, String id) {
		return adapter(app).inspect().findJob(task.name(), id).join();
	}

}
