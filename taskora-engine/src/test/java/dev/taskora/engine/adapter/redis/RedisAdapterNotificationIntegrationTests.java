package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.EventSubscription;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.WireEvent;
import dev.taskora.engine.adapter.WorkWaiter;
import dev.taskora.engine.event.Registration;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The work waiter (marker), the shared event stream reader and cancel notices. */
class RedisAdapterNotificationIntegrationTests extends RedisIntegrationTestSupport {

	@Nested
	class Waiting {

		@Test
		void awaitReturnsWhenAJobIsEnqueued() throws Exception {
			String task = task();
			try (WorkWaiter waiter = adapter.events().workWaiter(task)) {
				CompletableFuture<Long> returned = awaitInBackground(waiter, Duration.ofSeconds(30));
				awaitBlocked(adapter.instanceName() + "-waiter-" + task);
				adapter.jobs().enqueue(task, job("1")).join();

				assertThat(returned.get(5, TimeUnit.SECONDS)).isLessThan(5_000L);
				assertThat(markerScore(task)).as("the waiter took the marker").isNull();
			}
		}

		@Test
		void aClaimGivenToAwaitRunsOnTheConnectionsThreadAsEachMarkerPopsWhileItKeepsWaiting() throws Exception {
			String task = task();
			String waiterName = adapter.instanceName() + "-waiter-" + task;
			List<String> claimed = new CopyOnWriteArrayList<>();
			List<String> claimingThreads = new CopyOnWriteArrayList<>();
			AtomicBoolean keepWaiting = new AtomicBoolean(true);
			WorkWaiter.WorkClaim claim = () -> {
				claimingThreads.add(Thread.currentThread().getName());
				return adapter.jobs().claim(task, claimRequest()).thenApply(job -> {
					claimed.add(job.id());
					return keepWaiting.get();
				});
			};
			try (WorkWaiter waiter = adapter.events().workWaiter(task)) {
				CompletableFuture<Long> returned = awaitInBackground(waiter, Duration.ofSeconds(30), claim);
				awaitBlocked(waiterName);
				NewJob first = job("1");
				adapter.jobs().enqueue(task, first).join();
				await().atMost(WAIT).until(() -> claimed.contains(first.id()));
				// blocked on the marker again, without returning to the waiting thread
				awaitBlocked(waiterName);
				assertThat(returned).isNotDone();

				keepWaiting.set(false);
				NewJob second = job("2");
				adapter.jobs().enqueue(task, second).join();
				assertThat(returned.get(5, TimeUnit.SECONDS)).isLessThan(5_000L);
				assertThat(claimed).containsExactly(first.id(), second.id());
				assertThat(claimingThreads).hasSize(2).noneMatch("test-await"::equals);
			}
		}

		@Test
		void anAwaitWhoseClaimFailsReturnsToTheCallerWithTheJobStillWaiting() throws Exception {
			String task = task();
			WorkWaiter.WorkClaim failing = () -> CompletableFuture.failedFuture(new IllegalStateException("refused"));
			try (WorkWaiter waiter = adapter.events().workWaiter(task)) {
				CompletableFuture<Long> returned = awaitInBackground(waiter, Duration.ofSeconds(30), failing);
				awaitBlocked(adapter.instanceName() + "-waiter-" + task);
				NewJob job = job("1");
				adapter.jobs().enqueue(task, job).join();

				assertThat(returned.get(5, TimeUnit.SECONDS)).isLessThan(5_000L);
				assertThat(adapter.jobs().claim(task, claimRequest()).join().id()).isEqualTo(job.id());
			}
		}

		@Test
		void awaitReturnsAfterMaxWhenNothingHappens() throws Exception {
			try (WorkWaiter waiter = adapter.events().workWaiter(task())) {
				long started = System.nanoTime();
				waiter.await(Duration.ofMillis(300));
				assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(250L, 3_000L);
			}
		}

		@Test
		void awaitSleepsUntilADelayedJobIsDueAndNoLonger() throws Exception {
			String task = task();
			long dueAt = now() + 700;
			adapter.jobs().enqueue(task, NewJob.of(id(), "1", dueAt - 700, 1, 0, 1, 700)).join();
			try (WorkWaiter waiter = adapter.events().workWaiter(task)) {
				waiter.await(Duration.ofSeconds(20));
				assertThat(now()).isGreaterThanOrEqualTo(dueAt).isLessThan(dueAt + 3_000);
			}
			assertThat(adapter.jobs().claim(task, claimRequest()).join()).isNotNull();
		}

		@Test
		void wakeUpEndsAnAwaitAtOnceAndTheNextAwaitStillSeesWork() throws Exception {
			String task = task();
			try (WorkWaiter waiter = adapter.events().workWaiter(task)) {
				CompletableFuture<Long> returned = awaitInBackground(waiter, Duration.ofSeconds(30));
				awaitBlocked(adapter.instanceName() + "-waiter-" + task);
				waiter.wakeUp();
				assertThat(returned.get(5, TimeUnit.SECONDS)).isLessThan(5_000L);

				CompletableFuture<Long> next = awaitInBackground(waiter, Duration.ofSeconds(30));
				adapter.jobs().enqueue(task, job("1")).join();
				assertThat(next.get(5, TimeUnit.SECONDS)).isLessThan(5_000L);
			}
		}

