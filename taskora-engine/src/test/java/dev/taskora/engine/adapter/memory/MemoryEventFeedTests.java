package dev.taskora.engine.adapter.memory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.EventSubscription;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.WorkWaiter;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The memory adapter's event feed: work waiters and the event stream. */
class MemoryEventFeedTests extends MemoryAdapterTestSupport {

	@Nested
	class Waiting {

		@Test
		void waiterWakesWhenAJobIsEnqueued() throws Exception {
			WorkWaiter waiter = adapter.events().workWaiter(TASK);
			BlockedWait wait = BlockedWait.start(waiter, Duration.ofMinutes(1));

			adapter.jobs().enqueue(TASK, job("j1", START)).join();

			wait.assertReturnsWithin(Duration.ofSeconds(5));
			assertThat(claim().id()).isEqualTo("j1");
		}

		@Test
		void waiterReturnsAtOnceWhileWorkIsClaimable() throws Exception {
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			WorkWaiter waiter = adapter.events().workWaiter(TASK);

			assertReturnsQuickly(() -> waiter.await(Duration.ofMinutes(1)));
		}

		@Test
		void waiterWakesWhenTheAdapterIsWokenAfterTheClockMoved() throws Exception {
			adapter.jobs().enqueue(TASK, NewJob.of("j1", "1", START, 1, 0, 1, 60_000)).join();
			WorkWaiter waiter = adapter.events().workWaiter(TASK);
			BlockedWait wait = BlockedWait.start(waiter, Duration.ofMinutes(1));

			clock.advance(60_000);
			adapter.wakeUp();

			wait.assertReturnsWithin(Duration.ofSeconds(5));
			assertThat(claim().id()).isEqualTo("j1");
		}

		@Test
		void waiterWakesWhenADelayedJobFallsDueOnTheSystemClock() throws Exception {
			MemoryAdapter systemAdapter = MemoryAdapter.create();
			long now = systemAdapter.clock().millis();
			systemAdapter.jobs().enqueue(TASK, NewJob.of("j1", "1", now, 1, 0, 1, 200)).join();
			WorkWaiter waiter = systemAdapter.events().workWaiter(TASK);

			long started = System.nanoTime();
			waiter.await(Duration.ofMinutes(1));

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
			assertThat(systemAdapter.clock().millis()).isGreaterThanOrEqualTo(now + 200);
		}

		@Test
		void waiterWakesWhenItsOwnWakeUpIsCalledOrItIsClosed() throws Exception {
			WorkWaiter waiter = adapter.events().workWaiter(TASK);
			BlockedWait wait = BlockedWait.start(waiter, Duration.ofMinutes(1));

			waiter.wakeUp();
			wait.assertReturnsWithin(Duration.ofSeconds(5));

			waiter.wakeUp();
			assertReturnsQuickly(() -> waiter.await(Duration.ofMinutes(1)));

			BlockedWait closing = BlockedWait.start(waiter, Duration.ofMinutes(1));
			waiter.close();
			closing.assertReturnsWithin(Duration.ofSeconds(5));
		}

		@Test
		void waiterWakesWhenAConcurrencySlotIsReleased() throws Exception {
			adapter.jobs().enqueue(TASK, keyed("a", START, "tenant", 1)).join();
			adapter.jobs().enqueue(TASK, keyed("b", START + 1, "tenant", 1)).join();
			ClaimedJob a = claim();
			assertThat(claim()).isNull();
			WorkWaiter waiter = adapter.events().workWaiter(TASK);
			BlockedWait wait = BlockedWait.start(waiter, Duration.ofMinutes(1));

			ack(a, "1");

			wait.assertReturnsWithin(Duration.ofSeconds(5));
			assertThat(claim().id()).isEqualTo("b");
		}

