package dev.taskora.engine.adapter;

/**
 * The throughput counters of one task for one minute (taskora's
 * {@code metrics:completed:<bucket>} and {@code metrics:failed:<bucket>}, kept for a
 * day).
 *
 * @param minute the bucket: the minute's start in epoch ms,
 * {@code floor(ms / 60000) × 60000}
 * @param completed jobs completed in that minute
 * @param failed jobs that failed for good in that minute (no attempt left, or stalled too
 * often)
 */
public record MinuteCounts(long minute, long completed, long failed) {

	/** A minute's bucket: the start of the minute {@code epochMillis} falls in. */
	public static long bucketOf(long epochMillis) {
		return Math.floorDiv(epochMillis, 60_000L) * 60_000L;
	}

}
