package dev.taskora.engine.job;

import java.util.Map;

import dev.taskora.engine.ResultHandle;

/**
 * A job's structured log, stored with the job and read through
 * {@link ResultHandle#logs()}.
 */
public interface JobLogger {

	/**
	 * Appends an info entry with structured fields to the job's log.
	 * @param message the message
	 * @param meta fields stored with it (written as JSON)
	 */
	void info(String message, Map<String, ?> meta);

	/**
	 * Appends a warning entry with structured fields to the job's log.
	 * @param message the message
	 * @param meta fields stored with it (written as JSON)
	 */
	void warn(String message, Map<String, ?> meta);

	/**
	 * Appends an error entry with structured fields to the job's log.
	 * @param message the message
	 * @param meta fields stored with it (written as JSON)
	 */
	void error(String message, Map<String, ?> meta);

	/**
	 * Appends an info entry to the job's log.
	 * @param message the message
	 */
	default void info(String message) {
		info(message, Map.of());
	}

	/**
	 * Appends a warning entry to the job's log.
	 * @param message the message
	 */
	default void warn(String message) {
		warn(message, Map.of());
	}

	/**
	 * Appends an error entry to the job's log.
	 * @param message the message
	 */
	default void error(String message) {
		error(message, Map.of());
	}

}
