package dev.taskora.engine.adapter;

import java.time.Duration;

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

	/** Ends the current or next {@link #await} at once (used on shutdown). */
	void wakeUp();

	/** Releases the waiter's resources. */
	@Override
	void close();

}
