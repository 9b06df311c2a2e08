package dev.taskora.engine.internal;

import org.jspecify.annotations.Nullable;

/**
 * Marks the thread while a handler of a non-blocking task runs on it, so that a blocking
 * call of the engine's fails at once instead of stalling the thread the handler was given
 * (for Redis, the connection whose reply would end the wait).
 * <p>
 * Internal, not API.
 */
public final class NonBlockingHandlers {

	private static final ThreadLocal<@Nullable String> TASK = new ThreadLocal<>();

	private NonBlockingHandlers() {
	}

	/** A handler of {@code task}, which never blocks, starts on this thread. */
	public static void enter(String task) {
		TASK.set(task);
	}

	/** The handler entered last on this thread has returned. */
	public static void leave() {
		TASK.remove();
	}

	/**
	 * @param what what the caller would wait for ("job 42")
	 * @throws IllegalStateException when a non-blocking task's handler runs on this
	 * thread
	 */
	static void checkMayWait(String what) {
		String task = TASK.get();
		if (task != null) {
			throw new IllegalStateException("Task '" + task + "' is non-blocking: its handler must not wait for " + what
					+ " on the thread its jobs arrive on; use the asynchronous form (a CompletableFuture) instead");
		}
	}

}
