package dev.taskora.engine;

import org.jspecify.annotations.Nullable;

/**
 * Input or output failed validation, or could not be (de)serialized. Never retried.
 */
public class ValidationException extends TaskoraException {

	public ValidationException(String message) {
		super(message);
	}

	public ValidationException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
