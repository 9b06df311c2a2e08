package dev.taskora.engine.adapter;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Blocks one worker until its task may have claimable work, without polling: the memory
 * adapter waits on a condition, Redis on {@code BZPOPMIN} of the task's marker.
 */
public interface WorkWaiter extends AutoCloseable {

	/**
	 * Waits until work may be claimable, {@link #wakeUp()} is called, or {@code max}
	 * passes. Spurious returns are allowed: the caller claims and waits again.
	 */
	void await(Duration max) throws InterruptedException;

	/**
	 * As {@link #await(Duration)}, claiming on the way. A waiter that learns of work on a
	 * thread of its own (Redis: the connection's I/O thread, as the marker pops) runs
	 * {@code onWork} there at once and keeps waiting while it completes with
	 * {@code true}: jobs enqueued one by one into an idle worker are claimed without
	 * waking the caller's thread first. The await returns as {@link #await(Duration)}
	 * does, or once {@code onWork} completes with {@code false} or fails; the caller then
	 * claims itself. By default the waiter just waits and the caller claims.
	 * @param onWork claims what the worker has room for without blocking; completes with
	 * whether to keep waiting (the claim found fewer jobs than it had room for)
	 */
	default void await(Duration max, WorkClaim onWork) throws InterruptedException {
		await(max);
	}

	/** Ends the current or next {@link #await} at once (used on shutdown). */
	void wakeUp();

	/** Releases the waiter's resources. */
	@Override
	void close();

	/**
	 * A claim run by the waiter as it learns of work
	 * ({@link #await(Duration, WorkClaim)}).
	 */
	@FunctionalInterface
	interface WorkClaim {

		/**
		 * Claims without blocking; completes with whether the waiter should keep waiting.
		 */
		CompletableFuture<Boolean> claim();

	}

}
