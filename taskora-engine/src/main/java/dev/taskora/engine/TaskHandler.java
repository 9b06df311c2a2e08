package dev.taskora.engine;

import org.jspecify.annotations.Nullable;

/**
 * The code a task runs for each job: an ordinary blocking method. Throwing fails the
 * attempt; the task's retry policy decides what follows.
 *
 * @param <I> input type
 * @param <O> output type ({@link Void} for none)
 */
@FunctionalInterface
public interface TaskHandler<I, O> {

	/**
	 * Handles one job; called on a worker thread, once per attempt.
	 * @param data the job's input, read from its payload
	 * @param ctx the job's context: id, attempt, progress, log, cancellation signal
	 * @return the result stored for the job (and returned by {@link ResultHandle#await}),
	 * or {@code null}
	 * @throws Exception to fail the attempt
	 */
	@Nullable O handle(I data, JobContext ctx) throws Exception;

}
