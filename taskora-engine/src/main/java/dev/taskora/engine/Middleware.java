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

	void handle(MiddlewareContext ctx, Next next) throws Exception;

	/** The rest of the chain. */
	@FunctionalInterface
	interface Next {

		void proceed() throws Exception;

	}

}
