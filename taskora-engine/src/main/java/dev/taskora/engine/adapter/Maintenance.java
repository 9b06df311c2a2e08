package dev.taskora.engine.adapter;

import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;

/**
 * What keeps a store healthy between the jobs' own transitions: the stall sweep, retention
 * trimming of finished jobs, and moving a failed job (a dead letter) back to waiting.
 */
public interface Maintenance {

	/**
	 * One two-phase stall sweep: jobs that were candidates at the previous sweep and whose lock has
	 * expired are recovered (re-queued) or failed; every active job becomes a candidate for the next.
	 */
	CompletableFuture<StallSweep> checkStalled(String task, int maxStalledCount, long now);

	/**
	 * Deletes finished jobs of one terminal state older than {@code cutoff} (when &gt; 0) and beyond
	 * the newest {@code maxItems} (when &gt; 0), at most 100 per call. Returns how many were removed.
	 */
	CompletableFuture<Integer> trim(String task, JobState state, long cutoff, int maxItems);

	/**
	 * Moves a failed job back to {@code waiting} with its attempts reset. Returns {@code false} when
	 * the job is not in the failed set.
	 */
	CompletableFuture<Boolean> retryFailed(String task, String jobId, long now);

}
