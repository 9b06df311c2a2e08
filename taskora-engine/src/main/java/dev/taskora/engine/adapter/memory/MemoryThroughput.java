package dev.taskora.engine.adapter.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.taskora.engine.adapter.MinuteCounts;

/**
 * One task's per-minute completed and failed counters, as taskora's
 * {@code metrics:*:<bucket>} keys: a bucket per minute, kept for a day. Guarded by the
 * store lock.
 */
final class MemoryThroughput {

	/** The counters' lifetime: the keys' 24 h TTL on Redis. */
	static final long KEEP_MS = 86_400_000L;

	/** Minute bucket to {completed, failed}. */
	private final TreeMap<Long, long[]> buckets = new TreeMap<>();

	void completed(long now) {
		bucket(now)[0]++;
	}

	void failed(long now) {
		bucket(now)[1]++;
	}

	/**
	 * The counters of {@code minutes} minutes from {@code firstMinute} on. A bucket lives
	 * a day after the latest count, as the transitions' times (the caller's clock) tell.
	 */
	List<MinuteCounts> read(long firstMinute, int minutes) {
		List<MinuteCounts> counts = new ArrayList<>(minutes);
		for (int i = 0; i < minutes; i++) {
			long minute = firstMinute + i * 60_000L;
			long[] bucket = this.buckets.get(minute);
			counts.add(
					(bucket != null) ? new MinuteCounts(minute, bucket[0], bucket[1]) : new MinuteCounts(minute, 0, 0));
		}
		return counts;
	}

	void clear() {
		this.buckets.clear();
	}

	private long[] bucket(long now) {
		long minute = MinuteCounts.bucketOf(now);
		// Drop what the keys' TTL would have expired, so a long-running process keeps a
		// day at most.
		Map<Long, long[]> expired = this.buckets.headMap(MinuteCounts.bucketOf(now - KEEP_MS), true);
		expired.clear();
		return this.buckets.computeIfAbsent(minute, (ignored) -> new long[2]);
	}

}
