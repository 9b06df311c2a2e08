package dev.taskora.engine.flow;

import java.util.List;

import dev.taskora.engine.JobState;
import dev.taskora.engine.internal.Validation;

/**
 * Skip the dispatch while a job holding the key is in one of the states.
 *
 * @param key deduplication key
 * @param whileIn the states that block a duplicate (taskora's default: waiting, delayed,
 * active)
 */
public record Deduplicate(String key, List<JobState> whileIn) {

	/**
	 * Creates a deduplication; an empty {@code whileIn} means taskora's default states
	 * (waiting, delayed, active).
	 * @throws IllegalArgumentException if the key is blank
	 */
	public Deduplicate {
		Validation.key(key, "deduplicate");
		whileIn = whileIn.isEmpty() ? List.of(JobState.WAITING, JobState.DELAYED, JobState.ACTIVE)
				: List.copyOf(whileIn);
	}

	/** Deduplication while a job of the key waits, is delayed or runs. */
	public Deduplicate(String key) {
		this(key, List.of());
	}

}
