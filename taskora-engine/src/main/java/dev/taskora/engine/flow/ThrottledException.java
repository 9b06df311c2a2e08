package dev.taskora.engine.flow;

import dev.taskora.engine.TaskoraException;

/** A dispatch was rejected by its throttle (only with {@code throwOnReject}). */
public class ThrottledException extends TaskoraException {

	private final String jobId;

	private final String key;

	/**
	 * Creates the exception for a dispatch refused by its throttle.
	 * @param jobId the id the refused job would have had
	 * @param key the throttle key
	 */
	public ThrottledException(String jobId, String key) {
		super("Dispatch of job " + jobId + " rejected by throttle '" + key + "'");
		this.jobId = jobId;
		this.key = key;
	}

	/**
	 * The id the refused job would have had (nothing is stored under it).
	 * @return the job id
	 */
	public String jobId() {
		return this.jobId;
	}

	/**
	 * The throttle key whose window is full.
	 * @return the key
	 */
	public String key() {
		return this.key;
	}

}
