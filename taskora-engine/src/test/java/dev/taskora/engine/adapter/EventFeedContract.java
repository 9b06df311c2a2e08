package dev.taskora.engine.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.event.CompletedEvent;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.event.FailedEvent;
import dev.taskora.engine.event.Registration;
import dev.taskora.engine.event.TaskEvent;
import dev.taskora.engine.job.CancelOutcome;
import dev.taskora.engine.retry.Retry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@link EventFeed} facet: lifecycle events of a watched task with their wire types,
 * typed events in order, cancel notices for active jobs, and work waiters that wake on
 * new work.
 */
public abstract class EventFeedContract extends AdapterContract {

	protected EventFeedContract(AdapterFactory factory) {
		super(factory);
	}

	@Test
	void aWatchedTaskDeliversItsTransitionsWithTheirWireTypes() {
		Adapter adapter = createConnectedAdapter();
		String task = name();
		List<AdapterEvent> seen = new CopyOnWriteArrayList<>();
		try (EventSubscription subscription = adapter.events().subscribe(seen::add)) {
			subscription.watch(task).join();
			long now = adapter.clock().millis();
			adapter.jobs().enqueue(task, NewJob.of("j1", "1", now, 1, 0, 1, 0)).join();
			ClaimedJob claimed = adapter.jobs().claim(task, claimRequest(adapter, 30_000)).join();
			adapter.jobs().setProgress(task, claimed.id(), "50").join();
			adapter.jobs().ack(task, new JobCompletion(claimed.id(), claimed.token(), "1", now), null).join();
			await().atMost(WAIT).until(() -> seen.size() >= 4);
			assertThat(seen).extracting(AdapterEvent::type)
				.containsExactly(WireEvent.WAITING, WireEvent.ACTIVE, WireEvent.PROGRESS, WireEvent.COMPLETED);
			assertThat(seen).allSatisfy(event -> assertThat(event.task()).isEqualTo(task));
			assertThat(seen.get(2).field("value")).isEqualTo("50");
		}
		finally {
			adapter.disconnect().join();
		}
	}

	@Test
	void anUnwatchedTaskDeliversNothing() {
		Adapter adapter = createConnectedAdapter();
		String watched = name();
		String other = name();
		List<AdapterEvent> seen = new CopyOnWriteArrayList<>();
		try (EventSubscription subscription = adapter.events().subscribe(seen::add)) {
			subscription.watch(watched).join();
			long now = adapter.clock().millis();
			adapter.jobs().enqueue(other, NewJob.of("j-other", "1", now, 1, 0, 1, 0)).join();
			adapter.jobs().enqueue(watched, NewJob.of("j-watched", "1", now, 1, 0, 1, 0)).join();
			await().atMost(WAIT).until(() -> !seen.isEmpty());
			assertThat(seen).extracting(AdapterEvent::jobId).containsExactly("j-watched");
		}
		finally {
			adapter.disconnect().join();
		}
	}

