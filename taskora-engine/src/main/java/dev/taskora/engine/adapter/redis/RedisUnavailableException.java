package dev.taskora.engine.adapter.redis;

import dev.taskora.engine.adapter.StoreUnavailableException;
import org.jspecify.annotations.Nullable;

/**
 * Redis could not be reached, refused the connection (a wrong password, an unsupported
 * version), or did not answer in time. Thrown by {@link RedisAdapter#connect()} and by
 * any operation during an outage: those fail at once rather than queue. The message names
 * the endpoint, never a password. The adapter logs an outage once when it starts and once
 * when it ends.
 */
public class RedisUnavailableException extends StoreUnavailableException {

	/**
	 * Creates the exception for a Redis server that cannot be reached.
	 * @param message what could not be done
	 * @param cause Lettuce's failure, or {@code null}
	 */
	public RedisUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

}
