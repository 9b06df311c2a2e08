package dev.taskora.engine.adapter.memory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.taskora.engine.adapter.JobRecord;
import org.jspecify.annotations.Nullable;

/**
 * The memory adapter's state shared by its facets: one queue per task under a single
 * lock, the event bus and the cancel notices. Every transition is one section under the
 * lock, and every future it returns is already complete.
 */
final class MemoryStore {

	final Clock clock;

	final ReentrantLock lock = new ReentrantLock();

	final MemoryEventBus events = new MemoryEventBus();

	final CancelNotices cancelNotices = new CancelNotices();

	/** Guarded by {@link #lock}; queues are never removed, so waiters keep theirs. */
	private final Map<String, MemoryTaskQueue> queues = new HashMap<>();

	MemoryStore(Clock clock) {
		this.clock = clock;
	}

	/** Runs one transition under the lock; an exception becomes a failed future. */
	<T extends @Nullable Object> CompletableFuture<T> transition(String task, Function<MemoryTaskQueue, T> body) {
		Objects.requireNonNull(task, "task must not be null");
		this.lock.lock();
		try {
			return CompletableFuture.completedFuture(body.apply(queue(task)));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Runs one transition that answers nothing under the lock; an exception becomes a
	 * failed future.
	 */
	CompletableFuture<Void> update(String task, Consumer<MemoryTaskQueue> body) {
		Objects.requireNonNull(task, "task must not be null");
		this.lock.lock();
		try {
			body.accept(queue(task));
			return CompletableFuture.completedFuture(null);
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Runs one transition over several tasks' queues under the lock ({@link #queue}
	 * inside); an exception becomes a failed future.
	 */
	<T extends @Nullable Object> CompletableFuture<T> atomically(Supplier<T> body) {
		this.lock.lock();
		try {
			return CompletableFuture.completedFuture(body.get());
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * A read that does not create the task's queue; {@code absent} when the task has
	 * none.
	 */
	<T extends @Nullable Object> CompletableFuture<T> read(String task, Function<MemoryTaskQueue, T> body,
			@Nullable T absent) {
		Objects.requireNonNull(task, "task must not be null");
		this.lock.lock();
		try {
			MemoryTaskQueue queue = this.queues.get(task);
			return CompletableFuture.<T>completedFuture((queue != null) ? body.apply(queue) : absent);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * A read over several tasks in one lock-held section; the function gets each task's
	 * queue or null.
	 */
	<T extends @Nullable Object> CompletableFuture<T> readAll(
			Function<Function<String, @Nullable MemoryTaskQueue>, T> body) {
		this.lock.lock();
		try {
			Map<String, MemoryTaskQueue> view = Collections.unmodifiableMap(this.queues);
			return CompletableFuture.completedFuture(body.apply(view::get));
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The task's queue, created on first use; the lock must be held. */
	MemoryTaskQueue queue(String task) {
		return this.queues.computeIfAbsent(task,
				(name) -> new MemoryTaskQueue(name, this.clock, this.lock.newCondition(), this.events::publish));
	}

	void wakeUp() {
		this.lock.lock();
		try {
			this.queues.values().forEach(MemoryTaskQueue::wakeAll);
		}
		finally {
			this.lock.unlock();
		}
	}

	void clear() {
		CompletableFuture<Void> discarded;
		this.lock.lock();
		try {
			this.queues.values().forEach(MemoryTaskQueue::clear);
			discarded = this.events.discardPending();
		}
		finally {
			this.lock.unlock();
		}
		// Outside the store lock: the delivery being waited for may call back into the
		// store. Its sinks only queue events, so the bound is a safety net.
		discarded.completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
	}

	List<JobRecord> records() {
		this.lock.lock();
		try {
			List<JobRecord> records = new ArrayList<>();
			for (MemoryTaskQueue queue : this.queues.values()) {
				queue.jobs.values().forEach((job) -> records.add(job.toRecord()));
			}
			return records;
		}
		finally {
			this.lock.unlock();
		}
	}

}
