package dev.taskora.engine.adapter;

import org.jspecify.annotations.Nullable;

/**
 * Whether a throttled or deduplicated dispatch was stored.
 *
 * @param admitted whether the job was stored
 * @param existingId the job holding the deduplication key when a duplicate was refused,
 * else {@code null}
 */
public record Admission(boolean admitted, @Nullable String existingId) {

	/** The job was stored. */
	public static final Admission ADMITTED = new Admission(true, null);

	/** Refused by a throttle. */
	public static final Admission THROTTLED = new Admission(false, null);

	/** Refused as a duplicate of {@code existingId}. */
	public static Admission duplicateOf(String existingId) {
		return new Admission(false, existingId);
	}

}
