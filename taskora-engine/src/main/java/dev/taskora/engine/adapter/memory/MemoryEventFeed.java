package dev.taskora.engine.adapter.memory;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.EventFeed;
import dev.taskora.engine.adapter.EventSubscription;
import dev.taskora.engine.adapter.WorkWaiter;
import dev.taskora.engine.event.Registration;

/** Events, cancel notices and work waiters of the memory adapter. */
final class MemoryEventFeed implements EventFeed {

	private final MemoryStore store;

	MemoryEventFeed(MemoryStore store) {
		this.store = store;
	}

	/**
	 * Events are delivered on the {@code taskora-memory-events} daemon thread, in order.
	 */
	@Override
	public EventSubscription subscribe(Consumer<AdapterEvent> sink) {
		return this.store.events.subscribe(Objects.requireNonNull(sink, "sink must not be null"));
	}

	/**
	 * The listener runs on the thread that called cancel, after the store lock is
	 * released.
	 */
	@Override
	public Registration subscribeCancellations(String task, Consumer<String> listener) {
		return this.store.cancelNotices.subscribe(task, listener);
	}

	/** No other process migrates a memory store: never held. */
	@Override
	public CompletableFuture<Boolean> migrationLockHeld() {
		return CompletableFuture.completedFuture(Boolean.FALSE);
	}

	/** No migrator ever announces anything in memory. */
	@Override
	public Registration subscribeMigrationBroadcast(Runnable listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		return () -> {
		};
	}

	@Override
	public WorkWaiter workWaiter(String task) {
		this.store.lock.lock();
		try {
			return new MemoryWorkWaiter(this.store.lock, this.store.queue(task));
		}
		finally {
			this.store.lock.unlock();
		}
	}

}