		@Test
		void aWakeUpBeforeAwaitEndsTheNextAwait() throws Exception {
			try (WorkWaiter waiter = adapter.events().workWaiter(task())) {
				waiter.wakeUp();
				long started = System.nanoTime();
				waiter.await(Duration.ofSeconds(30));
				assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2_000L);
			}
		}

		@Test
		void workersPreparedAheadFindTheirConnectionsOpen() throws Exception {
			String task = task();
			String cancel = adapter.instanceName() + "-cancel";
			String waiterName = adapter.instanceName() + "-waiter-" + task;
			adapter.events().prepareWorkers(List.of(task));
			await().atMost(WAIT)
				.until(() -> raw.clientIds(cancel).size() == 1 && raw.clientIds(waiterName).size() == 1);

			try (Registration notices = adapter.events().subscribeCancellations(task, id -> {
			}); WorkWaiter waiter = adapter.events().workWaiter(task)) {
				waiter.await(Duration.ofMillis(50));
				assertThat(raw.clientIds(cancel)).hasSize(1);
				assertThat(raw.clientIds(waiterName)).hasSize(1);
			}
			await().atMost(WAIT).until(() -> raw.clientIds(waiterName).isEmpty());
		}

		@Test
		void onlyTheWorkersAnAppStartsOpenConnectionsAndAProcessThatOnlyConnectsOpensNone() {
			RedisAdapter own = track(
					RedisAdapter.create(server.options().prefix(RedisTestServer.uniquePrefix()).build()));
			String waiter = own.instanceName() + "-waiter-";
			try (Taskora app = Taskora.builder().adapter(own).build()) {
				app.task("emails", String.class, String.class).handler((to, ctx) -> to);
				app.task("invoices", String.class, String.class).handler((to, ctx) -> to);
				Task<String, String> reports = app.task("reports", String.class, String.class).register();
				app.pauseWorker("invoices");
				app.connect();
				reports.dispatch("r").enqueued().join();
				assertThat(Thread.getAllStackTraces().keySet())
					.noneMatch(thread -> thread.getName().startsWith(waiter));
				assertThat(raw.clientIds(waiter + "emails")).as("connected, not started").isEmpty();
				assertThat(raw.clientIds(own.instanceName() + "-cancel")).isEmpty();

				app.start();
				await().atMost(WAIT).until(() -> raw.clientIds(waiter + "emails").size() == 1);
				assertThat(raw.clientIds(own.instanceName() + "-cancel")).hasSize(1);
				assertThat(raw.clientIds(waiter + "invoices")).as("a paused worker").isEmpty();
				assertThat(raw.clientIds(waiter + "reports")).as("a task without a handler").isEmpty();
			}
		}

		@Test
		void aWaiterClosedWhileItsConnectionOpensLeavesNoConnection() {
			String task = task();
			String name = adapter.instanceName() + "-waiter-" + task;
			adapter.events().workWaiter(task).close();
			// the connect under way ends, closing what it opened
			await().atMost(WAIT)
				.until(() -> Thread.getAllStackTraces()
					.keySet()
					.stream()
					.noneMatch(thread -> thread.getName().equals(name + "-open")));
			assertThat(raw.clientIds(name)).isEmpty();
		}

