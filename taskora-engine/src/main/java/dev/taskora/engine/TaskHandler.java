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

	@Nullable O handle(I data, JobContext ctx) throws Exception;

}
