package dev.taskora.engine.adapter;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.taskora.engine.JobState;
import org.jspecify.annotations.Nullable;

/**
 * Storage for jobs. Every method that changes state is one atomic transition (one Lua script on
 * Redis, one lock-held section in memory); the engine never composes two of them into one logical
 * step that could be seen half-done.
 * <p>
 * Times are epoch milliseconds taken from {@link #clock()} by the caller and passed in, as taskora's
 * scripts take the client's "now". Payloads ({@code data}, {@code result}) are already serialized
 * strings; the adapter never interprets them.
 * <p>
 * Threads: returned futures may complete on the store's I/O threads (Lettuce's event loop on
 * Redis). The engine's stages on them never block and never take a lock that is held while waiting
 * for the store; adapters likewise never hold a lock that such a stage needs while they connect or
 * wait. {@link #connect()} itself must not block, and {@link #subscribe} does not block once
 * {@code connect()} has completed. A failure to reach the store is a
 * {@link StoreUnavailableException}; the adapter logs an outage itself.
 * <p>
 * The interface grows by capability (flow control, collect, schedules, workflows, inspector, DLQ,
 * migrations); each capability adds methods here and records in this package, never reshapes the
 * core transitions below.
 */
public interface Adapter {

	/**
	 * The clock whose time the engine passes to every transition. The memory adapter lets tests
	 * supply a virtual clock; Redis uses the system clock.
	 */
	default Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * Connects and verifies that the storage can be shared with this build (the wire-format
	 * handshake on Redis). Idempotent; fails with
	 * {@link dev.taskora.engine.SchemaVersionMismatchException} on an incompatible store.
	 */
	CompletableFuture<Void> connect();

	/** Releases every connection, thread and subscription this adapter opened. Idempotent. */
	CompletableFuture<Void> disconnect();

	// ---- enqueue

	/** Stores a new job in {@code waiting} (or {@code delayed} when {@link NewJob#delayMs()} &gt; 0). */
	CompletableFuture<Void> enqueue(String task, NewJob job);

	/** Stores many new jobs of one task atomically, in order. */
	CompletableFuture<Void> enqueueBulk(String task, List<NewJob> jobs);

	// ---- worker transitions

	/**
	 * Promotes due delayed jobs, then claims the next job (priority desc, timestamp asc), taking a
	 * lock with the request's token. Returns {@code null} when nothing is claimable now.
	 */
	CompletableFuture<@Nullable ClaimedJob> claim(String task, ClaimRequest request);

	/**
	 * Completes an active job and, when {@code next} is given, claims the next one in the same
	 * round trip. Fails with {@link LockMismatchException} when the token no longer holds the lock.
	 */
	CompletableFuture<Settlement> ack(String task, JobCompletion completion, @Nullable ClaimRequest next);

	/**
	 * Records a failed attempt: a retry ({@code retrying}, scheduled after the failure's delay) or a
	 * permanent failure; with {@code next}, claims the next job in the same round trip.
	 */
	CompletableFuture<Settlement> fail(String task, JobFailure failure, @Nullable ClaimRequest next);

	/** Returns an active job to {@code waiting} without consuming an attempt. */
	CompletableFuture<Void> nack(String task, String jobId, String token);

	/** Extends an active job's lock and clears it from the stall candidates. */
	CompletableFuture<LockStatus> extendLock(String task, String jobId, String token, long ttlMs);

	/**
	 * Cancels a job: waiting, delayed and retrying jobs at once; an active job is flagged and its
	 * worker told (see {@link #subscribeCancellations}).
	 */
	CompletableFuture<CancelOutcome> cancel(String task, String jobId, @Nullable String reason, long now);

	/** Moves a flagged active job to {@code cancelled} once its handler has stopped. */
	CompletableFuture<Void> finishCancel(String task, String jobId, String token, long now);

	/**
	 * One two-phase stall sweep: jobs that were candidates at the previous sweep and whose lock has
	 * expired are recovered (re-queued) or failed; every active job becomes a candidate for the next.
	 */
	CompletableFuture<StallSweep> checkStalled(String task, int maxStalledCount, long now);

	/**
	 * Deletes finished jobs of one terminal state older than {@code cutoff} (when &gt; 0) and beyond
	 * the newest {@code maxItems} (when &gt; 0), at most 100 per call. Returns how many were removed.
	 */
	CompletableFuture<Integer> trim(String task, JobState state, long cutoff, int maxItems);

	/**
	 * Moves a failed job back to {@code waiting} with its attempts reset. Returns {@code false} when
	 * the job is not in the failed set.
	 */
	CompletableFuture<Boolean> retryFailed(String task, String jobId, long now);

	// ---- progress and logs (fire-and-forget from the handler's point of view)

	/** Stores progress (a number as a decimal string, an object as JSON) and emits a progress event. */
	CompletableFuture<Void> setProgress(String task, String jobId, String value);

	/** Appends one JSON log entry to the job's log (capped at 10,000 entries). */
	CompletableFuture<Void> appendLog(String task, String jobId, String entryJson);

	// ---- reads

	/** The stored job, or {@code null} if it does not exist (never existed, or trimmed). */
	CompletableFuture<@Nullable JobRecord> findJob(String task, String jobId);

	/** The job's state only, or {@code null} if it does not exist. */
	CompletableFuture<@Nullable JobState> state(String task, String jobId);

	/** The job's JSON log entries, oldest first. */
	CompletableFuture<List<String>> logs(String task, String jobId);

	/** How many jobs of the task are in each state. Every state is present in the map. */
	CompletableFuture<Map<JobState, Long>> countByState(String task);

	/** When the task's earliest delayed (or retrying) job becomes due, or {@code null} if none. */
	CompletableFuture<@Nullable Long> nextDelayedAt(String task);

	// ---- waking, events, cancel notices

	/**
	 * A blocking wait for work on one task, owned by one worker (a dedicated connection on Redis).
	 */
	WorkWaiter workWaiter(String task);

	/**
	 * Starts delivering lifecycle events to {@code sink} for every task the subscription watches,
	 * from this process and from any other sharing the store.
	 */
	EventSubscription subscribe(Consumer<AdapterEvent> sink);

	/** Calls {@code listener} with the job id whenever an active job of {@code task} is cancelled. */
	Registration subscribeCancellations(String task, Consumer<String> listener);

}
