package dev.taskora.engine.job;

import java.util.Map;

import dev.taskora.engine.ResultHandle;

/**
 * A job's structured log, stored with the job and read through
 * {@link ResultHandle#logs()}.
 */
public interface JobLogger {

	void info(String message, Map<String, ?> meta);

	void warn(String message, Map<String, ?> meta);

	void error(String message, Map<String, ?> meta);

	default void info(String message) {
		info(message, Map.of());
	}

	default void warn(String message) {
		warn(message, Map.of());
	}

	default void error(String message) {
		error(message, Map.of());
	}

}
