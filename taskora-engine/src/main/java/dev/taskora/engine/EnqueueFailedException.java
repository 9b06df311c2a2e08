package dev.taskora.engine;

import org.jspecify.annotations.Nullable;

/**
 * A dispatched job is not known to be stored: the store refused it or could not be
 * reached (the cause says which, e.g. {@code RedisUnavailableException}), or it did not
 * confirm the write in time. Thrown by
 * {@link ResultHandle#awaitEnqueued(java.time.Duration)}.
 * <p>
 * After a refusal or an unreachable store the job was not written and will not run. After
 * a time-out (the wait's, or the store's own command timeout) it may have been written
 * all the same; {@link ResultHandle#state()} tells.
 */
public class EnqueueFailedException extends TaskoraException {

	private final String task;

	private final String jobId;

	/**
	 * Creates the exception for a dispatch the store did not confirm.
	 * @param task the task the job was dispatched to
	 * @param jobId the id the job was given
	 * @param message what went wrong
	 * @param cause the store's failure, or {@code null}
	 */
	public EnqueueFailedException(String task, String jobId, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.task = task;
		this.jobId = jobId;
	}

	/** The task the job was dispatched to. */
	public String task() {
		return this.task;
	}

	/** The id the dispatch gave the job. */
	public String jobId() {
		return this.jobId;
	}

}
