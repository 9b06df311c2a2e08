package dev.taskora.spring.core.observation;

import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;

/**
 * What a process observation knows: the job being handled and its attempt. Its carrier is
 * the headers the job was dispatched with, so a tracing handler continues the dispatch's
 * trace.
 */
public class TaskoraProcessContext extends ReceiverContext<Map<String, String>> {

	private final String task;

	private final String jobId;

	private final int attempt;

	/**
	 * Creates the context of one attempt of a job dispatched without headers.
	 * @param task the task name
	 * @param jobId the job id
	 * @param attempt the attempt, 1-based
	 */
	public TaskoraProcessContext(String task, String jobId, int attempt) {
		this(task, jobId, attempt, Map.of());
	}

	/**
	 * Creates the context of one attempt.
	 * @param task the task name
	 * @param jobId the job id
	 * @param attempt the attempt, 1-based
	 * @param headers the headers the job was dispatched with
	 */
	public TaskoraProcessContext(String task, String jobId, int attempt, Map<String, String> headers) {
		super((carrier, key) -> carrier.get(key), Kind.CONSUMER);
		this.task = task;
		this.jobId = jobId;
		this.attempt = attempt;
		setCarrier(headers);
		setRemoteServiceName("taskora");
	}

	/** The task name. */
	public String getTask() {
		return this.task;
	}

	/** The job id. */
	public String getJobId() {
		return this.jobId;
	}

	/** The attempt being run, 1-based. */
	public int getAttempt() {
		return this.attempt;
	}

}
