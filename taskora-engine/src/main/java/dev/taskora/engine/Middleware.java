package dev.taskora.engine;

/**
 * Koa-style middleware around a handler: app middleware runs first, then the task's, then
 * the handler. Call {@code next.proceed()} to continue; the result is readable after it
 * returns.
 *
 * <pre>{@code
 * taskora.use((ctx, next) -> {
 *     long start = System.nanoTime();
 *     next.proceed();
 *     metrics.record(ctx.task(), System.nanoTime() - start);
 * });
 * }</pre>
 */
@FunctionalInterface
public interface Middleware {

	/**
	 * Wraps one job's handler: code before {@code next.proceed()} runs before it, code
	 * after sees its result or exception.
	 * @param ctx the job, its task and (after {@code proceed}) its result
	 * @param next the rest of the chain; not calling it skips the handler
	 * @throws Exception to fail the attempt (the retry policy applies)
	 */
	void handle(MiddlewareContext ctx, Next next) throws Exception;

	/** The rest of the chain. */
	@FunctionalInterface
	interface Next {

		/**
		 * Runs the remaining middleware and then the handler.
		 * @throws Exception what the handler or a later middleware threw
		 */
		void proceed() throws Exception;

	}

}
