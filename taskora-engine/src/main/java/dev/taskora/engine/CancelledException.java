package dev.taskora.engine;

import org.jspecify.annotations.Nullable;

/** The job was cancelled; {@link #reason()} is what the canceller gave. Never retried. */
public class CancelledException extends TaskoraException {

	private final String jobId;

	private final @Nullable String reason;

	public CancelledException(String jobId, @Nullable String reason) {
		super("Job " + jobId + " was cancelled" + (reason == null || reason.isEmpty() ? "" : ": " + reason));
		this.jobId = jobId;
		this.reason = (reason == null || reason.isEmpty()) ? null : reason;
	}

	public String jobId() {
		return this.jobId;
	}

	public @Nullable String reason() {
		return this.reason;
	}

}
