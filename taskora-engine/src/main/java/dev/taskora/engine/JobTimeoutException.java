package dev.taskora.engine;

import java.time.Duration;

/**
 * A handler ran longer than its task's timeout (not retried unless listed in
 * {@code retryOn}), or {@link ResultHandle#await(Duration)} gave up waiting.
 */
public class JobTimeoutException extends TaskoraException {

	private final String jobId;

	private final Duration timeout;

	/**
	 * Creates the exception for a handler that outran its timeout.
	 * @param message what timed out
	 * @param jobId the job whose attempt timed out
	 * @param timeout the timeout it exceeded
	 */
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

	/**
	 * The id of the job whose attempt timed out.
	 * @return the job id
	 */
	public String jobId() {
		return this.jobId;
	}

	/**
	 * The handler timeout the attempt exceeded (the task's, or the app default).
	 * @return the timeout
	 */
	public Duration timeout() {
		return this.timeout;
	}

}
