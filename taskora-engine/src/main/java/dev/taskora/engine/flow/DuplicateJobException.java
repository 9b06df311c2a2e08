package dev.taskora.engine.flow;

import dev.taskora.engine.TaskoraException;
import org.jspecify.annotations.Nullable;

/** A dispatch was rejected by deduplication (only with {@code throwOnReject}). */
public class DuplicateJobException extends TaskoraException {

	private final String key;

	private final @Nullable String existingId;

	/**
	 * Creates the exception for a dispatch refused by deduplication.
	 * @param key the deduplication key
	 * @param existingId the job that holds the key, or {@code null} if unknown
	 */
	public DuplicateJobException(String key, @Nullable String existingId) {
		super("Dispatch rejected: job " + existingId + " already holds deduplication key '" + key + "'");
		this.key = key;
		this.existingId = existingId;
	}

	/**
	 * The deduplication key that refused the dispatch.
	 * @return the key
	 */
	public String key() {
		return this.key;
	}

	/**
	 * The job that holds the key, to await it instead.
	 * @return its id, or {@code null} if unknown
	 */
	public @Nullable String existingId() {
		return this.existingId;
	}

}
