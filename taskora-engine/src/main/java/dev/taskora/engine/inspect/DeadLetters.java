package dev.taskora.engine.inspect;

import dev.taskora.engine.Task;
import dev.taskora.engine.internal.TaskoraRuntime;

/**
 * Failed jobs (taskora's dead-letter queue, the {@code failed} set) and moving them back to work:
 * {@code taskora.deadLetters()}.
 *
 * <pre>{@code
 * if (taskora.deadLetters().retry(jobId) == RetryOutcome.NOT_FOUND) { ... }
 * }</pre>
 */
public interface DeadLetters {

	/**
	 * Moves the failed job with this id (among this app's tasks) back to {@code waiting}, its
	 * attempts reset; a job that is not failed is left as it is.
	 */
	RetryOutcome retry(String jobId);

	/** Moves a failed job of the task back to {@code waiting}, its attempts reset. */
	RetryOutcome retry(Task<?, ?> task, String jobId);

	/** The dead letters of an app's runtime. Engine-internal: applications use {@code taskora.deadLetters()}. */
	static DeadLetters create(TaskoraRuntime runtime) {
		return new StoreDeadLetters(runtime);
	}

}
