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
 * The renewal runs every twentieth of the lock's lifetime (150 ms for the default 3 s
 * lock). The lock's time keeps running in Redis during an outage, and after it the
 * adapter needs up to its reconnect delay, and the connection's own setup, to be
 * connected again, and the next renewal (or the retried settlement) up to one more period
 * to go out. So each renewal keeps the lock in the store for {@linkplain #heldMs the lock
 * plus the reconnect delay plus an allowance for connecting plus two periods}: a finished
 * job whose outcome could not be stored during an outage shorter than the lock is stored
 * once the store is back, and never run again. One call per period per busy worker,
 * whatever its concurrency, and none while it runs nothing.
 */
final class LockRenewal {

	private static final Logger logger = LoggerFactory.getLogger(LockRenewal.class);

	/** The renewal period, as a fraction of the lock's lifetime. */
	static final int PER_LOCK = 20;

	/**
	 * What connecting takes once the reconnect delay has passed: the TCP connection and
	 * the client's handshake, on a busy host.
	 */
	static final long CONNECTING_MS = 200;

	private LockRenewal() {
	}

	/** How often a worker renews its locks: a twentieth of the lock, at least 10 ms. */
	static long periodMs(Duration lockTtl) {
		return Math.max(lockTtl.toMillis() / PER_LOCK, 10);
	}

	/**
	 * How long each claim and renewal keeps a lock in the store: the lock, and for a
	 * store that can be cut off, its reconnect delay, {@link #CONNECTING_MS} and two
	 * renewal periods more (4 s with the defaults). A crashed worker's jobs wait that
	 * long, plus up to one stall interval, before they run again.
	 */
	static long heldMs(Duration lockTtl, Duration reconnectDelay) {
		if (reconnectDelay.isZero()) {
			return lockTtl.toMillis();
		}
		return lockTtl.toMillis() + reconnectDelay.toMillis() + CONNECTING_MS + 2 * periodMs(lockTtl);
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
