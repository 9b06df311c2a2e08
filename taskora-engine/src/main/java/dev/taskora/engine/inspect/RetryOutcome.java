package dev.taskora.engine.inspect;

/** What a retry of one job did, and if it did nothing, why. */
public enum RetryOutcome {

	/** The failed or cancelled job is back in {@code waiting} with its attempts reset. */
	RETRIED,

	/**
	 * No task of this app has a job with the id (it never existed, or retention deleted
	 * it).
	 */
	NOT_FOUND,

	/**
	 * The job exists but is neither failed nor cancelled (it is waiting, delayed,
	 * running, retrying, completed or expired); it was left as it was.
	 */
	NOT_RETRYABLE

}
