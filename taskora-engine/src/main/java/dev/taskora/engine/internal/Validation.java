package dev.taskora.engine.internal;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Argument checks shared by the builders; messages name the argument and the value.
 * Internal, not API.
 */
public final class Validation {

	private Validation() {
	}

	/**
	 * Checks a concurrency setting.
	 * @param concurrency the value to check
	 * @return the value
	 * @throws IllegalArgumentException if it is below 1
	 */
	public static int concurrency(int concurrency) {
		if (concurrency < 1) {
			throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
		}
		return concurrency;
	}

	/**
	 * Checks a handler timeout.
	 * @param timeout the value to check, {@code null} for none
	 * @return the value
	 * @throws IllegalArgumentException if it is zero or negative
	 */
	public static @Nullable Duration timeout(@Nullable Duration timeout) {
		if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
			throw new IllegalArgumentException("timeout must be positive (or null for none), was " + timeout);
		}
		return timeout;
	}

	/**
	 * Checks a task name, which is also the Redis key's hash tag.
	 * @param name the value to check
	 * @return the name
	 * @throws IllegalArgumentException if it is blank or holds a brace
	 */
	public static String taskName(String name) {
		if (name.isBlank()) {
			throw new IllegalArgumentException("task name must not be blank");
		}
		if (name.indexOf('{') >= 0 || name.indexOf('}') >= 0) {
			// The name is the Redis Cluster hash tag: braces inside it would change the
			// slot.
			throw new IllegalArgumentException("task name must not contain '{' or '}', was '" + name + "'");
		}
		return name;
	}

	/** A key of a flow-control or concurrency option; {@code what} names the option. */
	public static String key(String key, String what) {
		if (key.isBlank()) {
			throw new IllegalArgumentException(what + " key must not be blank");
		}
		return key;
	}

	/** A duration that must be above zero; {@code what} names the argument. */
	public static Duration positive(Duration duration, String what) {
		if (duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException(what + " must be positive, was " + duration);
		}
		return duration;
	}

}
