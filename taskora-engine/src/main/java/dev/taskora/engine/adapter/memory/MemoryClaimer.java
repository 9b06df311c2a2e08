package dev.taskora.engine.adapter.memory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.WireEvent;
import org.jspecify.annotations.Nullable;

/**
 * MOVE_TO_ACTIVE, step for step as the Redis adapter's claim script: promote due delayed
 * jobs (a batch is requeued last-due first, as taskora walks it backwards), then take the
 * next job, higher priorities first: the prioritized lane (priority desc, timestamp asc),
 * then the FIFO list of priority-0 jobs. A job whose concurrency group is full keeps its
 * place, so the jobs of a key run in dispatch order, and the claim looks past it: each
 * lane is popped until its first held job, then read in windows behind the held ones. At
 * most 100 candidates are tried (a job of a group whose counter this claim already read
 * costs nothing) and 1,000 looked at.
 */
final class MemoryClaimer {

	/**
	 * How long a claim that ran out of candidates waits before it looks again (taskora's
	 * marker now + 1 s).
	 */
	static final long RECHECK_MS = 1_000;

	/** Candidates looked at per claim, those of full concurrency groups included. */
	static final int MAX_SCANNED = 1_000;

	private MemoryClaimer() {
	}

	/** Claims with the store lock held; {@code null} when nothing is claimable now. */
	static @Nullable ClaimedJob claim(MemoryTaskQueue queue, ClaimRequest request) {
		long now = request.now();
		promoteDue(queue, now, request.discardExpired());
		if (request.singleton() && !queue.active.isEmpty()) {
			// The job leaving active signals the waiters; until then this worker cannot
			// claim.
			queue.nothingClaimable(0);
			return null;
		}
		int budget = MemoryTaskQueue.BATCH;
		int scanned = 0;
		Set<String> seenGroups = new HashSet<>();
		for (Lane lane : Lane.values()) {
			// Jobs at the front of the lane held back by full groups.
			int held = 0;
			while (budget > 0 && scanned < MAX_SCANNED) {
				List<String> ids = lane.window(queue, held,
						(held == 0) ? 1 : Math.min(MemoryTaskQueue.BATCH, MAX_SCANNED - scanned));
				if (ids.isEmpty()) {
					break;
				}
				for (String id : ids) {
					if (budget == 0) {
						break;
					}
					scanned++;
					MemoryJob job = queue.job(id);
					if (job == null || !isClaimable(job.state)) {
						budget--;
						lane.remove(queue, id);
						continue;
					}
					if (job.isExpiredAt(now)) {
						budget--;
						lane.remove(queue, id);
						queue.expire(job, now, request.discardExpired());
						continue;
					}
					boolean limited = job.concurrencyKey != null && job.concurrencyLimit > 0;
					// A group's counter read once in this claim decides its other jobs
					// for free.
					if (!limited || seenGroups.add(job.concurrencyKey)) {
						budget--;
					}
					if (!queue.acquireConcurrency(job)) {
						held++;
						continue;
					}
					lane.remove(queue, id);
					ClaimedJob claimed = activate(queue, job, request);
					if (claimed != null) {
						return claimed;
					}
				}
			}
		}
		// Out of budget, a candidate may still lie beyond those examined: look again
		// shortly. Otherwise only a change (a new job, a released slot) can make one
		// claimable, and it signals.
		boolean cutShort = budget == 0 || scanned >= MAX_SCANNED;
		queue.nothingClaimable((cutShort && queue.hasWaiting()) ? now + RECHECK_MS : 0);
		return null;
	}

	/**
	 * Moves up to one batch of due delayed and retrying jobs to waiting (or expires
	 * them).
	 */
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

	/**
	 * Takes the job; a collect flush sentinel gets its buffer's items as data first.
	 * Returns {@code null} for a sentinel whose buffer was drained meanwhile: it is
	 * dropped.
	 */
	private static @Nullable ClaimedJob activate(MemoryTaskQueue queue, MemoryJob job, ClaimRequest request) {
		if (job.collectKey != null) {
			String batch = queue.flow.drain(job.collectKey);
			if (batch == null) {
				queue.jobs.remove(job.id);
				return null;
			}
			job.data = batch;
			job.collectKey = null;
		}
		queue.active.addFirst(job.id);
		job.lock(request.token(), queue.clock.millis() + request.lockTtlMs());
		job.state = JobState.ACTIVE;
		job.processedOn = request.now();
		queue.emit(WireEvent.ACTIVE, job.id);
		// Redis re-arms the marker when more work waits, so that idle workers claim it
		// too.
		queue.claimed(queue.hasWaiting());
		return new ClaimedJob(job.id, job.data, job.version, job.attempt, job.timestamp, request.token(), job.headers);
	}

	/**
	 * A stale lane entry of a job that already runs or finished is dropped, never claimed
	 * twice.
	 */
	private static boolean isClaimable(JobState state) {
		return state != JobState.ACTIVE && !state.isTerminal();
	}

	private enum Lane {

		PRIORITIZED {
			@Override
			List<String> window(MemoryTaskQueue queue, int from, int count) {
				return queue.prioritized.range(from, count);
			}

			@Override
			void remove(MemoryTaskQueue queue, String id) {
				queue.prioritized.remove(id);
			}
		},

		FIFO {
			@Override
			List<String> window(MemoryTaskQueue queue, int from, int count) {
				// Claimed from the tail, where the oldest job is.
				List<String> ids = new ArrayList<>(Math.min(count, queue.wait.size()));
				Iterator<String> oldestFirst = queue.wait.descendingIterator();
				for (int skipped = 0; skipped < from && oldestFirst.hasNext(); skipped++) {
					oldestFirst.next();
				}
				while (ids.size() < count && oldestFirst.hasNext()) {
					ids.add(oldestFirst.next());
				}
				return ids;
			}

			@Override
			void remove(MemoryTaskQueue queue, String id) {
				queue.wait.removeLastOccurrence(id);
			}
		};

		/** Up to {@code count} ids in claim order, after the first {@code from}. */
		abstract List<String> window(MemoryTaskQueue queue, int from, int count);

		/** Takes the id out of the lane (its first occurrence in claim order). */
		abstract void remove(MemoryTaskQueue queue, String id);

	}

}
