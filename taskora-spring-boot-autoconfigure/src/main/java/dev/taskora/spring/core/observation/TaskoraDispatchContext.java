package dev.taskora.spring.core.observation;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

/**
 * What a dispatch observation knows: the task and, once dispatched, the job id. Its
 * carrier is the headers stored with the job: a tracing handler writes the dispatch's
 * trace context into it when the observation starts, and the job's runs read it back
 * ({@link TaskoraProcessContext}).
 */
public class TaskoraDispatchContext extends SenderContext<Map<String, String>> {

	private final String task;

	private final int jobs;

	private @Nullable String jobId;

	/**
	 * Creates the context of one dispatch.
	 * @param task the task name
	 * @param jobs how many jobs this dispatch writes (more than one for a bulk dispatch)
	 */
	public TaskoraDispatchContext(String task, int jobs) {
		super((carrier, key, value) -> {
			if (carrier != null) {
				carrier.put(key, value);
			}
		}, Kind.PRODUCER);
		this.task = task;
		this.jobs = jobs;
		setCarrier(new LinkedHashMap<>());
		setRemoteServiceName("taskora");
	}

	/** The task name. */
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

	/** Sets the job id of a single dispatch. */
	public void setJobId(@Nullable String jobId) {
		this.jobId = jobId;
	}

	/**
	 * The headers to store with the job(s): what the observation's handlers propagated,
	 * if anything.
	 */
	public Map<String, String> getHeaders() {
		Map<String, String> carrier = getCarrier();
		return (carrier != null) ? carrier : Map.of();
	}

}
