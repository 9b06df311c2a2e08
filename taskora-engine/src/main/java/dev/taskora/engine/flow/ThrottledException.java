package dev.taskora.engine.flow;

import dev.taskora.engine.TaskoraException;

/** A dispatch was rejected by its throttle (only with {@code throwOnReject}). */
public class ThrottledException extends TaskoraException {

	private final String jobId;

	private final String key;

	public ThrottledException(String jobId, String key) {
		super("Dispatch of job " + jobId + " rejected by throttle '" + key + "'");
		this.jobId = jobId;
		this.key = key;
	}

	public String jobId() {
		return this.jobId;
	}

	public String key() {
		return this.key;
	}

}
