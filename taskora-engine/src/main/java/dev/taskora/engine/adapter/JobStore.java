package dev.taskora.engine.adapter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.taskora.engine.job.CancelOutcome;
import org.jspecify.annotations.Nullable;

/**
 * The transitions of a job's life: enqueue, claim, settle (ack, fail, nack), lock
 * extension and cancellation, plus the progress and log writes a running handler makes.
 * Each method is one atomic step; the settling calls can claim the next job in the same
 * round trip.
 */
public interface JobStore {

	/**
	 * Stores a new job in {@code waiting} (or {@code delayed} when
	 * {@link NewJob#delayMs()} &gt; 0). A job whose id is stored already is left as it
	 * is: an enqueue sent again after its reply was lost stores nothing twice.
	 */
	CompletableFuture<Void> enqueue(String task, NewJob job);

	/**
	 * Stores many new jobs of one task atomically, in order, skipping ids stored already.
	 */
	CompletableFuture<Void> enqueueBulk(String task, List<NewJob> jobs);

	/**
	 * Promotes due delayed jobs, then claims the next job (priority desc, timestamp asc),
	 * taking a lock with the request's token. Returns {@code null} when nothing is
	 * claimable now.
	 */
	CompletableFuture<@Nullable ClaimedJob> claim(String task, ClaimRequest request);

	/**
	 * Claims up to one job per request, each as {@link #claim} would, as one atomic step
	 * where the store can: due delayed jobs are promoted once, then the requests claim in
	 * order until one finds nothing claimable. Every request's options but its token must
	 * be those of the first (they are one worker's); each claimed job is locked with its
	 * own request's token.
	 * <p>
	 * A worker with several free slots (at start, in front of a full queue) fills them in
	 * one call instead of one call per slot. The default makes one {@code claim} call
	 * after another.
	 * @return the claimed jobs in claim order, the i-th with the i-th request's token;
	 * fewer than requested (none: an empty list) when fewer were claimable
	 */
	default CompletableFuture<List<ClaimedJob>> claimMany(String task, List<ClaimRequest> requests) {
		List<ClaimedJob> claimed = new ArrayList<>(requests.size());
		CompletableFuture<Boolean> chain = CompletableFuture.completedFuture(true);
		for (ClaimRequest request : requests) {
			chain = chain.thenCompose(
					more -> !more ? CompletableFuture.completedFuture(false) : claim(task, request).thenApply(job -> {
						if (job == null) {
							return false;
						}
						claimed.add(job);
						return true;
					}));
		}
		return chain.thenApply(done -> claimed);
	}

	/**
	 * Completes an active job and, when {@code next} is given, claims the next one in the
	 * same round trip. Fails with {@link LockMismatchException} when the token no longer
	 * holds the lock.
	 */
	CompletableFuture<Settlement> ack(String task, JobCompletion completion, @Nullable ClaimRequest next);

	/**
	 * Records a failed attempt: a retry ({@code retrying}, scheduled after the failure's
	 * delay) or a permanent failure; with {@code next}, claims the next job in the same
	 * round trip.
	 */
	CompletableFuture<Settlement> fail(String task, JobFailure failure, @Nullable ClaimRequest next);

	/**
	 * Settles several active jobs of one task and makes the claims their entries ask for,
	 * as one atomic step where the store can: every completion and failure first, in
	 * order, then the claims, so a slot freed in this call can be claimed by it. Each
	 * entry has the effects its own {@link #ack} or {@link #fail} would have; only the
	 * order of the events of different jobs may differ (all settlements, then all
	 * claims).
	 * <p>
	 * A worker running many jobs at once uses this to settle the jobs that finished while
	 * its previous call was in flight, instead of one call per job. The default makes one
	 * {@code ack}/{@code fail} call per entry.
	 * @return one settlement per entry, in order; {@code null} for an entry whose token
	 * no longer holds its job's lock (nothing was written for it and it claimed nothing,
	 * as {@link LockMismatchException} from {@code ack}/{@code fail} tells)
	 */
	default CompletableFuture<List<@Nullable Settlement>> settleMany(String task, List<SettleRequest> requests) {
		List<CompletableFuture<@Nullable Settlement>> calls = new ArrayList<>(requests.size());
		for (SettleRequest request : requests) {
			CompletableFuture<Settlement> call = (request.outcome() instanceof JobCompletion completion)
					? ack(task, completion, request.next())
					: fail(task, (JobFailure) request.outcome(), request.next());
			calls.add(call.<@Nullable Settlement>thenApply(settlement -> settlement).exceptionallyCompose(error -> {
				Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause()
						: error;
				return (cause instanceof LockMismatchException) ? CompletableFuture.completedFuture(null)
						: CompletableFuture.failedFuture(cause);
			}));
		}
		return CompletableFuture.allOf(calls.toArray(CompletableFuture<?>[]::new)).thenApply(done -> {
			List<@Nullable Settlement> settlements = new ArrayList<>(calls.size());
			calls.forEach(call -> settlements.add(call.join()));
			return settlements;
		});
	}

	/** Returns an active job to {@code waiting} without consuming an attempt. */
	CompletableFuture<Void> nack(String task, String jobId, String token);

	/** Extends an active job's lock and clears it from the stall candidates. */
	CompletableFuture<LockStatus> extendLock(String task, String jobId, String token, long ttlMs);

	/**
	 * Extends the locks of several active jobs of one task at once, as
	 * {@link #extendLock} does for each: a worker renews all its running jobs in one call
	 * so that it can renew often without a call per job. The default makes one
	 * {@code extendLock} call per entry.
	 * @return one status per entry, in order
	 */
	default CompletableFuture<List<LockStatus>> extendLocks(String task, List<HeldLock> locks, long ttlMs) {
		List<CompletableFuture<LockStatus>> calls = new ArrayList<>(locks.size());
		for (HeldLock lock : locks) {
			calls.add(extendLock(task, lock.jobId(), lock.token(), ttlMs));
		}
		return CompletableFuture.allOf(calls.toArray(CompletableFuture<?>[]::new))
			.thenApply(done -> calls.stream().map(CompletableFuture::join).toList());
	}

	/**
	 * A lock a worker holds: the job and the token it was claimed with.
	 *
	 * @param jobId the job
	 * @param token the claim's token
	 */
	record HeldLock(String jobId, String token) {
	}

	/**
	 * Cancels a job: waiting, delayed and retrying jobs at once; an active job is flagged
	 * and its worker told (see {@link EventFeed#subscribeCancellations}).
	 */
	CompletableFuture<CancelOutcome> cancel(String task, String jobId, @Nullable String reason, long now);

	/** Moves a flagged active job to {@code cancelled} once its handler has stopped. */
	CompletableFuture<Void> finishCancel(String task, String jobId, String token, long now);

	/**
	 * Stores progress (a number as a decimal string, an object as JSON) and emits a
	 * progress event. Fire-and-forget from the handler's point of view.
	 */
	CompletableFuture<Void> setProgress(String task, String jobId, String value);

	/** Appends one JSON log entry to the job's log (capped at 10,000 entries). */
	CompletableFuture<Void> appendLog(String task, String jobId, String entryJson);

}
