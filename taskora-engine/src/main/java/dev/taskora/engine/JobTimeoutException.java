package dev.taskora.engine;

import java.time.Duration;

/**
 * A handler ran longer than its task's timeout (not retried unless listed in
 * {@code retryOn}), or {@link ResultHandle#await(Duration)} gave up waiting.
 */
public class JobTimeoutException extends TaskoraException {

	private final String jobId;

	private final Duration timeout;

	public JobTimeoutException(String message, String jobId, Duration timeout) {
		super(message);
		this.jobId = jobId;
		this.timeout = timeout;
	}

	/** The handler-timeout error for a job. */
	public static JobTimeoutException handler(String jobId, Duration timeout) {
		return new JobTimeoutException("Job " + jobId + " did not complete within " + timeout.toMillis() + "ms", jobId,
				timeout);
	}

	public String jobId() {
		return this.jobId;
	}

	public Duration timeout() {
		return this.timeout;
	}

}
