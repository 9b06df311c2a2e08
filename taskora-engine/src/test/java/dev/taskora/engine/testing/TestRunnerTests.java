package dev.taskora.engine.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.JobTimeoutException;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.job.LogEntry;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.schedule.Schedule;
import dev.taskora.engine.schedule.ScheduleInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class TestRunnerTests {

	private final TestRunner runner = TestRunner.create();

	@AfterEach
	void close() {
		this.runner.close();
	}

	record Add(int x, int y) {
	}

	@Test
	void runCallsTheHandlerDirectly() {
		Task<Add, Integer> add = this.runner.app()
			.task("add", Add.class, Integer.class)
			.handler((data, ctx) -> data.x() + data.y());
		assertThat(this.runner.run(add, new Add(2, 3))).isEqualTo(5);
		assertThat(this.runner.jobs()).isEmpty();
	}

	@Test
	void runRefusesNullForAnInputThatDoesNotAcceptIt() {
		Task<Add, Integer> add = this.runner.app()
			.task("add", Add.class, Integer.class)
			.handler((data, ctx) -> data.x() + data.y());
		assertThatThrownBy(() -> this.runner.run(add, null)).isInstanceOf(ValidationException.class)
			.hasMessage("Payload of task 'add' is null, but its input type " + Add.class.getName()
					+ " does not accept null (declare Void, Object, Optional or JsonNode to run without data)");
		Task<Void, String> nothing = this.runner.app()
			.task("nothing", Void.class, String.class)
			.handler((data, ctx) -> "ran with " + data);
		assertThat(this.runner.run(nothing, null)).isEqualTo("ran with null");
	}

	@Test
	void runRetriesInlineAndThrowsTheLastError() {
		AtomicInteger calls = new AtomicInteger();
		Task<String, String> flaky = this.runner.app()
			.task("flaky", String.class, String.class)
			.retry(Retry.fixed(3, Duration.ofHours(1)))
			.handler((s, ctx) -> {
				calls.incrementAndGet();
				throw new IllegalStateException("attempt " + ctx.attempt());
			});
		assertThatThrownBy(() -> this.runner.run(flaky, "x")).isInstanceOf(IllegalStateException.class)
			.hasMessage("attempt 3");
		assertThat(calls).hasValue(3);
	}

	@Test
	void runAppliesMiddleware() {
		List<String> calls = new CopyOnWriteArrayList<>();
		Task<String, String> task = this.runner.app().task("mw", String.class, String.class).middleware((ctx, next) -> {
			calls.add("before");
			next.proceed();
			calls.add("after");
		}).handler((s, ctx) -> {
			calls.add("handler");
			return s.toUpperCase();
		});
		assertThat(this.runner.run(task, "hello")).isEqualTo("HELLO");
		assertThat(calls).containsExactly("before", "handler", "after");
	}

	@Test
	void executeRetriesThroughVirtualTimeUntilItSucceeds() {
		AtomicInteger calls = new AtomicInteger();
		Task<String, String> flaky = this.runner.app()
			.task("flaky", String.class, String.class)
			.retry(Retry.exponential(3, Duration.ofMinutes(10)))
			.handler((s, ctx) -> {
				if (calls.incrementAndGet() < 3) {
					throw new IllegalStateException("transient");
				}
				return "success";
			});
		long start = this.runner.clock().millis();
		ExecutionResult<String> result = this.runner.execute(flaky, "x");
		assertThat(result.state()).isEqualTo(JobState.COMPLETED);
		assertThat(result.result()).isEqualTo("success");
		assertThat(result.attempts()).isEqualTo(3);
		assertThat(result.error()).isNull();
		// 10 and 20 minutes of backoff passed in virtual time, none in real time.
		assertThat(this.runner.clock().millis() - start).isGreaterThanOrEqualTo(Duration.ofMinutes(22).toMillis());
	}

	@Test
	void executeProvesEachBackoffExactlyWithJitterOff() {
		assertThat(attemptTimes(Retry.fixed(4, Duration.ofSeconds(3)).jitter(false))).containsExactly(0L, 3000L, 6000L,
				9000L);
		assertThat(attemptTimes(Retry.exponential(4, Duration.ofSeconds(1)).jitter(false))).containsExactly(0L, 1000L,
				3000L, 7000L);
		assertThat(attemptTimes(Retry.linear(4, Duration.ofSeconds(1)).jitter(false))).containsExactly(0L, 1000L, 3000L,
				6000L);
		assertThat(attemptTimes(Retry.custom(3, attempt -> Duration.ofMillis(attempt * 250L)).jitter(false)))
			.containsExactly(0L, 250L, 750L);
	}

	@Test
	void executeKeepsJitteredDelaysWithinAQuarter() {
		List<Long> times = attemptTimes(Retry.exponential(5, Duration.ofSeconds(1)));
		long[] base = { 1000, 2000, 4000, 8000 };
		for (int i = 0; i < base.length; i++) {
			long delay = times.get(i + 1) - times.get(i);
			assertThat(delay).isBetween(Math.round(base[i] * 0.75), Math.round(base[i] * 1.25));
		}
	}

	private int taskCount;

	/**
	 * Virtual times of each attempt, relative to the first, for a task that always fails.
	 */
	private List<Long> attemptTimes(Retry retry) {
		List<Long> times = new ArrayList<>();
		Task<String, String> task = this.runner.app()
			.task("fails-" + this.taskCount++, String.class, String.class)
			.retry(retry)
			.handler((s, ctx) -> {
				times.add(this.runner.clock().millis());
				throw new IllegalStateException("always");
			});
		ExecutionResult<String> result = this.runner.execute(task, "x");
		assertThat(result.state()).isEqualTo(JobState.FAILED);
		assertThat(result.attempts()).isEqualTo(retry.attempts());
		long first = times.get(0);
		return times.stream().map(time -> time - first).toList();
	}

	@Test
	void executeReportsAFailureWithoutThrowing() {
		Task<String, String> task = this.runner.app()
			.task("always-fails", String.class, String.class)
			.retry(Retry.fixed(2, Duration.ofSeconds(1)))
			.handler((s, ctx) -> {
				throw new IllegalArgumentException("Always fails");
			});
		ExecutionResult<String> result = this.runner.execute(task, "x");
		assertThat(result.state()).isEqualTo(JobState.FAILED);
		assertThat(result.attempts()).isEqualTo(2);
		assertThat(result.error()).contains("Always fails");
		assertThat(result.result()).isNull();
	}

	@Test
	void executeCapturesProgressAndLogs() {
		Task<String, String> task = this.runner.app().task("progress", String.class, String.class).handler((s, ctx) -> {
			ctx.progress(25);
			ctx.log().info("Quarter done");
			ctx.progress(100);
			ctx.log().info("Complete", Map.of("rows", 3));
			return "done";
		});
		ExecutionResult<String> result = this.runner.execute(task, "x");
		assertThat(result.progress()).isEqualTo(100);
		assertThat(result.logs()).extracting(LogEntry::message).containsExactly("Quarter done", "Complete");
		assertThat(result.logs().get(1).meta()).isEqualTo(Map.of("rows", 3));
	}

	@Test
	void executeWaitsOutADelay() {
		Task<String, String> task = this.runner.app().task("later", String.class, String.class).handler((s, ctx) -> s);
		ExecutionResult<String> result = this.runner.execute(task, "x", DispatchOptions.delay(Duration.ofDays(1)));
		assertThat(result.state()).isEqualTo(JobState.COMPLETED);
	}

	@Test
	void executeAlsoProcessesJobsTheHandlerDispatches() {
		List<String> sent = new CopyOnWriteArrayList<>();
		Task<String, Void> confirm = this.runner.app().task("confirm", String.class, Void.class).handler((s, ctx) -> {
			sent.add(s);
			return null;
		});
		Task<String, String> order = this.runner.app().task("order", String.class, String.class).handler((s, ctx) -> {
			confirm.dispatch("confirm " + s);
			return "ok";
		});
		assertThat(this.runner.execute(order, "42").state()).isEqualTo(JobState.COMPLETED);
		this.runner.processAll();
		assertThat(sent).containsExactly("confirm 42");
	}

	@Test
	void advanceTimePromotesDelayedJobsAndProcessesThem() {
		List<String> ran = new CopyOnWriteArrayList<>();
		Task<String, Void> task = this.runner.app().task("email", String.class, Void.class).handler((s, ctx) -> {
			ran.add(s);
			return null;
		});
		ResultHandle<Void> handle = this.runner.dispatch(task, "x", DispatchOptions.delay(Duration.ofSeconds(5)));
		this.runner.processAll();
		assertThat(this.runner.jobs()).extracting(JobRecord::state).containsExactly(JobState.DELAYED);
		this.runner.advanceTime(Duration.ofMillis(4999));
		assertThat(ran).isEmpty();
		this.runner.advanceTime(Duration.ofMillis(1));
		assertThat(ran).containsExactly("x");
		assertThat(handle.state()).isEqualTo(JobState.COMPLETED);
	}

	@Test
	void executeTimesAJobOutWhenTheVirtualClockPassesItsTimeout() {
		// The handler's slow call takes two hours of the runner's time; its timeout is
		// one hour.
		Task<String, String> task = this.runner.app()
			.task("slow-call", String.class, String.class)
			.timeout(Duration.ofHours(1))
			.handler((s, ctx) -> {
				this.runner.clock().advance(Duration.ofHours(2));
				ctx.cancellation().throwIfCancelled();
				return "answered";
			});
		ExecutionResult<String> result = this.runner.execute(task, "x");
		assertThat(result.state()).isEqualTo(JobState.FAILED);
		assertThat(result.error()).isEqualTo("Job " + result.handle().id() + " did not complete within 3600000ms");
		assertThat(result.attempts()).isEqualTo(1);
		assertThat(this.runner.clock().pendingTimers()).isZero();
	}

	@Test
	void aJobWithinItsTimeoutOnTheVirtualClockCompletes() {
		Task<String, String> task = this.runner.app()
			.task("quick-call", String.class, String.class)
			.timeout(Duration.ofHours(1))
			.handler((s, ctx) -> {
				this.runner.clock().advance(Duration.ofMinutes(59));
				ctx.cancellation().throwIfCancelled();
				return "answered";
			});
		ExecutionResult<String> result = this.runner.execute(task, "x");
		assertThat(result.state()).isEqualTo(JobState.COMPLETED);
		assertThat(result.result()).isEqualTo("answered");
	}

	@Test
	void aStartedAppInterruptsABlockedHandlerWhenTheClockIsMovedPastItsTimeout() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		Task<String, String> task = this.runner.app()
			.task("hangs", String.class, String.class)
			.timeout(Duration.ofHours(1))
			.handler((s, ctx) -> {
				started.countDown();
				try {
					// Simulated work that takes longer than the timeout.
					TimeUnit.HOURS.sleep(2);
				}
				catch (InterruptedException ex) {
					interrupted.countDown();
					throw ex;
				}
				return "done";
			});
		this.runner.app().start();
		ResultHandle<String> handle = this.runner.dispatch(task, "x");
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		// Far beyond the 30 s lock: the running job keeps its lock as the clock jumps.
		this.runner.clock().advance(Duration.ofHours(1));
		assertThatThrownBy(() -> handle.await(Duration.ofSeconds(10))).isInstanceOf(JobFailedException.class)
			.hasMessage("Job " + handle.id() + " did not complete within 3600000ms");
		assertThat(interrupted.getCount()).isZero();
		assertThat(handle.state()).isEqualTo(JobState.FAILED);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.runner.clock().pendingTimers() == 0);
	}

	@Test
	void runTimesOutOnTheVirtualClockToo() {
		Task<String, String> task = this.runner.app()
			.task("slow-run", String.class, String.class)
			.timeout(Duration.ofMinutes(5))
			.handler((s, ctx) -> {
				this.runner.clock().advance(Duration.ofMinutes(10));
				ctx.cancellation().throwIfCancelled();
				return "answered";
			});
		assertThatThrownBy(() -> this.runner.run(task, "x")).isInstanceOf(JobTimeoutException.class)
			.hasMessageEndingWith("did not complete within 300000ms");
	}

	@Test
	void clearForgetsEveryJob() {
		Task<String, String> task = this.runner.app().task("t", String.class, String.class).handler((s, ctx) -> s);
		this.runner.dispatch(task, "x");
		this.runner.clear();
		assertThat(this.runner.jobs()).isEmpty();
	}

	@Test
	void fromAnExistingAppMovesItsTasksToMemoryAndDisposeRestores() {
		MemoryAdapter production = MemoryAdapter.create();
		Taskora app = Taskora.builder().adapter(production).build();
		Task<String, String> task = app.task("greet", String.class, String.class).handler((s, ctx) -> "hi " + s);
		TestRunner fromApp = TestRunner.from(app);
		assertThat(fromApp.execute(task, "ann").result()).isEqualTo("hi ann");
		assertThat(production.storedJobs()).isEmpty();
		fromApp.dispose();
		task.dispatch("bob").enqueued().join();
		assertThat(production.storedJobs()).extracting(JobRecord::data).containsExactly("\"bob\"");
		app.close();
	}

	@Test
	void fromRefusesAStartedApp() {
		Taskora app = Taskora.builder().build();
		app.start();
		try {
			assertThatIllegalStateException().isThrownBy(() -> TestRunner.from(app)).withMessageContaining("started");
		}
		finally {
			app.close();
		}
	}

	@Test
	void aRunnerOfAStartedAppWaitsForItsWorkersAndMovesTheClockThroughBackoff() {
		VirtualClock clock = new VirtualClock();
		Taskora app = Taskora.builder().adapter(MemoryAdapter.create(clock)).build();
		try (TestRunner live = TestRunner.of(app)) {
			List<String> threads = new CopyOnWriteArrayList<>();
			Task<String, String> flaky = app.task("flaky-live", String.class, String.class)
				.retry(Retry.fixed(3, Duration.ofHours(1)).jitter(false))
				.handler((s, ctx) -> {
					threads.add(Thread.currentThread().getName());
					if (ctx.attempt() < 3) {
						throw new IllegalStateException("attempt " + ctx.attempt());
					}
					return s + "!";
				});
			app.start();
			long start = clock.millis();
			ExecutionResult<String> result = live.execute(flaky, "x");
			assertThat(result.isCompleted()).isTrue();
			assertThat(result.result()).isEqualTo("x!");
			assertThat(result.attempts()).isEqualTo(3);
			assertThat(result.id()).isEqualTo(result.handle().id());
			assertThat(clock.millis() - start).isGreaterThanOrEqualTo(Duration.ofHours(2).toMillis());
			assertThat(threads).as("only the app's workers ran it")
				.allMatch(name -> name.startsWith("taskora-flaky-live"));
		}
		finally {
			app.close();
		}
	}

	@Test
	void aRunnerOfAnAppWithoutRunningWorkersReportsAJobAsItStands() {
		Taskora app = Taskora.builder().adapter(MemoryAdapter.create(new VirtualClock())).build();
		try (TestRunner live = TestRunner.of(app)) {
			Task<String, String> task = app.task("idle", String.class, String.class).handler((s, ctx) -> s);
			ExecutionResult<String> result = live.execute(task, "x");
			assertThat(result.state()).isEqualTo(JobState.WAITING);
			assertThat(result.attempts()).isEqualTo(1);
		}
		finally {
			app.close();
		}
	}

	@Test
	void awaitActiveReturnsOnceTheHandlerRuns() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		Task<String, String> task = this.runner.app().task("blocks", String.class, String.class).handler((s, ctx) -> {
			release.await();
			return s;
		});
		this.runner.app().start();
		ResultHandle<String> handle = this.runner.dispatch(task, "x");
		assertThat(this.runner.awaitActive(handle)).isEqualTo(JobState.ACTIVE);
		release.countDown();
		assertThat(this.runner.settle(handle).state()).isEqualTo(JobState.COMPLETED);
	}

	@Test
	void resetStopsWhatRunsDeletesEveryJobAndRewindsTheClock() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		Task<String, String> task = this.runner.app()
			.task("left-behind", String.class, String.class)
			.handler((s, ctx) -> {
				started.countDown();
				// Simulated work that outlives its test.
				TimeUnit.HOURS.sleep(1);
				return s;
			});
		this.runner.app().start();
		ResultHandle<String> running = this.runner.dispatch(task, "x");
		ResultHandle<String> later = this.runner.dispatch(task, "y", DispatchOptions.delay(Duration.ofMinutes(5)));
		CompletableFuture<String> waited = later.result();
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		this.runner.clock().advance(Duration.ofMinutes(1));

		this.runner.reset();

		assertThat(this.runner.jobs()).isEmpty();
		assertThat(this.runner.clock().instant()).isEqualTo(this.runner.clock().start());
		assertThat(this.runner.app().isRunning()).isTrue();
		assertThat(running.state()).isNull();
		assertThat(waited).failsWithin(Duration.ofSeconds(10))
			.withThrowableThat()
			.withMessageContaining("deleted when its test ended");
	}

	@Test
	void aRunnerOfAStartedAppRunsItsSchedulesAtTheirTimesAndWaitsForEachRun() {
		VirtualClock clock = new VirtualClock();
		Taskora app = Taskora.builder().adapter(MemoryAdapter.create(clock)).build();
		try (TestRunner live = TestRunner.of(app)) {
			List<Instant> runs = new CopyOnWriteArrayList<>();
			List<String> threads = new CopyOnWriteArrayList<>();
			app.task("report", Void.class, Void.class)
				.schedule(Schedule.every(Duration.ofHours(1)))
				.handler((data, ctx) -> {
					runs.add(clock.instant());
					threads.add(Thread.currentThread().getName());
					return null;
				});
			app.start();
			Instant start = clock.instant();

			live.advanceTime(Duration.ofHours(3).plusMinutes(30));

			// each run finished before the clock moved on: no waiting in the test
			assertThat(runs).containsExactly(start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(2)),
					start.plus(Duration.ofHours(3)));
			assertThat(threads).allMatch(name -> name.startsWith("taskora-report"));
			assertThat(live.jobs()).hasSize(3).allSatisfy(job -> assertThat(job.state()).isEqualTo(JobState.COMPLETED));
			assertThat(clock.instant()).isEqualTo(start.plus(Duration.ofHours(3).plusMinutes(30)));
		}
		finally {
			app.close();
		}
	}

	@Test
	void resetAndClearBringBackTheAppsSchedulesAsDefinedDueFromTheClock() {
		List<Instant> runs = new CopyOnWriteArrayList<>();
		this.runner.app().task("sync", Void.class, Void.class).handler((data, ctx) -> {
			runs.add(this.runner.clock().instant());
			return null;
		});
		this.runner.app().schedule("hourly-sync", "sync", Schedule.every(Duration.ofHours(1)));
		Instant start = this.runner.clock().instant();
		this.runner.advanceTime(Duration.ofHours(2));
		this.runner.app().schedules().pause("hourly-sync");
		assertThat(runs).hasSize(2);

		this.runner.reset();

		ScheduleInfo info = this.runner.app().schedules().find("hourly-sync").orElseThrow();
		assertThat(info.paused()).isFalse();
		assertThat(info.lastRun()).isNull();
		assertThat(info.nextRun()).isEqualTo(start.plus(Duration.ofHours(1)));
		this.runner.advanceTime(Duration.ofHours(1));
		assertThat(runs).hasSize(3).last().isEqualTo(start.plus(Duration.ofHours(1)));

		this.runner.app().schedules().remove("hourly-sync");
		this.runner.clear();
		assertThat(this.runner.app().schedules().list()).singleElement()
			.satisfies(cleared -> assertThat(cleared.nextRun()).isEqualTo(start.plus(Duration.ofHours(2))));
	}

	@Test
	void advanceTimeRefusesToStepThroughAnEndlessRunOfSchedules() {
		this.runner.app()
			.task("tick", Void.class, Void.class)
			.schedule(Schedule.every(Duration.ofMillis(1)))
			.handler((data, ctx) -> null);
		assertThatIllegalStateException().isThrownBy(() -> this.runner.advanceTime(Duration.ofMinutes(1)))
			.withMessageContaining("advance in smaller steps");
	}

}
