package dev.taskora.engine.flow;

import java.time.Duration;

import dev.taskora.engine.internal.Validation;

/**
 * Accept at most {@code max} dispatches of the key per {@code window}; drop the rest.
 *
 * @param key throttle key
 * @param max dispatches per window
 * @param window the fixed window
 */
public record Throttle(String key, int max, Duration window) {

	/**
	 * Creates a throttle.
	 * @throws IllegalArgumentException if the key is blank, {@code max} is below 1 or the
	 * window is not positive
	 */
	public Throttle {
		Validation.key(key, "throttle");
		if (max < 1) {
			throw new IllegalArgumentException("throttle max must be at least 1, was " + max);
		}
		Validation.positive(window, "throttle window");
	}

}
