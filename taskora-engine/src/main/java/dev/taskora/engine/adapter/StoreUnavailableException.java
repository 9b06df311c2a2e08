package dev.taskora.engine.adapter;

import dev.taskora.engine.TaskoraException;
import org.jspecify.annotations.Nullable;

/**
 * The store could not be reached or did not answer in time; the operation failed and may
 * be tried again once it is back. An adapter that throws it logs the outage itself, once
 * when it starts and once when it ends, so the engine logs these failures at DEBUG only.
 */
public class StoreUnavailableException extends TaskoraException {

	/**
	 * Creates the exception for a store that cannot be reached.
	 * @param message what could not be done
	 * @param cause the client's failure, or {@code null}
	 */
	public StoreUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/**
	 * Whether the failure, or the failure a future completed with, is a
	 * {@code StoreUnavailableException}.
	 */
	public static boolean isCause(@Nullable Throwable error) {
		Throwable current = error;
		for (int depth = 0; current != null && depth < 5; depth++) {
			if (current instanceof StoreUnavailableException) {
				return true;
			}
			current = current.getCause();
		}
		return false;
	}

}
