package dev.taskora.engine.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.taskora.engine.TaskoraException;
import org.jspecify.annotations.Nullable;

/**
 * Blocking on the adapter's futures for the engine's synchronous calls: the cause a store call
 * failed with is thrown as it is, not wrapped.
 * <p>
 * Internal, not API.
 */
public final class Futures {

	private Futures() {
	}

	/** The future's value; its failure's cause is thrown as it is (checked ones wrapped). */
	public static <T extends @Nullable Object> T join(CompletableFuture<T> future) {
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			throw unwrap(ex.getCause());
		}
	}

	/** The runtime exception to throw for a failure's cause. */
	public static RuntimeException unwrap(@Nullable Throwable cause) {
		if (cause instanceof CompletionException completion && completion.getCause() != null) {
			cause = completion.getCause();
		}
		if (cause instanceof RuntimeException runtime) {
			return runtime;
		}
		return new TaskoraException(String.valueOf(cause), cause);
	}

}
