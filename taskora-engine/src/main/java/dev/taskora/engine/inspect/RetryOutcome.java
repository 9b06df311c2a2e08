package dev.taskora.engine.inspect;

/** What a dead-letter retry did. */
public enum RetryOutcome {

	/** The failed job is back in {@code waiting} with its attempts reset. */
	RETRIED,

	/** No task of this app has a job with the id. */
	NOT_FOUND,

	/** The job exists but is not failed; it was left as it was. */
	NOT_FAILED

}
