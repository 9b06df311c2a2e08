package dev.taskora.engine.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.job.Retention;
import dev.taskora.engine.job.StalledException;
import dev.taskora.engine.retry.StallOptions;
import dev.taskora.engine.testing.VirtualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link Maintenance} facet: the two-phase stall sweep (recover, then fail; a lock
 * extension keeps a job), retention trimming, and moving a failed job back to waiting.
 */
public abstract class MaintenanceContract extends AdapterContract {

	protected MaintenanceContract(AdapterFactory factory) {
		super(factory);
	}

	@Test
	void aJobWhoseWorkerDiedIsRecoveredThenFailedOnItsSecondStall() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class)
			.stall(new StallOptions(Duration.ofSeconds(30), 1))
			.handler((s, ctx) -> s);
		ResultHandle<String> handle = task.dispatch("x");
		handle.enqueued().join();
		Adapter adapter = adapter(app);

		claimAndAbandon(app, task);
		assertThat(sweepUntilActed(app, task, 1).recovered()).containsExactly(handle.id());
		assertThat(handle.state()).isEqualTo(JobState.WAITING);

		claimAndAbandon(app, task);
		assertThat(sweepUntilActed(app, task, 1).failed()).containsExactly(handle.id());
		JobRecord record = adapter.inspect().findJob(task.name(), handle.id()).join();
		assertThat(record.state()).isEqualTo(JobState.FAILED);
		assertThat(record.error()).isEqualTo(StalledException.MESSAGE);
		assertThat(record.stalledCount()).isEqualTo(2);
	}

	@Test
	void maxCountZeroFailsTheFirstStall() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
		ResultHandle<String> handle = task.dispatch("x");
		handle.enqueued().join();
		claimAndAbandon(app, task);
		assertThat(sweepUntilActed(app, task, 0).failed()).containsExactly(handle.id());
		assertThat(handle.state()).isEqualTo(JobState.FAILED);
	}

	@Test
	void aJobWhoseLockIsExtendedIsNotStalled() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
		task.dispatch("x").enqueued().join();
		ClaimedJob job = adapter(app).jobs().claim(task.name(), claimRequest(adapter(app), 60_000)).join();
		Adapter adapter = adapter(app);
		assertThat(adapter.maintenance().checkStalled(task.name(), 1, clock.millis()).join())
			.isEqualTo(StallSweep.NONE);
		assertThat(adapter.jobs().extendLock(task.name(), job.id(), job.token(), 60_000).join())
			.isEqualTo(LockStatus.HELD);
		assertThat(adapter.maintenance().checkStalled(task.name(), 1, clock.millis()).join())
			.isEqualTo(StallSweep.NONE);
		assertThat(adapter.inspect().state(task.name(), job.id()).join()).isEqualTo(JobState.ACTIVE);
	}

	private void claimAndAbandon(Taskora app, Task<?, ?> task) {
		assertThat(adapter(app).jobs().claim(task.name(), claimRequest(adapter(app), 50)).join()).isNotNull();
	}

	/** Sweeps (phase 1 marks, later phases act) until the expired lock is noticed. */
	private StallSweep sweepUntilActed(Taskora app, Task<?, ?> task, int maxCount) {
		VirtualClock clock = (VirtualClock) adapter(app).clock();
		SweepHolder result = new SweepHolder();
		await().atMost(WAIT).until(() -> {
			clock.advance(Duration.ofMillis(100));
			StallSweep sweep = adapter(app).maintenance().checkStalled(task.name(), maxCount, clock.millis()).join();
			result.sweep = sweep;
			return !sweep.recovered().isEmpty() || !sweep.failed().isEmpty();
		});
		return result.sweep;
	}

	@Test
	void trimRemovesFinishedJobsBeyondTheCountAndAge() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<Integer, Integer> task = app.task(name(), Integer.class, Integer.class).handler((n, ctx) -> n);
		List<ResultHandle<Integer>> handles = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			handles.add(task.dispatch(i));
			handles.get(i).enqueued().join();
			processAll(app);
			clock.advance(Duration.ofMinutes(1));
		}
		Adapter adapter = adapter(app);
		assertThat(adapter.maintenance().trim(task.name(), JobState.COMPLETED, 0, 3).join()).isEqualTo(2);
		assertThat(adapter.inspect().findJob(task.name(), handles.get(0).id()).join()).isNull();
		assertThat(adapter.inspect().findJob(task.name(), handles.get(2).id()).join()).isNotNull();
		long cutoff = clock.millis() - Duration.ofMinutes(2).toMillis();
		assertThat(adapter.maintenance().trim(task.name(), JobState.COMPLETED, cutoff, 0).join()).isEqualTo(2);
		assertThat(adapter.inspect().countByState(task.name()).join()).containsEntry(JobState.COMPLETED, 1L);
		assertThat(adapter.inspect().logs(task.name(), handles.get(0).id()).join()).isEmpty();
	}

	@Test
	void workersKeepEveryFinishedStateWithinItsRetentionWhileJobsPourIn() {
		Retention.Rule keep20 = new Retention.Rule(Duration.ZERO, 20);
		Retention.Rule keep10 = new Retention.Rule(Duration.ZERO, 10);
		Retention.Rule keep5 = new Retention.Rule(Duration.ZERO, 5);
		Taskora app = live(builder -> builder.retention(new Retention(keep20, keep10, keep5, keep5)));
		Task<Integer, Integer> task = app.task(name(), Integer.class, Integer.class)
			.concurrency(4)
			.stall(new StallOptions(Duration.ofMillis(200), 1))
			.handler((n, ctx) -> {
				if (n % 3 == 0) {
					throw new IllegalStateException("no multiples of three");
				}
				return n;
			});
		List<ResultHandle<Integer>> cancelled = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			cancelled.add(task.dispatch(i, DispatchOptions.delay(Duration.ofHours(1))));
		}
		cancelled.forEach(handle -> handle.awaitEnqueued(WAIT).cancel("not needed"));
		// expired by the time a worker claims them, and kept in the expired set
		// (onExpire: fail)
		task.dispatchMany(IntStream.range(0, 30).boxed().toList(),
				DispatchOptions.builder().ttl(Duration.ofMillis(1)).build())
			.forEach(handle -> handle.awaitEnqueued(WAIT));
		Adapter adapter = adapter(app);
		await().atMost(WAIT)
			.until(() -> adapter.inspect().countByState(task.name()).join().getOrDefault(JobState.WAITING, 0L) == 30);
		app.start();
		int jobs = 900;
		List<ResultHandle<Integer>> handles = task.dispatchMany(IntStream.range(1, jobs + 1).boxed().toList());
		// a settled job may be trimmed before anyone looks: count outcomes as they are
		// announced
		CompletableFuture<?> allSettled = CompletableFuture.allOf(handles.stream()
			.map(handle -> handle.result().handle((result, error) -> null))
			.toArray(CompletableFuture<?>[]::new));
		AtomicLong mostCompleted = new AtomicLong();
		AtomicLong mostFailed = new AtomicLong();
		await().atMost(WAIT.multipliedBy(3)).pollInterval(Duration.ofMillis(20)).until(() -> {
			Map<JobState, Long> counts = adapter.inspect().countByState(task.name()).join();
			mostCompleted.accumulateAndGet(counts.getOrDefault(JobState.COMPLETED, 0L), Math::max);
			mostFailed.accumulateAndGet(counts.getOrDefault(JobState.FAILED, 0L), Math::max);
			return allSettled.isDone();
		});

		// a handler waits for trimming once 100 settled jobs are untrimmed: never more
		// than the rule, that backlog and a job or two per handler (slack for a trim
		// slower than the 2 s wait)
		assertThat(mostCompleted.get()).isLessThanOrEqualTo(20 + 200);
		assertThat(mostFailed.get()).isLessThanOrEqualTo(10 + 200);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(adapter.inspect().countByState(task.name()).join())
				.containsEntry(JobState.COMPLETED, 20L)
				.containsEntry(JobState.FAILED, 10L)
				.containsEntry(JobState.CANCELLED, 5L)
				.containsEntry(JobState.EXPIRED, 5L));
	}

	@Test
	void aFailedJobCanBeRetriedFromTheFailedSet() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		AtomicInteger runs = new AtomicInteger();
		Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> {
			if (runs.incrementAndGet() == 1) {
				throw new IllegalStateException("first run fails");
			}
			return "ok";
		});
		ResultHandle<String> handle = task.dispatch("x");
		handle.enqueued().join();
		processAll(app);
		assertThat(handle.state()).isEqualTo(JobState.FAILED);
		assertThat(adapter(app).maintenance().retryFailed(task.name(), handle.id(), clock.millis()).join()).isTrue();
		JobRecord record = adapter(app).inspect().findJob(task.name(), handle.id()).join();
		assertThat(record.state()).isEqualTo(JobState.WAITING);
		assertThat(record.attempt()).isEqualTo(1);
		assertThat(record.error()).isNull();
		processAll(app);
		assertThat(handle.state()).isEqualTo(JobState.COMPLETED);
		assertThat(adapter(app).maintenance().retryFailed(task.name(), handle.id(), clock.millis()).join()).isFalse();
	}

	static final class SweepHolder {

		volatile StallSweep sweep = StallSweep.NONE;

	}

}
