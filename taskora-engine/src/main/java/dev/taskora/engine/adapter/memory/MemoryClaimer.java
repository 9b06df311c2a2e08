package dev.taskora.engine.adapter.memory;

import java.util.Iterator;
import java.util.List;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import org.jspecify.annotations.Nullable;

/**
 * MOVE_TO_ACTIVE: promotes due delayed jobs, then claims the next job in exactly the order of
 * taskora's script, including its quirks (a batch of due jobs is requeued last-due first; a job
 * blocked by its concurrency group goes back to the head of {@code :wait}, or into
 * {@code :prioritized} scored with "now").
 */
final class MemoryClaimer {

	private MemoryClaimer() {
	}

	/** Claims with the store lock held; {@code null} when nothing is claimable now. */
	static @Nullable ClaimedJob claim(MemoryTaskQueue queue, ClaimRequest request) {
		long now = request.now();
		promoteDue(queue, now, request.discardExpired());
		if (request.singleton() && !queue.active.isEmpty()) {
			// The finishing job will signal; until then no claim of this worker can succeed.
			queue.settleWorkHint(false);
			return null;
		}
		for (int tries = 0; tries < MemoryTaskQueue.BATCH; tries++) {
			String id = queue.popWaiting();
			if (id == null) {
				break;
			}
			MemoryJob job = queue.job(id);
			if (job == null) {
				continue;
			}
			if (job.isExpiredAt(now)) {
				queue.expire(job, now, request.discardExpired());
			}
			else if (!queue.acquireConcurrency(job)) {
				queue.pushWaiting(job, now);
			}
			else {
				return activate(queue, job, request);
			}
		}
		queue.settleWorkHint(anotherClaimCouldSucceed(queue, now));
		return null;
	}

	/** Moves up to one batch of due delayed and retrying jobs to waiting (or expires them). */
	private static void promoteDue(MemoryTaskQueue queue, long now, boolean discardExpired) {
		List<String> due = queue.delayed.rangeByScore(now, MemoryTaskQueue.BATCH);
		due.forEach(queue.delayed::remove);
		// The script walks the batch backwards; LPUSH then makes the last-due job the first claimed.
		for (int i = due.size() - 1; i >= 0; i--) {
			MemoryJob job = queue.job(due.get(i));
			if (job == null) {
				continue;
			}
			if (job.isExpiredAt(now)) {
				queue.expire(job, now, discardExpired);
			}
			else {
				queue.pushWaiting(job, job.timestamp);
				queue.emit("promoted", job.id);
			}
		}
	}

	private static ClaimedJob activate(MemoryTaskQueue queue, MemoryJob job, ClaimRequest request) {
		queue.active.addFirst(job.id);
		job.lock(request.token(), queue.clock.millis() + request.lockTtlMs());
		job.state = JobState.ACTIVE;
		job.processedOn = request.now();
		queue.emit("active", job.id);
		// Redis re-arms the marker when more work waits, so that idle workers claim it too.
		queue.settleWorkHint(queue.hasWaiting());
		return new ClaimedJob(job.id, job.data, job.version, job.attempt, job.timestamp, request.token());
	}

	/**
	 * Whether the next claim, run now, would take or expire a job. It can only reach {@code :wait}
	 * while that list is non-empty (blocked jobs return to it), and otherwise only the top priority
	 * band of {@code :prioritized} (a blocked job returns ahead of every lower band). Answering
	 * exactly keeps waiters from spinning on jobs held back by their concurrency group.
	 */
	private static boolean anotherClaimCouldSucceed(MemoryTaskQueue queue, long now) {
		if (!queue.wait.isEmpty()) {
			for (String id : queue.wait) {
				if (isTakeable(queue, queue.job(id), now)) {
					return true;
				}
			}
			return false;
		}
		Integer band = null;
		for (Iterator<String> it = queue.prioritized.iterator(); it.hasNext();) {
			MemoryJob job = queue.job(it.next());
			if (job == null) {
				return true;
			}
			if (band == null) {
				band = job.priority;
			}
			else if (job.priority != band) {
				return false;
			}
			if (isTakeable(queue, job, now)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isTakeable(MemoryTaskQueue queue, @Nullable MemoryJob job, long now) {
		return job == null || job.isExpiredAt(now) || queue.hasRoom(job);
	}

}
