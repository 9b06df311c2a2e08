package dev.taskora.engine;

import org.jspecify.annotations.Nullable;

/** The job was cancelled; {@link #reason()} is what the canceller gave. Never retried. */
public class CancelledException extends TaskoraException {

	private final String jobId;

	private final @Nullable String reason;

	/**
	 * Creates the exception for a cancelled job.
	 * @param jobId the cancelled job
	 * @param reason what the canceller gave, or {@code null} (an empty reason counts as
	 * none)
	 */
	public CancelledException(String jobId, @Nullable String reason) {
		super("Job " + jobId + " was cancelled" + (reason == null || reason.isEmpty() ? "" : ": " + reason));
		this.jobId = jobId;
		this.reason = (reason == null || reason.isEmpty()) ? null : reason;
	}

	/**
	 * The id of the cancelled job.
	 * @return the job id
	 */
	public String jobId() {
		return this.jobId;
	}

	/**
	 * Why the job was cancelled, as the canceller gave it.
	 * @return the reason, or {@code null} when none was given
	 */
	public @Nullable String reason() {
		return this.reason;
	}

}
