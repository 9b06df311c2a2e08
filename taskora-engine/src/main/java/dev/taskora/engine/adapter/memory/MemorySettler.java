package dev.taskora.engine.adapter.memory;

import java.util.Map;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.LockMismatchException;
import dev.taskora.engine.adapter.LockStatus;
import dev.taskora.engine.adapter.WireEvent;
import dev.taskora.engine.job.CancelOutcome;
import org.jspecify.annotations.Nullable;

/**
 * The transitions of a claimed job (ACK, FAIL, NACK, FINISH_CANCEL, EXTEND_LOCK) and
 * CANCEL. Each runs with the store lock held and checks the lock before it changes
 * anything, so a {@link LockMismatchException} leaves the store untouched.
 */
final class MemorySettler {

	private MemorySettler() {
	}

	/** ACK. Returns the settled job, whose workflow fields the settlement reports. */
	static MemoryJob ack(MemoryTaskQueue queue, JobCompletion completion) {
		MemoryJob job = lockedJob(queue, completion.jobId(), completion.token());
		queue.leaveActive(job);
		queue.finish(job, JobState.COMPLETED, completion.now());
		job.result = completion.result();
		queue.emit(WireEvent.COMPLETED, job.id);
		return job;
	}

	/**
	 * FAIL: a retry through {@code :delayed}, or a permanent failure. Returns the settled
	 * job.
	 */
	static MemoryJob fail(MemoryTaskQueue queue, JobFailure failure) {
		MemoryJob job = lockedJob(queue, failure.jobId(), failure.token());
		queue.leaveActive(job);
		job.error = failure.error();
		if (failure.willRetry()) {
			long nextAttemptAt = failure.now() + failure.retryDelayMs();
			job.attempt++;
			job.state = JobState.RETRYING;
			queue.schedule(job, nextAttemptAt);
			queue.emit(WireEvent.RETRYING, job.id,
					Map.of("attempt", Integer.toString(job.attempt), "nextAttemptAt", Long.toString(nextAttemptAt)));
		}
		else {
			queue.finish(job, JobState.FAILED, failure.now());
			queue.emit(WireEvent.FAILED, job.id);
		}
		return job;
	}

	/** NACK: back to waiting at its original place, the attempt not consumed. */
	static void nack(MemoryTaskQueue queue, String jobId, String token) {
		MemoryJob job = lockedJob(queue, jobId, token);
		queue.leaveActive(job);
		queue.pushWaiting(job, job.timestamp);
		queue.signalWork();
		queue.emit(WireEvent.WAITING, job.id);
	}

	/** FINISH_CANCEL: the worker confirms that the flagged job's handler stopped. */
	static void finishCancel(MemoryTaskQueue queue, String jobId, String token, long now) {
		MemoryJob job = lockedJob(queue, jobId, token);
		queue.leaveActive(job);
		queue.finish(job, JobState.CANCELLED, now);
		queue.emit(WireEvent.CANCELLED, job.id, Map.of("reason", reasonOf(job)));
	}

	/** EXTEND_LOCK, answered on the adapter's clock. */
	static LockStatus extendLock(MemoryTaskQueue queue, String jobId, String token, long ttlMs) {
		MemoryJob job = queue.job(jobId);
		long clockMillis = queue.clock.millis();
		if (job == null || !job.isLockedBy(token, clockMillis)) {
			return LockStatus.LOST;
		}
		job.lock(token, clockMillis + ttlMs);
		queue.stalled.remove(jobId);
		return (job.cancelledAt > 0) ? LockStatus.CANCELLED : LockStatus.HELD;
	}

	/**
	 * CANCEL. A {@link CancelOutcome#FLAGGED} job's worker must still be told by the
	 * caller.
	 */
	static CancelOutcome cancel(MemoryTaskQueue queue, String jobId, @Nullable String reason, long now) {
		MemoryJob job = queue.job(jobId);
		if (job == null) {
			return CancelOutcome.NOT_FOUND;
		}
		boolean hasReason = reason != null && !reason.isEmpty();
		switch (job.state) {
			case WAITING -> queue.removeWaiting(jobId);
			case DELAYED, RETRYING -> queue.delayed.remove(jobId);
			case ACTIVE -> {
				job.cancelledAt = now;
				if (hasReason) {
					job.cancelReason = reason;
				}
				return CancelOutcome.FLAGGED;
			}
			default -> {
				return CancelOutcome.NOT_CANCELLABLE;
			}
		}
		if (hasReason) {
			job.cancelReason = reason;
		}
		queue.finish(job, JobState.CANCELLED, now);
		queue.emit(WireEvent.CANCELLED, jobId, Map.of("reason", hasReason ? reason : ""));
		return CancelOutcome.CANCELLED;
	}

	static String reasonOf(MemoryJob job) {
		return (job.cancelReason != null) ? job.cancelReason : "";
	}

	private static MemoryJob lockedJob(MemoryTaskQueue queue, String jobId, String token) {
		MemoryJob job = queue.job(jobId);
		if (job == null || !job.isLockedBy(token, queue.clock.millis())) {
			throw new LockMismatchException(queue.task, jobId);
		}
		return job;
	}

}