		@Test
		void closeReleasesTheWaitersConnection() throws Exception {
			String task = task();
			String name = adapter.instanceName() + "-waiter-" + task;
			WorkWaiter waiter = adapter.events().workWaiter(task);
			waiter.await(Duration.ofMillis(50));
			assertThat(raw.clientIds(name)).hasSize(1);

			waiter.close();
			await().atMost(WAIT).until(() -> raw.clientIds(name).isEmpty());
		}

	}

	@Nested
	class Events {

		@Test
		void watchDeliversEveryEventWrittenAfterItCompletes() {
			String task = task();
			adapter.jobs().enqueue(task, job("before")).join();
			List<AdapterEvent> seen = new CopyOnWriteArrayList<>();
			EventSubscription subscription = adapter.events().subscribe(seen::add);
			subscription.watch(task).join();

			ClaimedJob claimed = adapter.jobs().claim(task, claimRequest()).join();
			adapter.jobs().setProgress(task, claimed.id(), "50").join();
			adapter.jobs().ack(task, new JobCompletion(claimed.id(), claimed.token(), "1", now()), null).join();

			await().atMost(WAIT).until(() -> seen.size() >= 3);
			assertThat(seen).containsExactly(new AdapterEvent(task, WireEvent.ACTIVE, claimed.id(), Map.of()),
					new AdapterEvent(task, WireEvent.PROGRESS, claimed.id(), Map.of("value", "50")),
					new AdapterEvent(task, WireEvent.COMPLETED, claimed.id(), Map.of()));
			subscription.close();
		}

		@Test
		void aTaskWatchedWhileTheReaderIsBlockedIsPickedUpPromptly() {
			String first = task();
			String second = task();
			List<AdapterEvent> seen = new CopyOnWriteArrayList<>();
			EventSubscription subscription = adapter.events().subscribe(seen::add);
			subscription.watch(first).join();
			awaitBlocked(adapter.instanceName() + "-events");

			subscription.watch(second).join();
			NewJob job = job("1");
			adapter.jobs().enqueue(second, job).join();
			// the reader blocks for 5 s at a time: arriving well before proves the
			// UNBLOCK
			await().atMost(Duration.ofMillis(2_500))
				.until(() -> seen.stream().anyMatch(e -> e.jobId().equals(job.id())));
			subscription.close();
		}

		@Test
		void eachSubscriptionGetsEventsFromItsOwnStartAndStopsWhenClosed() {
			String task = task();
			List<AdapterEvent> early = new CopyOnWriteArrayList<>();
			List<AdapterEvent> late = new CopyOnWriteArrayList<>();
			EventSubscription first = adapter.events().subscribe(early::add);
			first.watch(task).join();
			NewJob one = job("1");
			adapter.jobs().enqueue(task, one).join();
			await().atMost(WAIT).until(() -> early.size() == 1);
			EventSubscription second = adapter.events().subscribe(late::add);
			second.watch(task).join();
			first.close();
			NewJob two = job("2");
			adapter.jobs().enqueue(task, two).join();

			await().atMost(WAIT).until(() -> late.size() == 1);
			assertThat(late).extracting(AdapterEvent::jobId).containsExactly(two.id());
			assertThat(early).extracting(AdapterEvent::jobId).containsExactly(one.id());
			second.close();
		}

		@Test
		void allTasksShareOneReaderConnection() {
			EventSubscription subscription = adapter.events().subscribe(event -> {
			});
			for (int i = 0; i < 5; i++) {
				subscription.watch(task()).join();
			}
			adapter.events().subscribe(event -> {
			}).watch(task()).join();

			// the reader connects on its own thread once the first watch is in place
			await().atMost(WAIT).until(() -> !raw.clientIds(adapter.instanceName() + "-events").isEmpty());
			assertThat(raw.clientIds(adapter.instanceName() + "-events")).hasSize(1);
			subscription.close();
		}

	}

	@Nested
	class CancelNotices {

		@Test
		void aListenerHearsOnlyItsTasksCancelsUntilItUnregisters() {
			String task = task();
			String other = task();
			List<String> heard = new CopyOnWriteArrayList<>();
			Registration registration = adapter.events().subscribeCancellations(task, heard::add);
			adapter.events().subscribeCancellations(other, id -> heard.add("other:" + id));
			ClaimedJob first = enqueueAndClaim(task, "1");

			adapter.jobs().cancel(task, first.id(), null, now()).join();
			await().atMost(WAIT).until(() -> heard.contains(first.id()));
			registration.close();
			await().atMost(WAIT)
				.until(() -> raw.commands()
					.pubsubNumsub(keys(task).cancelChannel())
					.get(keys(task).cancelChannel()) == 0);
			ClaimedJob second = enqueueAndClaim(task, "2");
			adapter.jobs().cancel(task, second.id(), null, now()).join();
			ClaimedJob third = enqueueAndClaim(other, "3");
			adapter.jobs().cancel(other, third.id(), null, now()).join();

			await().atMost(WAIT).until(() -> heard.contains("other:" + third.id()));
			assertThat(heard).containsExactly(first.id(), "other:" + third.id());
			assertThat(raw.clientIds(adapter.instanceName() + "-cancel")).hasSize(1);
		}

	}

	/**
	 * Runs {@code await} on another thread; the future holds how long it blocked (ms).
	 */
	static CompletableFuture<Long> awaitInBackground(WorkWaiter waiter, Duration max) {
		return awaitInBackground(waiter, max, null);
	}

	/**
	 * Runs {@code await} with a claim on another thread; the future holds how long it
	 * blocked (ms).
	 */
	static CompletableFuture<Long> awaitInBackground(WorkWaiter waiter, Duration max,
			WorkWaiter.@Nullable WorkClaim claim) {
		CompletableFuture<Long> returned = new CompletableFuture<>();
		Thread thread = new Thread(() -> {
			long started = System.nanoTime();
			try {
				if (claim != null) {
					waiter.await(max, claim);
				}
				else {
					waiter.await(max);
				}
				returned.complete(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
			}
			catch (Throwable ex) {
				returned.completeExceptionally(ex);
			}
		}, "test-await");
		thread.setDaemon(true);
		thread.start();
		return returned;
	}

	/**
	 * Waits until the named connection is blocked in a BZPOPMIN or XREAD on the server.
	 */
	static void awaitBlocked(String clientName) {
		await().atMost(WAIT)
			.until(() -> raw.commands()
				.clientList()
				.lines()
				.anyMatch(line -> line.contains("name=" + clientName + " ") && line.contains("flags=b")));
	}

}
