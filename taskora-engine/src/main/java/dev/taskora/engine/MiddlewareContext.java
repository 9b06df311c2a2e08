package dev.taskora.engine;

import org.jspecify.annotations.Nullable;

/** The job context seen by middleware, with the input and result it may replace. */
public interface MiddlewareContext extends JobContext {

	/** The input the handler will receive. */
	@Nullable Object data();

	/** Replaces the input before the handler runs. */
	void data(@Nullable Object data);

	/** The handler's result, once {@code next.proceed()} has returned. */
	@Nullable Object result();

	/** Replaces the result that will be stored. */
	void result(@Nullable Object result);

}
