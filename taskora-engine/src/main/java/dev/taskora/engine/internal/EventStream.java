package dev.taskora.engine.internal;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.EventSubscription;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.StoreUnavailableException;
import dev.taskora.engine.adapter.WireEvent;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.event.TaskEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's one subscription to the store's events: watches a task's stream once a
 * listener or a result waiter needs it, and hands every event, on the
 * {@code taskora-events} thread, first to the result waiters, then (decoded) to the
 * listeners.
 */
final class EventStream {

	private static final Logger logger = LoggerFactory.getLogger(EventStream.class);

	private final TaskoraRuntime runtime;

	private final Map<String, CompletableFuture<Void>> watched = new ConcurrentHashMap<>();

	private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "taskora-events");
		thread.setDaemon(true);
		return thread;
	});

	private final Object subscriptionLock = new Object();

	private @Nullable EventSubscription subscription;

	private volatile boolean closed;

	EventStream(TaskoraRuntime runtime) {
		this.runtime = runtime;
	}

	/**
	 * Watches the task's events once; completes once every later event will be delivered.
	 * Runs on any thread, a store I/O thread included (a result waiter set up when a
	 * dispatch completes): nothing here blocks, and the one lock taken is held only to
	 * create the subscription.
	 */
	CompletableFuture<Void> watch(String task) {
		CompletableFuture<Void> existing = this.watched.get(task);
		if (existing != null) {
			return existing;
		}
		CompletableFuture<Void> watching = new CompletableFuture<>();
		existing = this.watched.putIfAbsent(task, watching);
		if (existing != null) {
			return existing;
		}
		this.runtime.whenConnected(() -> subscription().watch(task)).whenComplete((done, error) -> {
			if (error != null) {
				// forgotten, so the next listener or waiter tries again
				this.watched.remove(task, watching);
				watching.completeExceptionally(error);
			}
			else {
				watching.complete(null);
			}
		});
		return watching;
	}

	/**
	 * Completes once every task watched so far is being read: from then on each of their
	 * events reaches the listeners. A watch that failed is not waited for (the next
	 * listener tries again).
	 */
	CompletableFuture<Void> watching() {
		return CompletableFuture.allOf(this.watched.values()
			.stream()
			.map(watch -> watch.handle((done, error) -> null))
			.toArray(CompletableFuture<?>[]::new));
	}

	private EventSubscription subscription() {
		synchronized (this.subscriptionLock) {
			if (this.closed) {
				throw new IllegalStateException("Taskora is closed");
			}
			if (this.subscription == null) {
				this.subscription = this.runtime.adapter().events().subscribe(this::onAdapterEvent);
			}
			return this.subscription;
		}
	}

	private void onAdapterEvent(AdapterEvent event) {
		if (!this.closed) {
			this.dispatcher.execute(() -> route(event));
		}
	}

	private void route(AdapterEvent event) {
		try {
			JobRecord record = event.type().isTerminal() ? this.runtime.waiters().onTerminal(event) : null;
			if (event.type() == WireEvent.DEBOUNCED) {
				this.runtime.waiters().onReplaced(event);
			}
			EventType<?> type = WireEvents.typeOf(event.type());
			if (type == null || !this.runtime.events().hasListener(event.task(), type)) {
				return;
			}
			if (record == null && WireEvents.needsRecord(type)) {
				record = this.runtime.adapter().inspect().findJob(event.task(), event.jobId()).join();
			}
			for (TaskEvent typed : this.runtime.wireEvents().decode(event, record)) {
				this.runtime.events().deliver(typed);
			}
		}
		catch (RuntimeException ex) {
			if (StoreUnavailableException.isCause(ex)) {
				// the adapter reports the outage itself, once
				logger.debug("Could not route {} event of job {} (task '{}')", event.type().wireName(), event.jobId(),
						event.task(), ex);
			}
			else {
				logger.warn("Could not route {} event of job {} (task '{}')", event.type().wireName(), event.jobId(),
						event.task(), ex);
			}
		}
	}

	/**
	 * Waits until every event received so far has reached its listeners.
	 * @return whether delivery caught up within the timeout (a listener may be blocked)
	 */
	boolean awaitDelivery(Duration timeout) {
		try {
			CompletableFuture.runAsync(() -> {
			}, this.dispatcher).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (RejectedExecutionException | ExecutionException ex) {
			// Closed: nothing is delivered any more.
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Stops the subscription and the event thread. */
	void close() {
		this.closed = true;
		synchronized (this.subscriptionLock) {
			if (this.subscription != null) {
				this.subscription.close();
				this.subscription = null;
			}
		}
		this.watched.clear();
		this.dispatcher.shutdown();
	}

}
