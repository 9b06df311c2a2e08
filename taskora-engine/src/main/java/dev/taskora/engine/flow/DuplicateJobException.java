package dev.taskora.engine.flow;

import dev.taskora.engine.TaskoraException;
import org.jspecify.annotations.Nullable;

/** A dispatch was rejected by deduplication (only with {@code throwOnReject}). */
public class DuplicateJobException extends TaskoraException {

	private final String key;

	private final @Nullable String existingId;

	public DuplicateJobException(String key, @Nullable String existingId) {
		super("Dispatch rejected: job " + existingId + " already holds deduplication key '" + key + "'");
		this.key = key;
		this.existingId = existingId;
	}

	public String key() {
		return this.key;
	}

	public @Nullable String existingId() {
		return this.existingId;
	}

}
