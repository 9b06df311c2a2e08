package dev.taskora.engine.adapter.memory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;

import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.EventSubscription;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory adapter's event stream. Transitions publish while they hold the store lock,
 * so events are numbered in the order the transitions happened; one daemon thread
 * delivers them in that order, never under the store lock, so a sink may call back into
 * the adapter.
 * <p>
 * A subscription receives the events of a task numbered after its {@code watch(task)}:
 * the feed position of an XREAD from {@code $}.
 */
final class MemoryEventBus {

	static final String THREAD_NAME = "taskora-memory-events";

	private static final Logger logger = LoggerFactory.getLogger(MemoryEventBus.class);

	private final Object monitor = new Object();

	private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

	/** Number of the last event published; guarded by {@link #monitor}. */
	private long sequence;

	/**
	 * The running delivery thread, started by the first subscription; guarded by
	 * {@link #monitor}.
	 */
	private @Nullable Dispatcher dispatcher;

	/** Queues the event for delivery, unless no subscription watches its task. */
	void publish(AdapterEvent event) {
		synchronized (this.monitor) {
			Dispatcher current = this.dispatcher;
			if (current == null || !isWatched(event.task())) {
				return;
			}
			current.pending.add(new Numbered(++this.sequence, event));
		}
	}

	EventSubscription subscribe(Consumer<AdapterEvent> sink) {
		synchronized (this.monitor) {
			if (this.dispatcher == null) {
				this.dispatcher = new Dispatcher();
				this.dispatcher.thread.start();
			}
			Subscription subscription = new Subscription(sink);
			this.subscriptions.add(subscription);
			return subscription;
		}
	}

	/**
	 * Drops events not yet delivered (between tests, so that none leaks into the next).
	 * @return completes once an event being delivered meanwhile has been handed over
	 */
	CompletableFuture<Void> discardPending() {
		synchronized (this.monitor) {
			if (this.dispatcher == null) {
				return CompletableFuture.completedFuture(null);
			}
			this.dispatcher.pending.clear();
			CompletableFuture<Void> reached = new CompletableFuture<>();
			this.dispatcher.pending.add(Numbered.barrier(reached));
			return reached;
		}
	}

	/**
	 * Closes every subscription and stops the thread; a later subscription starts a new
	 * one.
	 */
	void shutdown() {
		synchronized (this.monitor) {
			this.subscriptions.forEach((subscription) -> subscription.closed = true);
			this.subscriptions.clear();
			if (this.dispatcher != null) {
				this.dispatcher.pending.forEach(Numbered::release);
				this.dispatcher.pending.clear();
				this.dispatcher.pending.add(Numbered.STOP);
				this.dispatcher = null;
			}
		}
	}

	private boolean isWatched(String task) {
		for (Subscription subscription : this.subscriptions) {
			if (subscription.watched.containsKey(task)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A queued event; without one, the end of the feed or a barrier that completes when
	 * reached.
	 */
	private record Numbered(long number, @Nullable AdapterEvent event, @Nullable CompletableFuture<Void> reached) {

		static final Numbered STOP = new Numbered(-1, null, null);

		Numbered(long number, AdapterEvent event) {
			this(number, event, null);
		}

		static Numbered barrier(CompletableFuture<Void> reached) {
			return new Numbered(-1, null, reached);
		}

		void release() {
			if (this.reached != null) {
				this.reached.complete(null);
			}
		}

	}

	private final class Dispatcher implements Runnable {

		final BlockingQueue<Numbered> pending = new LinkedBlockingQueue<>();

		final Thread thread = new Thread(this, THREAD_NAME);

		Dispatcher() {
			this.thread.setDaemon(true);
		}

		@Override
		public void run() {
			try {
				while (true) {
					Numbered next = this.pending.take();
					AdapterEvent event = next.event();
					if (next.reached() != null) {
						next.release();
						continue;
					}
					if (event == null) {
						return;
					}
					for (Subscription subscription : MemoryEventBus.this.subscriptions) {
						subscription.deliver(next.number(), event);
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	private final class Subscription implements EventSubscription {

		private final Consumer<AdapterEvent> sink;

		/** Task name to the number of the last event published before it was watched. */
		final Map<String, Long> watched = new ConcurrentHashMap<>();

		volatile boolean closed;

		Subscription(Consumer<AdapterEvent> sink) {
			this.sink = sink;
		}

		@Override
		public CompletableFuture<Void> watch(String task) {
			synchronized (MemoryEventBus.this.monitor) {
				this.watched.putIfAbsent(task, MemoryEventBus.this.sequence);
			}
			return CompletableFuture.completedFuture(null);
		}

		void deliver(long number, AdapterEvent event) {
			Long since = this.watched.get(event.task());
			if (this.closed || since == null || number <= since) {
				return;
			}
			try {
				this.sink.accept(event);
			}
			catch (Throwable ex) {
				// A failing listener must neither stop the feed nor reach the transition
				// that emitted.
				logger.warn("Event listener failed on {} event of job {} of task '{}'", event.type(), event.jobId(),
						event.task(), ex);
			}
		}

		@Override
		public void close() {
			this.closed = true;
			MemoryEventBus.this.subscriptions.remove(this);
		}

	}

}
