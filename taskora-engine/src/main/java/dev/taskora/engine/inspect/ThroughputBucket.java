package dev.taskora.engine.inspect;

import java.time.Instant;

/**
 * Jobs finished in one minute, from taskora's per-minute counters
 * ({@code metrics:completed:<minute>}, {@code metrics:failed:<minute>}), which every
 * process sharing the store, Java or Node, writes and which live for 24 hours.
 *
 * @param timestamp the minute's start, epoch ms
 * @param completed jobs completed in that minute
 * @param failed jobs that failed for good in that minute (no attempt left, or stalled too
 * often); failed attempts that are retried do not count
 */
public record ThroughputBucket(long timestamp, long completed, long failed) {

	/** The minute's start. */
	public Instant minute() {
		return Instant.ofEpochMilli(this.timestamp);
	}

}
