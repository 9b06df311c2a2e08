package dev.taskora.spring.core;

import dev.taskora.engine.TaskoraException;
import org.jspecify.annotations.Nullable;

/**
 * The store did not confirm a job that {@link TaskoraOperations#enqueue(String, Object) enqueue}
 * dispatched: it refused it, could not be reached, or did not answer in time. The message names
 * the task and the job id, so the job can be looked up or dispatched again.
 */
public class DispatchException extends TaskoraException {

	private final String task;

	private final String jobId;

	/**
	 * @param message what happened, naming the task and the job
	 * @param task the task
	 * @param jobId the id the job was dispatched under
	 * @param cause the store's failure, or {@code null} when it did not answer in time
	 */
	public DispatchException(String message, String task, String jobId, @Nullable Throwable cause) {
		super(message, cause);
		this.task = task;
		this.jobId = jobId;
	}

	/** The task the job was dispatched to. */
	public String getTask() {
		return this.task;
	}

	/** The id the job was dispatched under. */
	public String getJobId() {
		return this.jobId;
	}

}
