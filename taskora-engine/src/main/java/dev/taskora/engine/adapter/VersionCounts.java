package dev.taskora.engine.adapter;

import java.util.Map;

/**
 * How many unfinished jobs of a task carry each payload version ({@code _v}), read in one
 * atomic step (taskora's VERSION_DISTRIBUTION).
 *
 * @param waiting version to count, both wait lanes
 * @param active version to count
 * @param delayed version to count, delayed and retrying jobs
 */
public record VersionCounts(Map<Integer, Long> waiting, Map<Integer, Long> active, Map<Integer, Long> delayed) {

	public VersionCounts {
		waiting = Map.copyOf(waiting);
		active = Map.copyOf(active);
		delayed = Map.copyOf(delayed);
	}

}
