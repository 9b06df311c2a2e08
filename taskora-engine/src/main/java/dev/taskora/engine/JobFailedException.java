package dev.taskora.engine;

import org.jspecify.annotations.Nullable;

/**
 * The job failed permanently; the message is the last error's message. Thrown by
 * {@link ResultHandle#await} and carried by a failed {@link ResultHandle#result()}.
 */
public class JobFailedException extends TaskoraException {

	private final String jobId;

	public JobFailedException(String jobId, String message) {
		this(jobId, message, null);
	}

	public JobFailedException(String jobId, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.jobId = jobId;
	}

	public String jobId() {
		return this.jobId;
	}

}
