package dev.taskora.engine;

import org.jspecify.annotations.Nullable;

/** Root of every exception taskora throws or stores. */
public class TaskoraException extends RuntimeException {

	/**
	 * Creates an exception with a message that names the job or task concerned.
	 * @param message the message
	 */
	public TaskoraException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a message and the failure behind it.
	 * @param message the message
	 * @param cause the underlying failure, or {@code null}
	 */
	public TaskoraException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
