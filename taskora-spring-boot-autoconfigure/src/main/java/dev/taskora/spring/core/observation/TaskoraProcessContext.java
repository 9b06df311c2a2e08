package dev.taskora.spring.core.observation;

import io.micrometer.observation.Observation;

/** What a process observation knows: the job being handled and its attempt. */
public class TaskoraProcessContext extends Observation.Context {

	private final String task;

	private final String jobId;

	private final int attempt;

	public TaskoraProcessContext(String task, String jobId, int attempt) {
		this.task = task;
		this.jobId = jobId;
		this.attempt = attempt;
	}

	public String getTask() {
		return this.task;
	}

	public String getJobId() {
		return this.jobId;
	}

	/** The attempt being run, 1-based. */
	public int getAttempt() {
		return this.attempt;
	}

}
