package dev.taskora.engine.job;

/** What a cancel request did. */
public enum CancelOutcome {

	/** The job was waiting, delayed or retrying and is now {@code cancelled}. */
	CANCELLED,

	/** The job is active: it is flagged and its worker was told to stop it. */
	FLAGGED,

	/** The job already finished (completed, failed, cancelled or expired). */
	NOT_CANCELLABLE,

	/** No such job. */
	NOT_FOUND

}
