package dev.taskora.engine.internal;

import dev.taskora.engine.event.Registration;

/**
 * A clock that runs timers itself as its time moves, such as the test runner's
 * {@link dev.taskora.engine.testing.VirtualClock}. When the adapter's clock is one,
 * workers time what a running job measures in the store's time on it instead of on the
 * app's real-time timer: the handler timeout, and the extension of the job's lock. Under
 * a virtual clock a one-hour timeout then fires when the clock is moved past it, not an
 * hour later, and a running job keeps its lock however far the clock jumps.
 * <p>
 * Internal, not API.
 */
public interface TimerClock {

	/** The clock's current time in epoch milliseconds. */
	long millis();

	/**
	 * Runs {@code action} once this clock reaches {@code dueMillis}, on the thread that
	 * moves it there; a time already reached runs it at once on the calling thread.
	 * @return cancels the timer if it has not run (idempotent)
	 */
	Registration schedule(long dueMillis, Runnable action);

}
