package dev.taskora.engine.adapter;

import dev.taskora.engine.TaskoraException;

/**
 * Thrown when a worker settles a job whose lock it no longer holds (the job stalled and
 * was recovered, or was settled elsewhere). Nothing was changed.
 */
public class LockMismatchException extends TaskoraException {

	/**
	 * Creates the exception for a job whose lock this worker lost.
	 * @param task the job's task
	 * @param jobId the job
	 */
	public LockMismatchException(String task, String jobId) {
		super("Lock of job " + jobId + " of task '" + task + "' is no longer held by this worker");
	}

}
