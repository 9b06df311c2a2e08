package dev.taskora.engine.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.taskora.engine.CancelledException;
import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.DispatchRequest;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.job.CancelOutcome;
import dev.taskora.engine.job.LogEntry;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.testing.VirtualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The {@link JobStore} facet: enqueue (single, bulk, delayed), claim order, expiry,
 * settling (with a lock that may be lost), progress and logs, and cancelling jobs that
 * are not running.
 */
public abstract class JobsContract extends AdapterContract {

	protected JobsContract(AdapterFactory factory) {
		super(factory);
	}

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
		JobRecord record = adapter(app).inspect().findJob(task.name(), handle.id()).join();
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
	void carriesTheDispatchHeadersToEveryAttemptOfTheJob() {
		Taskora app = live();
		List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
		Task<String, String> task = app.task(name(), String.class, String.class)
			.retry(Retry.fixed(2, Duration.ofMillis(10)))
			.handler((data, ctx) -> {
				seen.add(ctx.headers());
				if (ctx.attempt() == 1) {
					throw new IllegalStateException("once more");
				}
				return data;
			});
		app.start();
		DispatchOptions traced = DispatchOptions.builder()
			.header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
			.header("tenant", "acme")
			.build();

		assertThat(task.dispatch("x", traced).await(WAIT)).isEqualTo("x");
		List<ResultHandle<String>> many = task.dispatchMany(List.of("a", "b"),
				DispatchOptions.builder().delay(Duration.ofMillis(1)).header("tenant", "bulk").build());
		assertThat(many).extracting(handle -> handle.await(WAIT)).containsExactly("a", "b");

		assertThat(seen.subList(0, 2)).containsOnly(
				Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "tenant", "acme"));
		assertThat(seen.subList(2, seen.size())).hasSize(4).containsOnly(Map.of("tenant", "bulk"));
	}

	@Test
	void aJobDispatchedWithoutHeadersHasNone() {
		Taskora app = live();
		List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
		Task<String, String> task = app.task(name(), String.class, String.class).handler((data, ctx) -> {
			seen.add(ctx.headers());
			return data;
		});
		app.start();
		task.dispatch("x").await(WAIT);
		assertThat(seen).containsExactly(Map.of());
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
		List<ResultHandle<String>> handles = task.dispatchAll(List.of(DispatchRequest.of("now"),
				DispatchRequest.of("later", DispatchOptions.delay(Duration.ofSeconds(1)))));
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
	void anExpiredJobIsNotRun() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		AtomicInteger runs = new AtomicInteger();
		Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> {
			runs.incrementAndGet();
			return s;
		});
		ResultHandle<String> handle = task.dispatch("stale",
				DispatchOptions.builder().ttl(Duration.ofSeconds(1)).build());
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
		adapter(app).jobs()
			.enqueue(task.name(), NewJob.of(badId, "{not json", adapter(app).clock().millis(), 1, 0, 1, 0))
			.join();
		assertThatThrownBy(() -> task.handle(badId).await(WAIT)).isInstanceOf(JobFailedException.class)
			.hasMessageContaining(badId)
			.hasMessageContaining("cannot be read");
		assertThat(task.dispatch(new Echo("fine")).await(WAIT)).isEqualTo(new Echo("fine"));
	}

	@Test
	void anEnqueueSentAgainStoresEachJobOnceAndLeavesItAsItWas() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
		app.connect();
		JobStore jobs = adapter(app).jobs();
		long now = clock.millis();
		NewJob now1 = NewJob.of("now-1", "\"first\"", now, 1, 0, 1, 0);
		NewJob later1 = NewJob.of("later-1", "\"first\"", now, 1, 0, 1, 60_000);
		NewJob bulk1 = NewJob.of("bulk-1", "\"first\"", now, 1, 0, 1, 0);
		jobs.enqueue(task.name(), now1).join();
		jobs.enqueue(task.name(), later1).join();
		jobs.enqueueBulk(task.name(), List.of(bulk1)).join();
		ClaimedJob claimed = jobs.claim(task.name(), claimRequest(adapter(app), 60_000)).join();

		// the same ids sent again, as after a reply lost to a dropped connection
		jobs.enqueue(task.name(), NewJob.of("now-1", "\"second\"", now, 1, 0, 1, 0)).join();
		jobs.enqueue(task.name(), NewJob.of("later-1", "\"second\"", now, 1, 0, 1, 60_000)).join();
		jobs.enqueueBulk(task.name(), List.of(NewJob.of("bulk-1", "\"second\"", now, 1, 0, 1, 0),
				NewJob.of("bulk-2", "\"new\"", now, 1, 0, 1, 0)))
			.join();

		assertThat(claimed.id()).isEqualTo("now-1");
		assertThat(adapter(app).inspect().findJob(task.name(), "now-1").join().state()).isEqualTo(JobState.ACTIVE);
		assertThat(adapter(app).inspect().findJob(task.name(), "later-1").join().data()).isEqualTo("\"first\"");
		assertThat(adapter(app).inspect().countByState(task.name()).join()).containsEntry(JobState.ACTIVE, 1L)
			.containsEntry(JobState.DELAYED, 1L)
			.containsEntry(JobState.WAITING, 2L);
		assertThat(jobs.claim(task.name(), claimRequest(adapter(app), 60_000)).join().data()).isEqualTo("\"first\"");
		assertThat(jobs.claim(task.name(), claimRequest(adapter(app), 60_000)).join().id()).isEqualTo("bulk-2");
		assertThat(jobs.claim(task.name(), claimRequest(adapter(app), 60_000)).join()).isNull();
	}

	@Test
	void aHandlerReturningTheWrongTypeFailsNamingTheTypes() {
		Taskora app = live();
		@SuppressWarnings({ "unchecked", "rawtypes" })
		Task<String, Integer> task = app.task(name(), String.class, Integer.class)
			.handler((TaskHandler) (data, ctx) -> "not a number");
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

	@Test
	void settlingWithALostLockChangesNothing() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
		task.dispatch("x").enqueued().join();
		ClaimedJob job = adapter(app).jobs().claim(task.name(), claimRequest(adapter(app), 60_000)).join();
		assertThat(adapter(app).jobs()
			.ack(task.name(), new JobCompletion(job.id(), "not-the-token", "1", clock.millis()), null))
			.failsWithin(WAIT)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(LockMismatchException.class);
		assertThat(adapter(app).inspect().state(task.name(), job.id()).join()).isEqualTo(JobState.ACTIVE);
	}

	@Test
	void settleManySettlesEachEntryAsItsOwnCallWouldThenClaimsForThem() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
		for (String data : List.of("a", "b", "c", "d", "e")) {
			task.dispatch(data).enqueued().join();
			clock.advance(Duration.ofMillis(1));
		}
		Adapter adapter = adapter(app);
		JobStore jobs = adapter.jobs();
		List<ClaimedJob> claimed = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			claimed.add(jobs.claim(task.name(), claimRequest(adapter, 60_000)).join());
		}
		assertThat(claimed).extracting(ClaimedJob::data).containsExactly("\"a\"", "\"b\"", "\"c\"", "\"d\"");
		ClaimedJob a = claimed.get(0);
		ClaimedJob b = claimed.get(1);
		ClaimedJob c = claimed.get(2);
		ClaimedJob d = claimed.get(3);
		long now = clock.millis();
		ClaimRequest forA = claimRequest(adapter, 60_000);
		List<Settlement> settled = jobs.settleMany(task.name(),
				List.of(new SettleRequest(new JobCompletion(a.id(), a.token(), "\"A\"", now), forA),
						new SettleRequest(new JobFailure(b.id(), b.token(), "boom", now, JobFailure.PERMANENT), null),
						new SettleRequest(new JobCompletion(c.id(), "not-the-token", "\"C\"", now),
								claimRequest(adapter, 60_000)),
						new SettleRequest(new JobFailure(d.id(), d.token(), "again", now, 60_000),
								claimRequest(adapter, 60_000))))
			.join();

		assertThat(settled).hasSize(4);
		assertThat(settled.get(0).next()).isNotNull();
		assertThat(settled.get(0).next().data()).isEqualTo("\"e\"");
		assertThat(settled.get(0).next().token()).isEqualTo(forA.token());
		assertThat(settled.get(1).next()).isNull();
		assertThat(settled.get(2)).as("the entry whose lock was lost").isNull();
		assertThat(settled.get(3).next()).as("nothing left to claim").isNull();
		InspectStore inspect = adapter.inspect();
		JobRecord acked = inspect.findJob(task.name(), a.id()).join();
		assertThat(acked.state()).isEqualTo(JobState.COMPLETED);
		assertThat(acked.result()).isEqualTo("\"A\"");
		JobRecord failed = inspect.findJob(task.name(), b.id()).join();
		assertThat(failed.state()).isEqualTo(JobState.FAILED);
		assertThat(failed.error()).isEqualTo("boom");
		assertThat(inspect.state(task.name(), c.id()).join()).isEqualTo(JobState.ACTIVE);
		JobRecord retrying = inspect.findJob(task.name(), d.id()).join();
		assertThat(retrying.state()).isEqualTo(JobState.RETRYING);
		assertThat(retrying.attempt()).isEqualTo(2);
		assertThat(inspect.state(task.name(), settled.get(0).next().id()).join()).isEqualTo(JobState.ACTIVE);
		assertThat(jobs.ack(task.name(), new JobCompletion(c.id(), c.token(), "\"C\"", now), null))
			.succeedsWithin(WAIT);
		assertThat(jobs.settleMany(task.name(), List.of()).join()).isEmpty();
	}

	@Test
	void claimManyClaimsInOrderEachJobWithItsOwnRequestsToken() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
		for (String data : List.of("a", "b", "c")) {
			task.dispatch(data).enqueued().join();
			clock.advance(Duration.ofMillis(1));
		}
		task.dispatch("due", DispatchOptions.delay(Duration.ofSeconds(1))).enqueued().join();
		task.dispatch("later", DispatchOptions.delay(Duration.ofMinutes(1))).enqueued().join();
		clock.advance(Duration.ofSeconds(2));
		Adapter adapter = adapter(app);
		JobStore jobs = adapter.jobs();
		List<ClaimRequest> requests = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			requests.add(claimRequest(adapter, 60_000));
		}

		List<ClaimedJob> claimed = jobs.claimMany(task.name(), requests).join();

		assertThat(claimed).as("the delayed job that came due is promoted first, then claimed last")
			.extracting(ClaimedJob::data)
			.containsExactly("\"a\"", "\"b\"", "\"c\"", "\"due\"");
		for (int i = 0; i < claimed.size(); i++) {
			assertThat(claimed.get(i).token()).isEqualTo(requests.get(i).token());
			assertThat(claimed.get(i).attempt()).isEqualTo(1);
			assertThat(adapter.inspect().state(task.name(), claimed.get(i).id()).join()).isEqualTo(JobState.ACTIVE);
		}
		ClaimedJob b = claimed.get(1);
		assertThat(jobs.ack(task.name(), new JobCompletion(b.id(), b.token(), "\"B\"", clock.millis()), null))
			.as("each job is locked with its own token")
			.succeedsWithin(WAIT);
		assertThat(jobs.claimMany(task.name(), List.of(claimRequest(adapter, 60_000), claimRequest(adapter, 60_000)))
			.join()).as("nothing claimable now").isEmpty();
		assertThat(jobs.claimMany(task.name(), List.of()).join()).isEmpty();
	}

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
				.containsExactly(tuple("info", "quarter"), tuple("warn", "almost"));
		});
		assertThat(handle.logs().get(0).meta()).isEqualTo(Map.of("rows", 10));
	}

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
