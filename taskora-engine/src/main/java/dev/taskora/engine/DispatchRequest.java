package dev.taskora.engine;

/**
 * One entry of a bulk dispatch.
 *
 * @param data the input
 * @param options its dispatch options
 * @param <I> input type
 */
public record DispatchRequest<I>(I data, DispatchOptions options) {

	/**
	 * A request to run the task once with this input and no options.
	 * @param <I> the input type
	 * @param data the job's input
	 * @return the request
	 */
	public static <I> DispatchRequest<I> of(I data) {
		return new DispatchRequest<>(data, DispatchOptions.none());
	}

	/**
	 * A request to run the task once with this input and these options.
	 * @param <I> the input type
	 * @param data the job's input
	 * @param options delay, priority, flow control and headers for this job
	 * @return the request
	 */
	public static <I> DispatchRequest<I> of(I data, DispatchOptions options) {
		return new DispatchRequest<>(data, options);
	}

}
