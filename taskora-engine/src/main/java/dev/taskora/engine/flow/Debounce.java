package dev.taskora.engine.flow;

import java.time.Duration;

import dev.taskora.engine.internal.Validation;

/**
 * Replace the previous pending job of the key; only the last dispatch within
 * {@code delay} runs.
 *
 * @param key debounce key
 * @param delay quiet time before the job runs
 */
public record Debounce(String key, Duration delay) {

	/**
	 * Creates a debounce.
	 * @throws IllegalArgumentException if the key is blank or the delay is not positive
	 */
	public Debounce {
		Validation.key(key, "debounce");
		Validation.positive(delay, "debounce delay");
	}

}