		@Test
		void waiterLooksAgainSoonAfterAClaimRanOutOfCandidates() throws Exception {
			MemoryAdapter systemAdapter = MemoryAdapter.create();
			long now = systemAdapter.clock().millis();
			// more jobs held back by one full group than a claim looks at
			for (int i = 0; i < MemoryClaimer.MAX_SCANNED + 50; i++) {
				systemAdapter.jobs().enqueue(TASK, keyed("k" + i, now, "tenant", 1)).join();
			}
			ClaimRequest request = new ClaimRequest("t1", LOCK_TTL, now, false, false);
			assertThat(systemAdapter.jobs().claim(TASK, request).join()).isNotNull();
			assertThat(systemAdapter.jobs().claim(TASK, new ClaimRequest("t2", LOCK_TTL, now, false, false)).join())
				.isNull();
			WorkWaiter waiter = systemAdapter.events().workWaiter(TASK);

			long started = System.nanoTime();
			waiter.await(Duration.ofMinutes(1));

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
			assertThat(systemAdapter.clock().millis()).isGreaterThanOrEqualTo(now + MemoryClaimer.RECHECK_MS);
		}

		@Test
		void waiterKeepsWaitingWhileTheOnlyJobIsHeldBackByItsConcurrencyKey() throws Exception {
			adapter.jobs().enqueue(TASK, keyed("a", START, "tenant", 1)).join();
			adapter.jobs().enqueue(TASK, keyed("b", START + 1, "tenant", 1)).join();
			claim();
			assertThat(claim()).isNull();
			WorkWaiter waiter = adapter.events().workWaiter(TASK);

			long started = System.nanoTime();
			waiter.await(Duration.ofMillis(300));

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		}

	}

	@Nested
	class Events {

		@Test
		void deliversEventsOfWatchedTasksOnlyInOrderOnTheEventThread() {
			List<String> threads = new CopyOnWriteArrayList<>();
			EventSubscription subscription = adapter.events().subscribe((event) -> {
				threads.add(Thread.currentThread().getName());
				events.add(event);
			});
			adapter.jobs().enqueue(TASK, job("before-watch", START)).join();
			subscription.watch(TASK).join();
			subscription.watch("flush").join();

			adapter.jobs().enqueue("unwatched", job("x", START)).join();
			for (int i = 0; i < 50; i++) {
				adapter.jobs().enqueue(TASK, job("j" + i, START)).join();
			}
			adapter.jobs().enqueue("flush", job("flush", START)).join();

			await().atMost(Duration.ofSeconds(5))
				.until(() -> events.stream().anyMatch((event) -> event.task().equals("flush")));
			assertThat(events).hasSize(51);
			assertThat(events.subList(0, 50)).extracting(AdapterEvent::jobId)
				.containsExactlyElementsOf(IntStream.range(0, 50).mapToObj((i) -> "j" + i).toList());
			assertThat(threads).containsOnly("taskora-memory-events");
		}

		@Test
		void listenersMayCallBackIntoTheAdapter() {
			List<JobState> states = new CopyOnWriteArrayList<>();
			EventSubscription subscription = adapter.events()
				.subscribe((event) -> states.add(adapter.inspect().state(event.task(), event.jobId()).join()));
			subscription.watch(TASK).join();

			adapter.jobs().enqueue(TASK, job("j1", START)).join();

			await().atMost(Duration.ofSeconds(5)).until(() -> !states.isEmpty());
			assertThat(states).containsExactly(JobState.WAITING);
		}

		@Test
		void closedSubscriptionHearsNothingMore() {
			List<AdapterEvent> first = new CopyOnWriteArrayList<>();
			EventSubscription closed = adapter.events().subscribe(first::add);
			closed.watch(TASK).join();
			closed.close();
			recordEvents();

			adapter.jobs().enqueue(TASK, job("j1", START)).join();

			awaitEvents(1);
			assertThat(first).isEmpty();
		}

		@Test
		void disconnectStopsTheEventThreadAndASubscribeAfterConnectStartsANewOne() {
			recordEvents();
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			awaitEvents(1);

			adapter.disconnect().join();
			await().atMost(Duration.ofSeconds(5)).until(() -> eventThreads() == 0);

			adapter.connect().join();
			recordEvents();
			adapter.jobs().enqueue(TASK, job("j2", START)).join();
			awaitEvents(2);
			assertThat(events).extracting(AdapterEvent::jobId).containsExactly("j1", "j2");
		}

		private long eventThreads() {
			return Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread.getName().equals("taskora-memory-events") && thread.isAlive())
				.count();
		}

	}

}
