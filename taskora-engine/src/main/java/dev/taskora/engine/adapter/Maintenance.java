package dev.taskora.engine.adapter;

import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;

/**
 * What keeps a store healthy between the jobs' own transitions: the stall sweep,
 * retention trimming and cleaning of finished jobs, and moving failed (dead-letter) or
 * cancelled jobs back to waiting. The calls that touch many jobs do at most
 * {@link #BATCH} per call, so no single call holds the store long; the engine loops.
 */
public interface Maintenance {

	/** The most jobs one batched call moves or deletes, as taskora's scripts. */
	int BATCH = 100;

	/**
	 * One two-phase stall sweep: jobs that were candidates at the previous sweep and
	 * whose lock has expired are recovered (re-queued) or failed; every active job
	 * becomes a candidate for the next.
	 */
	CompletableFuture<StallSweep> checkStalled(String task, int maxStalledCount, long now);

	/**
	 * Deletes finished jobs of one terminal state older than {@code cutoff} (when &gt; 0)
	 * and beyond the newest {@code maxItems} (when &gt; 0), at most 100 per call. Returns
	 * how many were removed.
	 */
	CompletableFuture<Integer> trim(String task, JobState state, long cutoff, int maxItems);

	/**
	 * Moves a failed job back to {@code waiting} with its attempts reset. Returns
	 * {@code false} when the job is not in the failed set.
	 */
	default CompletableFuture<Boolean> retryFailed(String task, String jobId, long now) {
		return retry(task, jobId, JobState.FAILED, now);
	}

	/**
	 * Moves a job from the failed or the cancelled set back to {@code waiting}: attempts
	 * reset to 1, a fresh dispatch time, its error, result, finish time, stall count and
	 * cancel flag cleared. Returns {@code false}, changing nothing, when the job is not
	 * in that set.
	 * @param from {@link JobState#FAILED} or {@link JobState#CANCELLED}
	 */
	CompletableFuture<Boolean> retry(String task, String jobId, JobState from, long now);

	/**
	 * Moves the oldest failed jobs that failed at or before {@code failedUpTo} back to
	 * {@code waiting} as {@link #retry} does, at most {@code limit} (at most
	 * {@link #BATCH}) in one atomic step. Returns how many moved; fewer than
	 * {@code limit} means none is left.
	 */
	CompletableFuture<Integer> retryFailedBatch(String task, long failedUpTo, int limit, long now);

	/**
	 * Deletes the oldest jobs of one finished state that finished at or before
	 * {@code cutoff}, at most {@code limit} (at most {@link #BATCH}): the set entry, the
	 * job, its lock and its log. Returns how many were removed; fewer than {@code limit}
	 * means none is left.
	 */
	CompletableFuture<Integer> clean(String task, JobState state, long cutoff, int limit);

}
