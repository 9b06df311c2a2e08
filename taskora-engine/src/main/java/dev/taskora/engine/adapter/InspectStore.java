package dev.taskora.engine.adapter;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;
import org.jspecify.annotations.Nullable;

/**
 * Reads of stored jobs. The calls that span tasks answer in one round trip (pipelined on Redis,
 * one lock-held section in memory), never one per task.
 */
public interface InspectStore {

	/** The stored job, or {@code null} if it does not exist (never existed, or trimmed). */
	CompletableFuture<@Nullable JobRecord> findJob(String task, String jobId);

	/**
	 * The job with this id in the first of {@code tasks} (in iteration order) that has it, or
	 * {@code null}; every task is asked at once.
	 */
	CompletableFuture<@Nullable JobRecord> findJob(String jobId, Collection<String> tasks);

	/** The job's state only, or {@code null} if it does not exist. */
	CompletableFuture<@Nullable JobState> state(String task, String jobId);

	/** The job's JSON log entries, oldest first. */
	CompletableFuture<List<String>> logs(String task, String jobId);

	/**
	 * How many jobs of each task are in each state, every task and every state present, in one
	 * round trip. Jobs waiting for a retry share the delayed set and count as {@code delayed}.
	 */
	CompletableFuture<Map<String, Map<JobState, Long>>> countByState(Collection<String> tasks);

	/** How many jobs of one task are in each state; every state is present. */
	default CompletableFuture<Map<JobState, Long>> countByState(String task) {
		return countByState(List.of(task)).thenApply(counts -> counts.get(task));
	}

	/** When the task's earliest delayed (or retrying) job becomes due, or {@code null} if none. */
	CompletableFuture<@Nullable Long> nextDelayedAt(String task);

}
