package dev.taskora.engine.job;

import dev.taskora.engine.CancelledException;
import org.jspecify.annotations.Nullable;

/**
 * Taskora's {@code AbortSignal}: set when the job is cancelled, times out, or the worker
 * shuts down. The handler thread is interrupted at the same moment, so blocking I/O and
 * sleeps end at once.
 */
public interface CancellationSignal {

	/** Why a job was stopped. */
	enum Reason {

		/** Cancelled through its handle. */
		CANCELLED,

		/** Ran past the task's timeout. */
		TIMEOUT,

		/** The worker shut down before the job finished. */
		SHUTDOWN

	}

	/** Whether the signal fired. */
	boolean isCancelled();

	/** Why it fired, or {@code null} if it has not. */
	@Nullable Reason reason();

	/**
	 * Runs {@code action} when the signal fires (at once if it already has). Actions run
	 * on the thread that fires the signal and must not block.
	 */
	void onCancel(Runnable action);

	/** Throws {@link CancelledException} if the signal fired. */
	void throwIfCancelled();

}
