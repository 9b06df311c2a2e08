package dev.taskora.engine;

import org.jspecify.annotations.Nullable;

/** Root of every exception taskora throws or stores. */
public class TaskoraException extends RuntimeException {

	public TaskoraException(String message) {
		super(message);
	}

	public TaskoraException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
