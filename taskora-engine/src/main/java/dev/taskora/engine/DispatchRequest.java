package dev.taskora.engine;

/**
 * One entry of a bulk dispatch.
 *
 * @param data the input
 * @param options its dispatch options
 * @param <I> input type
 */
public record DispatchRequest<I>(I data, DispatchOptions options) {

	public static <I> DispatchRequest<I> of(I data) {
		return new DispatchRequest<>(data, DispatchOptions.none());
	}

	public static <I> DispatchRequest<I> of(I data, DispatchOptions options) {
		return new DispatchRequest<>(data, options);
	}

}
