package dev.taskora.engine.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.taskora.engine.CancelledException;
import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.JobTimeoutException;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.event.CompletedEvent;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.event.TaskEvent;
import dev.taskora.engine.job.CancelOutcome;
import dev.taskora.engine.job.LogEntry;
import dev.taskora.engine.job.StalledException;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.retry.StallOptions;
import dev.taskora.engine.testing.JobProcessor;
import dev.taskora.engine.testing.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The behaviour every adapter must show, run once per adapter. Tests marked "live" run real
 * workers on the system clock; the others drive the engine step by step under a virtual clock
 * (every transition takes its "now" from the engine), so delays and backoff are checked exactly.
 */
public abstract class AdapterContractTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final List<Taskora> apps = new ArrayList<>();

	/** A fresh adapter whose keys no other test sees. */
	protected abstract Adapter createAdapter();

	@AfterEach
	void closeApps() {
		Collections.reverse(this.apps);
		this.apps.forEach(app -> app.close(Duration.ofSeconds(5)));
	}

	/** A live app: real workers, system clock. */
	protected Taskora live(Consumer<Taskora.Builder> customizer) {
		Taskora.Builder builder = Taskora.builder().adapter(createAdapter()).shutdownTimeout(Duration.ofSeconds(5));
		customizer.accept(builder);
		Taskora app = builder.build();
		this.apps.add(app);
		return app;
	}

	protected Taskora live() {
		return live(builder -> {
		});
	}

	/** An app under a virtual clock, processed by {@link #processAll}. */
	protected Taskora virtual(VirtualClock clock) {
		Taskora app = Taskora.builder().adapter(new ClockedAdapter(createAdapter(), clock)).build();
		this.apps.add(app);
		app.connect();
		return app;
	}

	/** Runs every claimable job of every task on this thread; returns how many ran. */
	protected static int processAll(Taskora app) {
		return new JobProcessor(app).processAll();
	}

	protected static String name() {
		return "t-" + UUID.randomUUID().toString().substring(0, 8);
	}

	record Echo(String text) {
	}

	@Nested
	class Dispatching {

		@Test
		void completesAJobAndDeliversItsTypedResult() {
			Taskora app = live();
			Task<Echo, Echo> echo = app.task(name(), Echo.class, Echo.class)
				.handler((data, ctx) -> new Echo(data.text() + "!"));
			app.start();
			ResultHandle<Echo> handle = echo.dispatch(new Echo("hi"));
			assertThat(handle.id()).hasSize(36);
			assertThat(handle.await(WAIT)).isEqualTo(new Echo("hi!"));
			assertThat(handle.state()).isEqualTo(JobState.COMPLETED);
		}

		@Test
		void storesAVoidResultAsJsonNull() {
			Taskora app = live();
			Task<String, Void> task = app.task(name(), String.class, Void.class).handler((data, ctx) -> null);
			app.start();
			ResultHandle<Void> handle = task.dispatch("x");
			assertThat(handle.await(WAIT)).isNull();
			JobRecord record = app.adapter().inspect().findJob(task.name(), handle.id()).join();
			assertThat(record.result()).isIn("null", null);
		}

		@Test
		void dispatchManyStoresEveryJobInOneCallAndCompletesThem() {
			Taskora app = live();
			Task<Integer, Integer> square = app.task(name(), Integer.class, Integer.class)
				.concurrency(4)
				.handler((n, ctx) -> n * n);
			app.start();
			List<ResultHandle<Integer>> handles = square.dispatchMany(List.of(1, 2, 3, 4, 5));
			assertThat(handles).extracting(handle -> handle.await(WAIT)).containsExactly(1, 4, 9, 16, 25);
		}

		@Test
		void aDelayedJobIsDelayedUntilDue() {
			VirtualClock clock = new VirtualClock();
			Taskora app = virtual(clock);
			Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
			ResultHandle<String> handle = task.dispatch("later", DispatchOptions.delay(Duration.ofSeconds(5)));
			handle.enqueued().join();
			assertThat(handle.state()).isEqualTo(JobState.DELAYED);
			clock.advance(Duration.ofMillis(4999));
			assertThat(processAll(app)).isZero();
			clock.advance(Duration.ofMillis(1));
			assertThat(processAll(app)).isEqualTo(1);
			assertThat(handle.state()).isEqualTo(JobState.COMPLETED);
		}

		@Test
		void bulkDispatchMixesImmediateAndDelayedJobs() {
			VirtualClock clock = new VirtualClock();
			Taskora app = virtual(clock);
			Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
			List<ResultHandle<String>> handles = task.dispatchAll(List.of(
					dev.taskora.engine.DispatchRequest.of("now"),
					dev.taskora.engine.DispatchRequest.of("later", DispatchOptions.delay(Duration.ofSeconds(1)))));
			handles.get(0).enqueued().join();
			assertThat(handles).extracting(ResultHandle::state).containsExactly(JobState.WAITING, JobState.DELAYED);
			assertThat(processAll(app)).isEqualTo(1);
			clock.advance(Duration.ofSeconds(1));
			assertThat(processAll(app)).isEqualTo(1);
		}

		@Test
		void claimsByPriorityThenByDispatchTime() {
			VirtualClock clock = new VirtualClock();
			Taskora app = virtual(clock);
			List<String> order = new CopyOnWriteArrayList<>();
			Task<String, Void> task = app.task(name(), String.class, Void.class).handler((s, ctx) -> {
				order.add(s);
				return null;
			});
			dispatchAt(clock, task, "low-1", 0);
			dispatchAt(clock, task, "high-1", 10);
			dispatchAt(clock, task, "low-2", 0);
			dispatchAt(clock, task, "mid", 5);
			dispatchAt(clock, task, "high-2", 10);
			processAll(app);
			assertThat(order).containsExactly("high-1", "high-2", "mid", "low-1", "low-2");
		}

		private void dispatchAt(VirtualClock clock, Task<String, Void> task, String data, int priority) {
			task.dispatch(data, DispatchOptions.priority(priority)).enqueued().join();
			clock.advance(Duration.ofMillis(1));
		}

		@Test
		void aWorkerWakesForNewWorkWhileIdle() {
			Taskora app = live();
			Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
			app.start();
			// The worker blocks on the adapter; a dispatch must wake it, well before its idle safety net.
			assertThat(task.dispatch("wake").await(Duration.ofSeconds(3))).isEqualTo("wake");
		}

		@Test
		void anExpiredJobIsNotRun() {
			VirtualClock clock = new VirtualClock();
			Taskora app = virtual(clock);
			AtomicInteger runs = new AtomicInteger();
			Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> {
				runs.incrementAndGet();
				return s;
			});
			ResultHandle<String> handle = task.dispatch("stale", DispatchOptions.builder().ttl(Duration.ofSeconds(1)).build());
			handle.enqueued().join();
			clock.advance(Duration.ofSeconds(2));
			processAll(app);
			assertThat(runs).hasValue(0);
			assertThat(handle.state()).isEqualTo(JobState.EXPIRED);
		}

		@Test
		void aMalformedPayloadFailsThatJobAndTheWorkerGoesOn() {
			Taskora app = live();
			Task<Echo, Echo> task = app.task(name(), Echo.class, Echo.class).handler((e, ctx) -> e);
			app.start();
			String badId = UUID.randomUUID().toString();
			app.adapter().jobs().enqueue(task.name(), NewJob.of(badId, "{not json", app.clock().millis(), 1, 0, 1, 0)).join();
			assertThatThrownBy(() -> task.handle(badId).await(WAIT)).isInstanceOf(JobFailedException.class)
				.hasMessageContaining(badId)
				.hasMessageContaining("cannot be read");
			assertThat(task.dispatch(new Echo("fine")).await(WAIT)).isEqualTo(new Echo("fine"));
		}

		@Test
		void aHandlerReturningTheWrongTypeFailsNamingTheTypes() {
			Taskora app = live();
			@SuppressWarnings({ "unchecked", "rawtypes" })
			Task<String, Integer> task = app.task(name(), String.class, Integer.class)
				.handler((dev.taskora.engine.TaskHandler) (data, ctx) -> "not a number");
			app.start();
			assertThatThrownBy(() -> task.dispatch("x").await(WAIT)).isInstanceOf(JobFailedException.class)
				.hasMessageContaining("java.lang.String")
				.hasMessageContaining("java.lang.Integer");
		}

		@Test
		void jobsOfATaskWithoutAWorkerHereStayWaiting() {
			Taskora app = live();
			Task<String, String> producerOnly = app.task(name(), String.class, String.class).register();
			Task<String, String> worked = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
			app.start();
			ResultHandle<String> waiting = producerOnly.dispatch("x");
			assertThat(worked.dispatch("y").await(WAIT)).isEqualTo("y");
			assertThat(waiting.state()).isEqualTo(JobState.WAITING);
		}

	}

	@Nested
	class Retrying {

		@Test
		void fixedBackoffWaitsTheSameDelayEachTime() {
			assertThat(retryDelays(Retry.fixed(4, Duration.ofSeconds(2)).jitter(false))).containsExactly(2000L, 2000L,
					2000L);
		}

		@Test
		void exponentialBackoffDoublesTheDelay() {
			assertThat(retryDelays(Retry.exponential(5, Duration.ofSeconds(1)).jitter(false))).containsExactly(1000L,
					2000L, 4000L, 8000L);
		}

		@Test
		void linearBackoffGrowsByTheBaseDelay() {
			assertThat(retryDelays(Retry.linear(4, Duration.ofSeconds(1)).jitter(false))).containsExactly(1000L, 2000L,
					3000L);
		}

		@Test
		void customBackoffUsesTheFunction() {
			assertThat(retryDelays(Retry.custom(4, attempt -> Duration.ofMillis(attempt * 500L + 200)).jitter(false)))
				.containsExactly(700L, 1200L, 1700L);
		}

		@Test
		void maxDelayCapsTheBackoff() {
			assertThat(retryDelays(
					Retry.exponential(5, Duration.ofSeconds(1)).maxDelay(Duration.ofMillis(2500)).jitter(false)))
				.containsExactly(1000L, 2000L, 2500L, 2500L);
		}

		@Test
		void jitterKeepsEachDelayWithinAQuarterOfTheBase() {
			List<Long> delays = retryDelays(Retry.exponential(6, Duration.ofSeconds(1)));
			long[] base = { 1000, 2000, 4000, 8000, 16000 };
			assertThat(delays).hasSize(5);
			for (int i = 0; i < base.length; i++) {
				assertThat(delays.get(i)).isBetween(Math.round(base[i] * 0.75), Math.round(base[i] * 1.25));
			}
		}

		/** Runs a job that always fails and reads each retry's delay from the stored schedule. */
		private List<Long> retryDelays(Retry retry) {
			VirtualClock clock = new VirtualClock();
			Taskora app = virtual(clock);
			Task<String, String> task = app.task(name(), String.class, String.class).retry(retry).handler((s, ctx) -> {
				throw new IllegalStateException("boom " + ctx.attempt());
			});
			ResultHandle<String> handle = task.dispatch("x");
			handle.enqueued().join();
			List<Long> delays = new ArrayList<>();
			while (true) {
				long failedAt = clock.millis();
				processAll(app);
				if (handle.state() != JobState.RETRYING) {
					break;
				}
				Long due = app.adapter().inspect().nextDelayedAt(task.name()).join();
				delays.add(due - failedAt);
				clock.advanceTo(due);
			}
			assertThat(handle.state()).isEqualTo(JobState.FAILED);
			assertThat(app.adapter().inspect().findJob(task.name(), handle.id()).join().attempt()).isEqualTo(retry.attempts());
			return delays;
		}

		@Test
		void aJobThatKeepsFailingEndsFailedWithTheLastMessage() {
			VirtualClock clock = new VirtualClock();
			Taskora app = virtual(clock);
			Task<String, String> task = app.task(name(), String.class, String.class)
				.retry(Retry.fixed(2, Duration.ofSeconds(1)).jitter(false))
				.handler((s, ctx) -> {
					throw new IllegalStateException("failure " + ctx.attempt());
				});
			ResultHandle<String> handle = task.dispatch("x");
			handle.enqueued().join();
			processAll(app);
			assertThat(handle.state()).isEqualTo(JobState.RETRYING);
			clock.advance(Duration.ofSeconds(1));
			processAll(app);
			assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOf(JobFailedException.class)
				.hasMessage("failure 2");
		}

		@Test
		void aManualRetryUsesItsOwnDelayEvenForAnExcludedError() {
			VirtualClock clock = new VirtualClock();
			Taskora app = virtual(clock);
			Task<String, String> task = app.task(name(), String.class, String.class)
				.retry(Retry.fixed(3, Duration.ofSeconds(1)).noRetryOn(RuntimeException.class))
				.handler((s, ctx) -> {
					if (ctx.attempt() == 1) {
						throw ctx.retry(Duration.ofSeconds(42), "rate limited");
					}
					return "attempt " + ctx.attempt();
				});
			ResultHandle<String> handle = task.dispatch("x");
			handle.enqueued().join();
			long failedAt = clock.millis();
			processAll(app);
			assertThat(handle.state()).isEqualTo(JobState.RETRYING);
			assertThat(app.adapter().inspect().nextDelayedAt(task.name()).join() - failedAt).isEqualTo(42_000);
			assertThat(app.adapter().inspect().findJob(task.name(), handle.id()).join().error()).isEqualTo("rate limited");
			clock.advance(Duration.ofSeconds(42));
			processAll(app);
			assertThat(handle.await(WAIT)).isEqualTo("attempt 2");
		}

		@Test
		void noRetryOnFailsAtOnceAndRetryOnRetriesOnlyWhatItLists() {
			VirtualClock clock = new VirtualClock();
			Taskora app = virtual(clock);
			Task<String, String> excluded = app.task(name(), String.class, String.class)
				.retry(Retry.fixed(3, Duration.ofSeconds(1)).noRetryOn(IllegalArgumentException.class))
				.handler((s, ctx) -> {
					throw new IllegalArgumentException("bad");
				});
			Task<String, String> listed = app.task(name(), String.class, String.class)
				.retry(Retry.fixed(3, Duration.ofSeconds(1)).retryOn(java.io.IOException.class))
				.handler((s, ctx) -> {
					throw new IllegalStateException("not listed");
				});
			ResultHandle<String> a = excluded.dispatch("x");
			ResultHandle<String> b = listed.dispatch("x");
			b.enqueued().join();
			processAll(app);
			assertThat(a.state()).isEqualTo(JobState.FAILED);
			assertThat(b.state()).isEqualTo(JobState.FAILED);
		}

		@Test
		void aTimeoutInterruptsTheHandlerAndIsNotRetriedByDefault() {
			Taskora app = live();
			CountDownLatch interrupted = new CountDownLatch(1);
			Task<String, String> task = app.task(name(), String.class, String.class)
				.timeout(Duration.ofMillis(200))
				.retry(Retry.fixed(3, Duration.ofMillis(10)))
				.handler((s, ctx) -> {
					try {
						Thread.sleep(60_000);
					}
					catch (InterruptedException ex) {
						interrupted.countDown();
						throw ex;
					}
					return s;
				});
			app.start();
			ResultHandle<String> handle = task.dispatch("slow");
			assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOf(JobFailedException.class)
				.hasMessage("Job " + handle.id() + " did not complete within 200ms");
			assertThat(interrupted.getCount()).isZero();
			assertThat(app.adapter().inspect().findJob(task.name(), handle.id()).join().attempt()).isEqualTo(1);
		}

		@Test
		void aTimeoutIsRetriedWhenRetryOnListsIt() {
			Taskora app = live();
			Task<String, String> task = app.task(name(), String.class, String.class)
				.timeout(Duration.ofMillis(100))
				.retry(Retry.fixed(2, Duration.ofMillis(10)).jitter(false).retryOn(JobTimeoutException.class))
				.handler((s, ctx) -> {
					if (ctx.attempt() == 1) {
						Thread.sleep(60_000);
					}
					return "attempt " + ctx.attempt();
				});
			app.start();
			assertThat(task.dispatch("x").await(WAIT)).isEqualTo("attempt 2");
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
			assertThat(app.adapter().maintenance().retryFailed(task.name(), handle.id(), clock.millis()).join()).isTrue();
			JobRecord record = app.adapter().inspect().findJob(task.name(), handle.id()).join();
			assertThat(record.state()).isEqualTo(JobState.WAITING);
			assertThat(record.attempt()).isEqualTo(1);
			assertThat(record.error()).isNull();
			processAll(app);
			assertThat(handle.state()).isEqualTo(JobState.COMPLETED);
			assertThat(app.adapter().maintenance().retryFailed(task.name(), handle.id(), clock.millis()).join()).isFalse();
		}

	}

	@Nested
	class Cancelling {

		@Test
		void aWaitingJobIsCancelledAtOnce() {
			VirtualClock clock = new VirtualClock();
			Taskora app = virtual(clock);
			Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
			ResultHandle<String> handle = task.dispatch("x");
			handle.enqueued().join();
			assertThat(handle.cancel("not needed")).isEqualTo(CancelOutcome.CANCELLED);
			assertThat(processAll(app)).isZero();
			assertThat(handle.state()).isEqualTo(JobState.CANCELLED);
			assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOfSatisfying(CancelledException.class,
					ex -> assertThat(ex.reason()).isEqualTo("not needed"));
		}

		@Test
		void aDelayedJobIsCancelledAtOnce() {
			VirtualClock clock = new VirtualClock();
			Taskora app = virtual(clock);
			Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
			ResultHandle<String> handle = task.dispatch("x", DispatchOptions.delay(Duration.ofMinutes(1)));
			handle.enqueued().join();
			assertThat(handle.cancel(null)).isEqualTo(CancelOutcome.CANCELLED);
			clock.advance(Duration.ofMinutes(2));
			assertThat(processAll(app)).isZero();
			assertThat(handle.state()).isEqualTo(JobState.CANCELLED);
		}

		@Test
		void aRetryingJobIsCancelledAtOnce() {
			VirtualClock clock = new VirtualClock();
			Taskora app = virtual(clock);
			Task<String, String> task = app.task(name(), String.class, String.class)
				.retry(Retry.fixed(3, Duration.ofSeconds(1)))
				.handler((s, ctx) -> {
					throw new IllegalStateException("boom");
				});
			ResultHandle<String> handle = task.dispatch("x");
			handle.enqueued().join();
			processAll(app);
			assertThat(handle.state()).isEqualTo(JobState.RETRYING);
			assertThat(handle.cancel("give up")).isEqualTo(CancelOutcome.CANCELLED);
			clock.advance(Duration.ofSeconds(5));
			assertThat(processAll(app)).isZero();
			assertThat(handle.state()).isEqualTo(JobState.CANCELLED);
		}

		@Test
		void anActiveJobIsInterruptedPromptlyAndItsOnCancelHookRuns() throws Exception {
			Taskora app = live();
			CountDownLatch started = new CountDownLatch(1);
			AtomicLong interruptedAt = new AtomicLong();
			List<String> hooks = new CopyOnWriteArrayList<>();
			Task<String, String> task = app.task(name(), String.class, String.class)
				.onCancel((data, ctx) -> hooks.add(data + ":" + ctx.isCancelled()))
				.handler((s, ctx) -> {
					started.countDown();
					try {
						Thread.sleep(60_000);
					}
					catch (InterruptedException ex) {
						interruptedAt.set(System.nanoTime());
						throw ex;
					}
					return s;
				});
			app.start();
			ResultHandle<String> handle = task.dispatch("import");
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(handle.cancel("user asked")).isEqualTo(CancelOutcome.FLAGGED);
			long cancelledAt = System.nanoTime();
			assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOfSatisfying(CancelledException.class,
					ex -> assertThat(ex.reason()).isEqualTo("user asked"));
			assertThat(Duration.ofNanos(interruptedAt.get() - cancelledAt)).isLessThan(Duration.ofMillis(100));
			assertThat(hooks).containsExactly("import:true");
			assertThat(handle.state()).isEqualTo(JobState.CANCELLED);
		}

		@Test
		void aFinishedJobIsNotCancellableAndAnUnknownOneIsNotFound() {
			VirtualClock clock = new VirtualClock();
			Taskora app = virtual(clock);
			Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
			ResultHandle<String> handle = task.dispatch("x");
			handle.enqueued().join();
			processAll(app);
			assertThat(handle.cancel(null)).isEqualTo(CancelOutcome.NOT_CANCELLABLE);
			assertThat(task.handle(UUID.randomUUID().toString()).cancel(null)).isEqualTo(CancelOutcome.NOT_FOUND);
		}

	}

	@Nested
	class Stalling {

		@Test
		void aJobWhoseWorkerDiedIsRecoveredThenFailedOnItsSecondStall() {
			VirtualClock clock = new VirtualClock();
			Taskora app = virtual(clock);
			Task<String, String> task = app.task(name(), String.class, String.class)
				.stall(new StallOptions(Duration.ofSeconds(30), 1))
				.handler((s, ctx) -> s);
			ResultHandle<String> handle = task.dispatch("x");
			handle.enqueued().join();
			Adapter adapter = app.adapter();

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
			ClaimedJob job = app.adapter().jobs().claim(task.name(), claim(app, 60_000)).join();
			Adapter adapter = app.adapter();
			assertThat(adapter.maintenance().checkStalled(task.name(), 1, clock.millis()).join()).isEqualTo(StallSweep.NONE);
			assertThat(adapter.jobs().extendLock(task.name(), job.id(), job.token(), 60_000).join()).isEqualTo(LockStatus.HELD);
			assertThat(adapter.maintenance().checkStalled(task.name(), 1, clock.millis()).join()).isEqualTo(StallSweep.NONE);
			assertThat(adapter.inspect().state(task.name(), job.id()).join()).isEqualTo(JobState.ACTIVE);
		}

		@Test
		void settlingWithALostLockChangesNothing() {
			VirtualClock clock = new VirtualClock();
			Taskora app = virtual(clock);
			Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
			task.dispatch("x").enqueued().join();
			ClaimedJob job = app.adapter().jobs().claim(task.name(), claim(app, 60_000)).join();
			assertThat(app.adapter().jobs().ack(task.name(), new JobCompletion(job.id(), "not-the-token", "1", clock.millis()),
					null)).failsWithin(WAIT).withThrowableOfType(java.util.concurrent.ExecutionException.class)
				.withCauseInstanceOf(LockMismatchException.class);
			assertThat(app.adapter().inspect().state(task.name(), job.id()).join()).isEqualTo(JobState.ACTIVE);
		}

		private void claimAndAbandon(Taskora app, Task<?, ?> task) {
			assertThat(app.adapter().jobs().claim(task.name(), claim(app, 50)).join()).isNotNull();
		}

		private ClaimRequest claim(Taskora app, long lockTtlMs) {
			return new ClaimRequest(UUID.randomUUID().toString(), lockTtlMs, app.clock().millis(), false, false);
		}

		/** Sweeps (phase 1 marks, later phases act) until the expired lock is noticed. */
		private StallSweep sweepUntilActed(Taskora app, Task<?, ?> task, int maxCount) {
			VirtualClock clock = (VirtualClock) app.clock();
			SweepHolder result = new SweepHolder();
			await().atMost(WAIT).until(() -> {
				clock.advance(Duration.ofMillis(100));
				StallSweep sweep = app.adapter().maintenance().checkStalled(task.name(), maxCount, clock.millis()).join();
				result.sweep = sweep;
				return !sweep.recovered().isEmpty() || !sweep.failed().isEmpty();
			});
			return result.sweep;
		}

	}

	static final class SweepHolder {

		volatile StallSweep sweep = StallSweep.NONE;

	}

	@Nested
	class Trimming {

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
			Adapter adapter = app.adapter();
			assertThat(adapter.maintenance().trim(task.name(), JobState.COMPLETED, 0, 3).join()).isEqualTo(2);
			assertThat(adapter.inspect().findJob(task.name(), handles.get(0).id()).join()).isNull();
			assertThat(adapter.inspect().findJob(task.name(), handles.get(2).id()).join()).isNotNull();
			long cutoff = clock.millis() - Duration.ofMinutes(2).toMillis();
			assertThat(adapter.maintenance().trim(task.name(), JobState.COMPLETED, cutoff, 0).join()).isEqualTo(2);
			assertThat(adapter.inspect().countByState(task.name()).join()).containsEntry(JobState.COMPLETED, 1L);
			assertThat(adapter.inspect().logs(task.name(), handles.get(0).id()).join()).isEmpty();
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
			Map<JobState, Long> counts = app.adapter().inspect().countByState(task.name()).join();
			assertThat(counts).containsEntry(JobState.WAITING, 1L)
				.containsEntry(JobState.DELAYED, 1L)
				.containsEntry(JobState.COMPLETED, 1L)
				.containsEntry(JobState.FAILED, 1L)
				.containsEntry(JobState.ACTIVE, 0L)
				.containsKeys(JobState.values());
		}

	}

	@Nested
	class Reporting {

		@Test
		void progressAndLogsAreStoredAndReadBack() {
			VirtualClock clock = new VirtualClock();
			Taskora app = virtual(clock);
			Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> {
				ctx.progress(25);
				ctx.log().info("quarter", Map.of("rows", 10));
				ctx.progress(Map.of("step", "done"));
				ctx.log().warn("almost");
				return s;
			});
			ResultHandle<String> handle = task.dispatch("x");
			handle.enqueued().join();
			processAll(app);
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(handle.progress()).isEqualTo(Map.of("step", "done"));
				assertThat(handle.logs()).extracting(LogEntry::level, LogEntry::message)
					.containsExactly(org.assertj.core.groups.Tuple.tuple("info", "quarter"),
							org.assertj.core.groups.Tuple.tuple("warn", "almost"));
			});
			assertThat(handle.logs().get(0).meta()).isEqualTo(Map.of("rows", 10));
		}

		@Test
		void eventsArriveTypedAndInOrder() {
			Taskora app = live();
			List<TaskEvent> events = new CopyOnWriteArrayList<>();
			Task<String, String> task = app.task(name(), String.class, String.class)
				.retry(Retry.fixed(2, Duration.ofMillis(20)).jitter(false))
				.handler((s, ctx) -> {
					ctx.progress(50);
					if (ctx.attempt() == 1) {
						throw new IllegalStateException("first");
					}
					return s.toUpperCase();
				});
			for (EventType<? extends TaskEvent> type : List.of(EventType.ACTIVE, EventType.PROGRESS, EventType.FAILED,
					EventType.RETRYING, EventType.COMPLETED)) {
				task.on(type, events::add);
			}
			app.start();
			ResultHandle<String> handle = task.dispatch("x");
			assertThat(handle.await(WAIT)).isEqualTo("X");
			await().atMost(WAIT).until(() -> events.stream().anyMatch(CompletedEvent.class::isInstance));
			assertThat(events).extracting(event -> event.getClass().getSimpleName())
				.containsExactly("ActiveEvent", "ProgressEvent", "FailedEvent", "RetryingEvent", "ActiveEvent",
						"ProgressEvent", "CompletedEvent");
			CompletedEvent completed = (CompletedEvent) events.get(events.size() - 1);
			assertThat(completed.result()).isEqualTo("X");
			assertThat(completed.attempt()).isEqualTo(2);
			assertThat(events.get(2)).isEqualTo(new dev.taskora.engine.event.FailedEvent(task.name(), handle.id(),
					"first", 1, true));
		}

	}

	@Nested
	class Closing {

		@Test
		void closeWaitsForARunningJobToFinish() throws Exception {
			Taskora app = live();
			CountDownLatch started = new CountDownLatch(1);
			CountDownLatch release = new CountDownLatch(1);
			Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> {
				started.countDown();
				release.await();
				return "finished";
			});
			app.start();
			ResultHandle<String> handle = task.dispatch("x");
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			Thread closer = new Thread(() -> app.close(Duration.ofSeconds(10)));
			closer.start();
			closer.join(300);
			assertThat(closer.isAlive()).as("close() returned while a job was running").isTrue();
			release.countDown();
			closer.join(10_000);
			assertThat(closer.isAlive()).isFalse();
			Adapter reader = createAdapterSharingStoreWith(app);
			assertThat(reader.inspect().state(task.name(), handle.id()).join()).isEqualTo(JobState.COMPLETED);
		}

		@Test
		void closeInterruptsJobsStillRunningAfterTheTimeoutAndRequeuesThem() throws Exception {
			Taskora app = live();
			CountDownLatch started = new CountDownLatch(1);
			Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> {
				started.countDown();
				Thread.sleep(60_000);
				return s;
			});
			app.start();
			ResultHandle<String> handle = task.dispatch("x");
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			app.close(Duration.ofMillis(100));
			Adapter reader = createAdapterSharingStoreWith(app);
			JobRecord record = reader.inspect().findJob(task.name(), handle.id()).join();
			assertThat(record.state()).isEqualTo(JobState.WAITING);
			assertThat(record.attempt()).isEqualTo(1);
		}

	}

	/**
	 * An adapter reading the same store as {@code app}'s after the app disconnected it. Adapters
	 * whose store lives in the adapter object (memory) return that same object.
	 */
	protected abstract Adapter createAdapterSharingStoreWith(Taskora app);

}
