package dev.taskora.engine.internal;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.EventSubscription;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.event.TaskEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app's one subscription to the store's events: watches a task's stream once a listener or a
 * result waiter needs it, and hands every event, on the {@code taskora-events} thread, first to
 * the result waiters, then (decoded) to the listeners.
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

	private @Nullable EventSubscription subscription;

	private volatile boolean closed;

	EventStream(TaskoraRuntime runtime) {
		this.runtime = runtime;
	}

	/** Watches the task's events; completes once every later event will be delivered. */
	CompletableFuture<Void> watch(String task) {
		CompletableFuture<Void> watching = this.watched.computeIfAbsent(task,
				name -> this.runtime.connected().thenCompose(connected -> {
					synchronized (this) {
						if (this.subscription == null) {
							this.subscription = this.runtime.adapter().events().subscribe(this::onAdapterEvent);
						}
						return this.subscription.watch(name);
					}
				}));
		// A failed watch is forgotten so the next listener or waiter tries again.
		watching.whenComplete((done, error) -> {
			if (error != null) {
				this.watched.remove(task, watching);
			}
		});
		return watching;
	}

	private void onAdapterEvent(AdapterEvent event) {
		if (!this.closed) {
			this.dispatcher.execute(() -> route(event));
		}
	}

	private void route(AdapterEvent event) {
		try {
			JobRecord record = event.type().isTerminal() ? this.runtime.waiters().onTerminal(event) : null;
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
			logger.warn("Could not route {} event of job {} (task '{}')", event.type().wireName(), event.jobId(),
					event.task(), ex);
		}
	}

	/** Stops the subscription and the event thread. */
	void close() {
		this.closed = true;
		synchronized (this) {
			if (this.subscription != null) {
				this.subscription.close();
				this.subscription = null;
			}
		}
		this.watched.clear();
		this.dispatcher.shutdown();
	}

}
