package dev.taskora.engine.adapter;

/**
 * A failed attempt.
 *
 * @param jobId the job
 * @param token the lock token it is held with
 * @param error the error message stored on the job
 * @param now failure time (epoch ms)
 * @param retryDelayMs delay before the next attempt, or {@link #PERMANENT}
 */
public record JobFailure(String jobId, String token, String error, long now, long retryDelayMs) implements JobOutcome {

	/** The {@code retryDelayMs} of a failure that will not be retried. */
	public static final long PERMANENT = -1;

	/** Whether the job will run again. */
	public boolean willRetry() {
		return this.retryDelayMs >= 0;
	}

}
