package dev.taskora.engine.inspect;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * How many unfinished jobs of a task carry each payload version ({@code _v}, the task's
 * {@code version} when they were dispatched), read in one atomic step: what a task's
 * migrations must still be able to read.
 *
 * @param waiting version to jobs waiting (both lanes)
 * @param active version to jobs being run
 * @param delayed version to delayed jobs and jobs waiting for a retry
 */
public record VersionDistribution(Map<Integer, Long> waiting, Map<Integer, Long> active, Map<Integer, Long> delayed) {

	public VersionDistribution {
		waiting = sorted(waiting);
		active = sorted(active);
		delayed = sorted(delayed);
	}

	/** Every unfinished job by version, the three states added up. */
	public Map<Integer, Long> total() {
		Map<Integer, Long> total = new TreeMap<>();
		Stream.of(this.waiting, this.active, this.delayed)
			.forEach(counts -> counts.forEach((version, count) -> total.merge(version, count, Long::sum)));
		return Collections.unmodifiableMap(total);
	}

	/** The oldest version any unfinished job carries, or empty when none is left. */
	public Optional<Integer> oldest() {
		return total().keySet().stream().findFirst();
	}

	private static Map<Integer, Long> sorted(Map<Integer, Long> counts) {
		return Collections.unmodifiableMap(new TreeMap<>(counts));
	}

}
