package dev.taskora.engine.inspect;

import java.util.List;

import dev.taskora.engine.Task;
import dev.taskora.engine.internal.TaskoraRuntime;

/**
 * Failed jobs, taskora's dead-letter queue (a view over each task's {@code failed} set,
 * no storage of its own), and moving them back to work: {@code taskora.deadLetters()}.
 *
 * <pre>{@code
 * DeadLetters dlq = taskora.deadLetters();
 * dlq.errors("send-email").forEach(group -> log.warn("{} x {}", group.count(), group.message()));
 * List<JobSnapshot<Object, Object>> latest = dlq.list("send-email", Paging.first(10));
 * int retried = dlq.retryAll("send-email");    // after fixing the cause
 * }</pre>
 *
 * A call naming a task needs it registered in this app and throws
 * {@link IllegalArgumentException} naming it otherwise.
 */
public interface DeadLetters {

	/**
	 * Moves the failed (or cancelled) job with this id, among this app's tasks, back to
	 * {@code waiting}: attempts reset to 1, a fresh dispatch time, last error and result
	 * cleared. A job in any other state is left as it is.
	 */
	RetryOutcome retry(String jobId);

	/**
	 * Moves a failed (or cancelled) job of the task back to {@code waiting}, as
	 * {@link #retry(String)}.
	 */
	RetryOutcome retry(Task<?, ?> task, String jobId);

	/** A page of the failed jobs of every task of this app, newest failure first. */
	List<JobSnapshot<Object, Object>> list(Paging paging);

	/**
	 * A page of the task's failed jobs, newest failure first.
	 * @throws IllegalArgumentException when no task of the name is registered here
	 */
	List<JobSnapshot<Object, Object>> list(String task, Paging paging);

	/**
	 * A page of the task's failed jobs, newest failure first, data read as the task's
	 * types.
	 */
	<I, O> List<JobSnapshot<I, O>> list(Task<I, O> task, Paging paging);

	/**
	 * The failed jobs of every task of this app grouped by error message, the most
	 * frequent first. Read in slices of 1000 jobs per store call, so the store is never
	 * held long; jobs failing or retried meanwhile may be counted in a neighbouring
	 * group's slice or not at all.
	 */
	List<ErrorGroup> errors();

	/**
	 * The task's failed jobs grouped by error message, the most frequent first.
	 * @throws IllegalArgumentException when no task of the name is registered here
	 */
	List<ErrorGroup> errors(String task);

	/**
	 * Moves every failed job of every task of this app back to {@code waiting}, as
	 * {@link #retry} does one: in batches of 100, each batch one atomic step, so the
	 * store is never held long. Only jobs that failed before the call: one that fails
	 * again meanwhile stays failed.
	 * @return how many were moved
	 */
	int retryAll();

	/**
	 * Moves every failed job of the task back to {@code waiting}, in batches of 100.
	 * @return how many were moved
	 * @throws IllegalArgumentException when no task of the name is registered here
	 */
	int retryAll(String task);

	/** Moves every failed job of the task back to {@code waiting}, in batches of 100. */
	int retryAll(Task<?, ?> task);

	/**
	 * The dead letters of an app's runtime. Engine-internal: applications use
	 * {@code taskora.deadLetters()}.
	 */
	static DeadLetters create(TaskoraRuntime runtime) {
		return new StoreDeadLetters(new InspectSupport(runtime));
	}

}
