package dev.taskora.engine.retry;

import java.time.Duration;

/**
 * Stall detection: every {@code interval}, jobs whose lock was not extended since the
 * previous sweep are re-queued, or failed once they have stalled more than
 * {@code maxCount} times ({@code maxCount} 1: recover the first stall, fail the second;
 * 0: fail the first).
 *
 * @param interval time between sweeps
 * @param maxCount stalls tolerated before failing
 */
public record StallOptions(Duration interval, int maxCount) {

	/**
	 * A sweep every second, one recovery. With the default 3 s lock (kept 4 s in Redis) a
	 * crashed worker's jobs are back to waiting within about 5 s; a sweep is one short
	 * script per task and worker.
	 */
	public static final StallOptions DEFAULT = new StallOptions(Duration.ofSeconds(1), 1);

	/**
	 * Creates stall options.
	 * @throws IllegalArgumentException if the interval is not positive or
	 * {@code maxCount} is negative
	 */
	public StallOptions {
		if (interval.isZero() || interval.isNegative()) {
			throw new IllegalArgumentException("stall interval must be positive, was " + interval);
		}
		if (maxCount < 0) {
			throw new IllegalArgumentException("stall maxCount must not be negative, was " + maxCount);
		}
	}

}
