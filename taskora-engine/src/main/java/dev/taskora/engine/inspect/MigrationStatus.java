package dev.taskora.engine.inspect;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a task's payload versions stand (taskora's {@code inspect().migrations(task)}):
 * the versions this process reads, and how many unfinished jobs carry each version, so
 * you can tell when raising {@code since} (and deleting the oldest migrations) is safe.
 *
 * <pre>{@code
 * MigrationStatus status = taskora.inspect().migrations("send-email");
 * if (status.canBumpSince() > status.since()) {
 *     // no job older than canBumpSince() is left: since may go up to it
 * }
 * }</pre>
 *
 * @param task the task name
 * @param version the version this process stamps on dispatched jobs and reads up to
 * @param since the oldest job version this process's worker reads
 * @param migrations how many migration steps the task has
 * @param jobs unfinished jobs by version: waiting, active, and delayed (jobs waiting for
 * a retry included)
 * @param canBumpSince the oldest version any unfinished job carries, or {@code version}
 * when none is left: {@code since} may safely be raised up to it
 */
public record MigrationStatus(String task, int version, int since, int migrations, VersionDistribution jobs,
		int canBumpSince) {

	/** Waiting and active jobs by version (taskora's {@code queue.byVersion}). */
	public Map<Integer, Long> queue() {
		TreeMap<Integer, Long> queue = new TreeMap<>(this.jobs.waiting());
		this.jobs.active().forEach((v, count) -> queue.merge(v, count, Long::sum));
		return Collections.unmodifiableMap(queue);
	}

	/** Delayed and retrying jobs by version (taskora's {@code delayed.byVersion}). */
	public Map<Integer, Long> delayed() {
		return this.jobs.delayed();
	}

	/** The oldest version among unfinished jobs, or empty when none is left. */
	public Optional<Integer> oldest() {
		return this.jobs.oldest();
	}

	static MigrationStatus of(String task, int version, int since, int migrations, VersionDistribution jobs) {
		return new MigrationStatus(task, version, since, migrations, jobs, jobs.oldest().orElse(version));
	}

}
