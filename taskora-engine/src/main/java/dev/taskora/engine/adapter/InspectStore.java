package dev.taskora.engine.adapter;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;
import org.jspecify.annotations.Nullable;

/**
 * Reads of stored jobs. The calls that span tasks answer in one round trip (pipelined on
 * Redis, one lock-held section in memory), never one per task.
 */
public interface InspectStore {

	/**
	 * The stored job, or {@code null} if it does not exist (never existed, or trimmed).
	 */
	CompletableFuture<@Nullable JobRecord> findJob(String task, String jobId);

	/**
	 * The job with this id in the first of {@code tasks} (in iteration order) that has
	 * it, or {@code null}; every task is asked at once.
	 */
	CompletableFuture<@Nullable JobRecord> findJob(String jobId, Collection<String> tasks);

	/** The job's state only, or {@code null} if it does not exist. */
	CompletableFuture<@Nullable JobState> state(String task, String jobId);

	/** The job's JSON log entries, oldest first. */
	CompletableFuture<List<String>> logs(String task, String jobId);

	/**
	 * How many jobs of each task are in each state, every task and every state present,
	 * in one round trip. Jobs waiting for a retry share the delayed set and count as
	 * {@code delayed}.
	 */
	CompletableFuture<Map<String, Map<JobState, Long>>> countByState(Collection<String> tasks);

	/** How many jobs of one task are in each state; every state is present. */
	default CompletableFuture<Map<JobState, Long>> countByState(String task) {
		return countByState(List.of(task)).thenApply(counts -> counts.get(task));
	}

	/**
	 * When the task's earliest delayed (or retrying) job becomes due, or {@code null} if
	 * none.
	 */
	CompletableFuture<@Nullable Long> nextDelayedAt(String task);

	/**
	 * One page of the task's jobs in a state, each with its fields and log, in one round
	 * trip (one script on Redis). Orders: {@code waiting} in claim order (the prioritized
	 * lane first, then the FIFO lane, oldest first); {@code active} by dispatch time;
	 * {@code delayed} (which holds the jobs waiting for a retry too, as its count does)
	 * and {@code retrying} (those alone) by the time they become due; finished states
	 * newest first. A job deleted meanwhile is left out.
	 * @param offset jobs to skip, at least 0
	 * @param limit jobs to return at most, at least 0
	 */
	CompletableFuture<List<JobDetails>> listJobs(String task, JobState state, int offset, int limit);

	/**
	 * How many waiting, active and delayed jobs carry each payload version, in one atomic
	 * read.
	 */
	CompletableFuture<VersionCounts> versionCounts(String task);

	/**
	 * The error messages of the task's failed jobs ranked {@code start} to
	 * {@code start + count - 1}, newest first, counted by message (a job without a
	 * message counts under {@code ""}). The counts add up to the jobs read, so fewer than
	 * {@code count} means the end was reached.
	 */
	CompletableFuture<Map<String, Long>> failedErrors(String task, int start, int count);

	/**
	 * The throughput counters of each task for {@code minutes} minutes from the bucket
	 * {@code firstMinute} on, oldest first, every minute present; one round trip for
	 * every task.
	 */
	CompletableFuture<Map<String, List<MinuteCounts>>> throughput(Collection<String> tasks, long firstMinute,
			int minutes);

	/**
	 * What the store tells about itself, for an operator's view (on Redis: its version,
	 * memory, uptime, clients, from {@code INFO}); empty where there is nothing to tell.
	 */
	default CompletableFuture<Map<String, String>> serverInfo() {
		return CompletableFuture.completedFuture(Map.of());
	}

}