	@Test
	void cancellingAnActiveJobTellsItsTasksCancelListeners() throws Exception {
		Adapter adapter = createConnectedAdapter();
		String task = name();
		CountDownLatch told = new CountDownLatch(1);
		List<String> ids = new CopyOnWriteArrayList<>();
		try (Registration registration = adapter.events().subscribeCancellations(task, id -> {
			ids.add(id);
			told.countDown();
		})) {
			long now = adapter.clock().millis();
			adapter.jobs().enqueue(task, NewJob.of("j1", "1", now, 1, 0, 1, 0)).join();
			ClaimedJob claimed = adapter.jobs().claim(task, claimRequest(adapter, 30_000)).join();
			assertThat(adapter.jobs().cancel(task, claimed.id(), "stop", now).join()).isEqualTo(CancelOutcome.FLAGGED);
			assertThat(told.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
			assertThat(ids).containsExactly("j1");
		}
		finally {
			adapter.disconnect().join();
		}
	}

	@Test
	void noMigrationLockIsHeldOnAStoreNobodyMigratesAndTheBroadcastSubscriptionCloses() {
		Adapter adapter = createConnectedAdapter();
		List<String> told = new CopyOnWriteArrayList<>();
		try (Registration registration = adapter.events().subscribeMigrationBroadcast(() -> told.add("told"))) {
			assertThat(adapter.events().migrationLockHeld().join()).isFalse();
		}
		assertThat(told).isEmpty();
	}

	/** With {@code prepared}, the worker was announced first ({@code prepareWorkers}). */
	@ParameterizedTest(name = "prepared ahead: {0}")
	@ValueSource(booleans = { false, true })
	void aWorkWaiterReturnsOnceWorkIsEnqueued(boolean prepared) throws Exception {
		Adapter adapter = createConnectedAdapter();
		String task = name();
		if (prepared) {
			adapter.events().prepareWorkers(List.of(task));
		}
		try (WorkWaiter waiter = adapter.events().workWaiter(task)) {
			assertReturnsOnceWorkIsEnqueued(adapter, task, waiter);
		}
		finally {
			adapter.disconnect().join();
		}
	}

	@Test
	void aWorkWaiterGivenAClaimLeavesEachJobClaimedOnceByTheClaimOrForTheCaller() throws Exception {
		Adapter adapter = createConnectedAdapter();
		String task = name();
		List<String> claimedByTheWaiter = new CopyOnWriteArrayList<>();
		WorkWaiter.WorkClaim claim = () -> adapter.jobs()
			.claim(task, new ClaimRequest(UUID.randomUUID().toString(), 30_000, adapter.clock().millis(), false, false))
			.thenApply(job -> {
				if (job != null) {
					claimedByTheWaiter.add(job.id());
				}
				return false;
			});
		try (WorkWaiter waiter = adapter.events().workWaiter(task)) {
			CountDownLatch returned = new CountDownLatch(1);
			Thread waiting = new Thread(() -> {
				try {
					waiter.await(Duration.ofSeconds(30), claim);
					returned.countDown();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
			waiting.start();
			String id = UUID.randomUUID().toString();
			adapter.jobs().enqueue(task, NewJob.of(id, "1", adapter.clock().millis(), 1, 0, 1, 0)).join();
			assertThat(returned.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
			waiting.join(WAIT.toMillis());

			ClaimedJob byTheCaller = adapter.jobs()
				.claim(task,
						new ClaimRequest(UUID.randomUUID().toString(), 30_000, adapter.clock().millis(), false, false))
				.join();
			List<String> claimed = new ArrayList<>(claimedByTheWaiter);
			if (byTheCaller != null) {
				claimed.add(byTheCaller.id());
			}
			assertThat(claimed).containsExactly(id);
		}
		finally {
			adapter.disconnect().join();
		}
	}

	private static void assertReturnsOnceWorkIsEnqueued(Adapter adapter, String task, WorkWaiter waiter)
			throws InterruptedException {
		CountDownLatch returned = new CountDownLatch(1);
		Thread waiting = new Thread(() -> {
			try {
				waiter.await(Duration.ofSeconds(30));
				returned.countDown();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		waiting.start();
		adapter.jobs()
			.enqueue(task, NewJob.of(UUID.randomUUID().toString(), "1", adapter.clock().millis(), 1, 0, 1, 0))
			.join();
		assertThat(returned.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		waiting.join(WAIT.toMillis());
	}

	@Test
	void aWorkerWakesForNewWorkWhileIdle() {
		Taskora app = live();
		Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
		app.start();
		// The worker blocks on the adapter; a dispatch must wake it, well before its idle
		// safety net.
		assertThat(task.dispatch("wake").await(Duration.ofSeconds(3))).isEqualTo("wake");
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
		assertThat(events.get(2)).isEqualTo(new FailedEvent(task.name(), handle.id(), "first", 1, true));
	}

	@Test
	void anAppListensToEventsOfATaskItDoesNotDefine() {
		Taskora worker = live();
		Taskora observer = liveSharingStoreWith(worker);
		String name = name();
		Task<String, String> task = worker.task(name, String.class, String.class).handler((s, ctx) -> s + "!");
		List<CompletedEvent> heard = new CopyOnWriteArrayList<>();
		observer.on(name, EventType.COMPLETED, heard::add);
		observer.connect(); // returns once the observer hears every later event of the
							// task
		worker.start();
		ResultHandle<String> handle = task.dispatch("x");
		assertThat(handle.await(WAIT)).isEqualTo("x!");
		await().atMost(WAIT).until(() -> !heard.isEmpty());
		assertThat(heard).extracting(CompletedEvent::id).containsExactly(handle.id());
		assertThat(heard.get(0).result()).as("an unknown task's result reads as plain JSON").isEqualTo("x!");
	}

	private Adapter createConnectedAdapter() {
		Adapter adapter = createAdapter();
		adapter.connect().join();
		return adapter;
	}

}
