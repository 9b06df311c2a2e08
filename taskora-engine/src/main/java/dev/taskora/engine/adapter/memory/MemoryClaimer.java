package dev.taskora.engine.adapter.memory;

import java.util.List;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.WireEvent;
import org.jspecify.annotations.Nullable;

/**
 * MOVE_TO_ACTIVE, step for step as the Redis adapter's claim script: promote due delayed jobs (a
 * batch is requeued last-due first, as taskora walks it backwards), then take the next job, higher
 * priorities first: the prioritized lane (priority desc, timestamp asc), then the FIFO list of
 * priority-0 jobs. At most 100 candidates are examined; a lane is left once its first job held back
 * by a full concurrency group comes round again.
 */
final class MemoryClaimer {

	/** How long a claim that ran out of candidates waits before it looks again (taskora's marker now + 1 s). */
	static final long RECHECK_MS = 1_000;

	private MemoryClaimer() {
	}

	/** Claims with the store lock held; {@code null} when nothing is claimable now. */
	static @Nullable ClaimedJob claim(MemoryTaskQueue queue, ClaimRequest request) {
		long now = request.now();
		promoteDue(queue, now, request.discardExpired());
		if (request.singleton() && !queue.active.isEmpty()) {
			// The job leaving active signals the waiters; until then this worker cannot claim.
			queue.nothingClaimable(0);
			return null;
		}
		int budget = MemoryTaskQueue.BATCH;
		for (Lane lane : Lane.values()) {
			String firstBlocked = null;
			while (budget > 0) {
				budget--;
				String id = lane.pop(queue);
				if (id == null) {
					break;
				}
				MemoryJob job = queue.job(id);
				if (id.equals(firstBlocked) && job != null) {
					// The lane went round: every job left in it waits for a concurrency slot.
					queue.pushWaiting(job, now);
					break;
				}
				if (job == null || !isClaimable(job.state)) {
					continue;
				}
				if (job.isExpiredAt(now)) {
					queue.expire(job, now, request.discardExpired());
				}
				else if (!queue.acquireConcurrency(job)) {
					queue.pushWaiting(job, now);
					firstBlocked = (firstBlocked != null) ? firstBlocked : id;
				}
				else {
					return activate(queue, job, request);
				}
			}
		}
		// Out of budget, a candidate may still lie beyond the hundred examined: look again shortly.
		// Otherwise only a change (a new job, a released slot) can make one claimable, and it signals.
		queue.nothingClaimable((budget == 0 && queue.hasWaiting()) ? now + RECHECK_MS : 0);
		return null;
	}

	/** Moves up to one batch of due delayed and retrying jobs to waiting (or expires them). */
	private static void promoteDue(MemoryTaskQueue queue, long now, boolean discardExpired) {
		List<String> due = queue.delayed.rangeByScore(now, MemoryTaskQueue.BATCH);
		due.forEach(queue.delayed::remove);
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
				queue.emit(WireEvent.PROMOTED, job.id);
			}
		}
	}

	private static ClaimedJob activate(MemoryTaskQueue queue, MemoryJob job, ClaimRequest request) {
		queue.active.addFirst(job.id);
		job.lock(request.token(), queue.clock.millis() + request.lockTtlMs());
		job.state = JobState.ACTIVE;
		job.processedOn = request.now();
		queue.emit(WireEvent.ACTIVE, job.id);
		// Redis re-arms the marker when more work waits, so that idle workers claim it too.
		queue.claimed(queue.hasWaiting());
		return new ClaimedJob(job.id, job.data, job.version, job.attempt, job.timestamp, request.token());
	}

	/** A stale lane entry of a job that already runs or finished is dropped, never claimed twice. */
	private static boolean isClaimable(JobState state) {
		return state != JobState.ACTIVE && !state.isTerminal();
	}

	private enum Lane {

		PRIORITIZED {
			@Override
			@Nullable String pop(MemoryTaskQueue queue) {
				return queue.prioritized.popMin();
			}
		},

		FIFO {
			@Override
			@Nullable String pop(MemoryTaskQueue queue) {
				return queue.wait.pollLast();
			}
		};

		abstract @Nullable String pop(MemoryTaskQueue queue);

	}

}
