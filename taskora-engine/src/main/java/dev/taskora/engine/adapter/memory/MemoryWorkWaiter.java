package dev.taskora.engine.adapter.memory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import dev.taskora.engine.adapter.WorkWaiter;

/**
 * Blocks one worker on its task's condition until a job may be claimable, the earliest
 * delayed job is due, a wake-up, or the maximum wait. No polling: every transition that
 * can make work claimable signals the condition, and the only timed wait is the one until
 * the next due time.
 */
final class MemoryWorkWaiter implements WorkWaiter {

	private final Lock lock;

	private final MemoryTaskQueue queue;

	/** Guarded by {@link #lock}. */
	private boolean woken;

	/** Guarded by {@link #lock}. */
	private boolean closed;

	MemoryWorkWaiter(Lock lock, MemoryTaskQueue queue) {
		this.lock = lock;
		this.queue = queue;
	}

	@Override
	public void await(Duration max) throws InterruptedException {
		long budget = toNanos(max);
		long start = System.nanoTime();
		this.lock.lockInterruptibly();
		try {
			long generation = this.queue.wakeGeneration();
			while (!this.closed) {
				if (this.woken) {
					this.woken = false;
					return;
				}
				if (generation != this.queue.wakeGeneration() || this.queue.hasWorkHint()) {
					return;
				}
				long now = this.queue.clock.millis();
				Long dueAt = this.queue.nextWakeAt();
				if (dueAt != null && dueAt <= now) {
					return;
				}
				long remaining = budget - (System.nanoTime() - start);
				if (remaining <= 0) {
					return;
				}
				// With a virtual clock the due time is reached through
				// MemoryAdapter.wakeUp(), not here.
				long wait = (dueAt != null) ? Math.min(remaining, toNanos(dueAt - now)) : remaining;
				this.queue.awaitChange(wait);
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public void wakeUp() {
		this.lock.lock();
		try {
			this.woken = true;
			this.queue.signalWaiters();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Ends a current wait; later waits return at once. */
	@Override
	public void close() {
		this.lock.lock();
		try {
			this.closed = true;
			this.queue.signalWaiters();
		}
		finally {
			this.lock.unlock();
		}
	}

	private static long toNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE / 2;
		}
	}

	private static long toNanos(long millis) {
		return TimeUnit.MILLISECONDS.toNanos(millis);
	}

}
