package dev.taskora.engine.inspect;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.internal.TaskoraRuntime;

/**
 * Reads jobs back from the store, from plain Java, on any adapter: {@code taskora.inspect()}.
 *
 * <pre>{@code
 * Optional<JobSnapshot<Object, Object>> job = taskora.inspect().find(jobId);
 * Map<String, Map<JobState, Long>> depth = taskora.inspect().counts();
 * }</pre>
 *
 * Every call that spans this app's tasks costs one store round trip, however many tasks there are.
 */
public interface Inspector {

	/** The job with this id among this app's tasks, looked up in all of them at once. */
	Optional<JobSnapshot<Object, Object>> find(String jobId);

	/** A job of the task with this name, registered here or not. */
	Optional<JobSnapshot<Object, Object>> find(String task, String jobId);

	/**
	 * A job of the task, its data and result read as the task's types. The data of a collect task's
	 * job is its batch: a {@code List} of inputs, whatever {@code I} says.
	 * @throws dev.taskora.engine.ValidationException when the stored data does not fit the types
	 */
	<I, O> Optional<JobSnapshot<I, O>> find(Task<I, O> task, String jobId);

	/** How many jobs of the task are in each state; every state is present. */
	Map<JobState, Long> counts(String task);

	/** How many jobs of each of this app's tasks are in each state, by task name, in one round trip. */
	Map<String, Map<JobState, Long>> counts();

	/** {@link #counts()} without blocking, for callers that bound the wait themselves (health checks). */
	CompletableFuture<Map<String, Map<JobState, Long>>> countsAsync();

	/** The kind of storage this app uses: the adapter's class name ({@code RedisAdapter} ...). */
	String adapterName();

	/** The inspector of an app's runtime. Engine-internal: applications use {@code taskora.inspect()}. */
	static Inspector create(TaskoraRuntime runtime) {
		return new StoreInspector(runtime);
	}

}
