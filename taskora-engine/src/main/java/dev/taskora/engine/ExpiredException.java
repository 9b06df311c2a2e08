package dev.taskora.engine;

/** Stored as the error of a job whose TTL passed before it started. */
public class ExpiredException extends TaskoraException {

	public ExpiredException(String jobId) {
		super("Job " + jobId + " expired before it started");
	}

}
