package dev.taskora.spring.core;

/** What {@link TaskoraOperations#cancel(String, String) cancelling a job} did. */
public enum CancelResult {

	/** The job was waiting, delayed or retrying and is now {@code cancelled}. */
	CANCELLED,

	/**
	 * The job is running: its handler was told to stop (interrupted, {@code onCancel}
	 * hooks run) and the job ends {@code cancelled} once it has.
	 */
	CANCELLING,

	/**
	 * The job had already finished (completed, failed, cancelled or expired); nothing
	 * changed.
	 */
	NOT_CANCELLABLE,

	/** No task of this app has a job with that id. */
	NOT_FOUND

}
