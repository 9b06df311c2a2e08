package dev.taskora.engine;

/** Stored as the error of a job whose TTL passed before it started. */
public class ExpiredException extends TaskoraException {

	/**
	 * Creates the error stored for an expired job.
	 * @param jobId the job whose time to live passed
	 */
	public ExpiredException(String jobId) {
		super("Job " + jobId + " expired before it started");
	}

}
