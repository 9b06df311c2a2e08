package dev.taskora.engine.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.taskora.engine.TaskoraException;
import org.jspecify.annotations.Nullable;

/**
 * Blocking on the adapter's futures for the engine's synchronous calls: the cause a store
 * call failed with is thrown as it is, not wrapped.
 * <p>
 * Internal, not API.
 */
public final class Futures {

	private Futures() {
	}

	/**
	 * The future's value; its failure's cause is thrown as it is (checked ones wrapped).
	 * @throws IllegalStateException when it would wait inside a non-blocking task's
	 * handler
	 */
	public static <T extends @Nullable Object> T join(CompletableFuture<T> future) {
		if (!future.isDone()) {
			NonBlockingHandlers.checkMayWait("a store call");
		}
		try {
			return future.join();
		}
		catch (CompletionException ex) {
			throw unwrap(ex.getCause());
		}
	}

	/**
	 * The future's value within {@code timeout}; its failure's cause is thrown as it is,
	 * and {@code timedOut}'s exception when it takes longer.
	 * @param what what is awaited, for the message when the waiting thread is interrupted
	 * ("job 42")
	 * @throws IllegalStateException when it would wait inside a non-blocking task's
	 * handler
	 */
	public static <T extends @Nullable Object> T await(CompletableFuture<T> future, Duration timeout, String what,
			Supplier<RuntimeException> timedOut) {
		if (!future.isDone()) {
			NonBlockingHandlers.checkMayWait(what);
		}
		try {
			return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			throw timedOut.get();
		}
		catch (ExecutionException ex) {
			throw unwrap(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TaskoraException("Interrupted while waiting for " + what, ex);
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
