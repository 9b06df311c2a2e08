package dev.taskora.engine.adapter.memory;

import java.util.List;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.Maintenance;
import dev.taskora.engine.adapter.WireEvent;

/**
 * RETRY_DLQ and RETRY_ALL_DLQ: finished jobs back to waiting. Runs with the store lock
 * held.
 */
final class MemoryRevival {

	private MemoryRevival() {
	}

	/**
	 * One job from the failed or the cancelled set back to waiting with attempt 1, a
	 * fresh timestamp, and no error, result, finish time, stall count or cancel flag.
	 */
	static boolean revive(MemoryTaskQueue queue, String id, JobState from, long now) {
		if (!queue.finished(from).remove(id)) {
			return false;
		}
		MemoryJob job = queue.job(id);
		if (job == null) {
			return false;
		}
		reset(queue, job, now);
		queue.signalWork();
		queue.emit(WireEvent.WAITING, id);
		return true;
	}

	/**
	 * The oldest failed jobs that failed at or before {@code failedUpTo}, at most
	 * {@code limit} (and a batch).
	 */
	static int reviveFailed(MemoryTaskQueue queue, long failedUpTo, int limit, long now) {
		ScoredSet failed = queue.finished(JobState.FAILED);
		List<String> ids = failed.rangeByScore(failedUpTo, Math.min(limit, Maintenance.BATCH));
		for (String id : ids) {
			failed.remove(id);
			MemoryJob job = queue.job(id);
			if (job != null) {
				reset(queue, job, now);
				queue.emit(WireEvent.WAITING, id);
			}
		}
		if (!ids.isEmpty()) {
			queue.signalWork();
		}
		return ids.size();
	}

	private static void reset(MemoryTaskQueue queue, MemoryJob job, long now) {
		job.attempt = 1;
		job.error = null;
		job.result = null;
		job.finishedOn = 0;
		job.stalledCount = 0;
		job.cancelledAt = 0;
		job.cancelReason = null;
		job.timestamp = now;
		queue.pushWaiting(job, now);
	}

}
