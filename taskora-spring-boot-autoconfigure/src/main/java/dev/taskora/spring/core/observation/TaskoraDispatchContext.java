package dev.taskora.spring.core.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/** What a dispatch observation knows: the task and, once dispatched, the job id. */
public class TaskoraDispatchContext extends Observation.Context {

	private final String task;

	private final int jobs;

	private @Nullable String jobId;

	/**
	 * @param task the task name
	 * @param jobs how many jobs this dispatch writes (more than one for a bulk dispatch)
	 */
	public TaskoraDispatchContext(String task, int jobs) {
		this.task = task;
		this.jobs = jobs;
	}

	public String getTask() {
		return this.task;
	}

	/** How many jobs the dispatch writes. */
	public int getJobs() {
		return this.jobs;
	}

	/** The job id of a single dispatch, once known. */
	public @Nullable String getJobId() {
		return this.jobId;
	}

	public void setJobId(@Nullable String jobId) {
		this.jobId = jobId;
	}

}
