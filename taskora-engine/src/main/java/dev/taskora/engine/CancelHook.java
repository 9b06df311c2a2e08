package dev.taskora.engine;

/**
 * Cleanup run after a cancelled job's handler has stopped and before the job is marked
 * {@code cancelled}; the context's signal has already fired.
 *
 * @param <I> input type
 */
@FunctionalInterface
public interface CancelHook<I> {

	void onCancel(I data, JobContext ctx) throws Exception;

}
