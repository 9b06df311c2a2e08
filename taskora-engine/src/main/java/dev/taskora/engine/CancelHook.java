package dev.taskora.engine;

/**
 * Cleanup run after a cancelled job's handler has stopped and before the job is marked
 * {@code cancelled}; the context's signal has already fired.
 *
 * @param <I> input type
 */
@FunctionalInterface
public interface CancelHook<I> {

	/**
	 * Runs the cleanup for one cancelled job, e.g. releasing what the handler reserved.
	 * Throwing is logged; the job is marked cancelled all the same.
	 * @param data the job's input, as the handler received it
	 * @param ctx the job's context (its signal is already cancelled)
	 * @throws Exception any failure of the cleanup
	 */
	void onCancel(I data, JobContext ctx) throws Exception;

}
