package dev.taskora.engine;

import org.jspecify.annotations.Nullable;

/**
 * The job failed permanently; the message is the last error's message. Thrown by
 * {@link ResultHandle#await} and carried by a failed {@link ResultHandle#result()}.
 */
public class JobFailedException extends TaskoraException {

	private final String jobId;

	/**
	 * Creates the exception for a job that failed for good.
	 * @param jobId the failed job
	 * @param message the job's stored error
	 */
	public JobFailedException(String jobId, String message) {
		this(jobId, message, null);
	}

	/**
	 * Creates the exception for a job that failed for good, with the local cause when it
	 * is known.
	 * @param jobId the failed job
	 * @param message the job's stored error
	 * @param cause the handler's exception when it failed in this process, else
	 * {@code null}
	 */
	public JobFailedException(String jobId, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.jobId = jobId;
	}

	/**
	 * The id of the failed job, to look it up or retry it from the dead letters.
	 * @return the job id
	 */
	public String jobId() {
		return this.jobId;
	}

}
