package dev.taskora.engine.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import dev.taskora.engine.adapter.JobStore;
import dev.taskora.engine.adapter.JobStore.HeldLock;
import dev.taskora.engine.adapter.LockStatus;
import dev.taskora.engine.job.CancellationSignal.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the locks of a worker's running jobs (those whose outcome is not stored yet
 * included), all in one store call per renewal.
 * <p>
 * The renewal runs every twentieth of the lock's lifetime (200 ms for the default 4 s
 * lock): a finished job whose outcome cannot be stored during a Redis outage keeps its
 * lock for as long as possible, since the lock's time keeps running in Redis meanwhile.
 * The last renewal before an outage is at most one period old, and the first one after it
 * comes at most one period after the connection is back, so a job is run again only after
 * an outage longer than {@code lock - 2 x period - reconnect delay} (2.6 s with the
 * defaults). One call per period per busy worker, whatever its concurrency, and none
 * while it runs nothing.
 */
final class LockRenewal {

	private static final Logger logger = LoggerFactory.getLogger(LockRenewal.class);

	/** The renewal period, as a fraction of the lock's lifetime. */
	static final int PER_LOCK = 20;

	private LockRenewal() {
	}

	/** How often a worker renews its locks: a twentieth of the lock, at least 10 ms. */
	static long periodMs(Duration lockTtl) {
		return Math.max(lockTtl.toMillis() / PER_LOCK, 10);
	}

	/**
	 * Renews the locks of {@code active} in one call; a job whose lock turns out to be
	 * cancelled is told so, and the lock's deadline of each held one moves on.
	 */
	static void renew(JobStore jobs, String task, Collection<ActiveJob> active, long lockTtlMs) {
		List<ActiveJob> running = new ArrayList<>(active);
		if (running.isEmpty()) {
			return;
		}
		List<HeldLock> locks = new ArrayList<>(running.size());
		for (ActiveJob job : running) {
			locks.add(new HeldLock(job.job().id(), job.job().token()));
		}
		long sent = System.nanoTime();
		jobs.extendLocks(task, locks, lockTtlMs).whenComplete((statuses, error) -> {
			if (error != null) {
				logger.debug("Could not extend the locks of {} jobs of task '{}'", running.size(), task, error);
				return;
			}
			for (int i = 0; i < running.size(); i++) {
				ActiveJob job = running.get(i);
				LockStatus status = statuses.get(i);
				if (status != LockStatus.LOST) {
					job.lockHeldUntil(sent + lockTtlMs * 1_000_000);
				}
				if (status == LockStatus.CANCELLED) {
					job.fire(Reason.CANCELLED);
				}
				else if (status == LockStatus.LOST) {
					logger.debug("Lock of job {} of task '{}' was lost", job.job().id(), task);
				}
			}
		});
	}

}
