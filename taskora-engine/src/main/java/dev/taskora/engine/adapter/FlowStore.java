package dev.taskora.engine.adapter;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;
import org.jspecify.annotations.Nullable;

/**
 * Flow control: dispatches that store a job only under a rule (debounce, throttle,
 * deduplicate), and the collect buffers that fold single dispatches into batches. Each
 * write is one atomic transition, like the core ones; keys are scoped to the task, as
 * taskora's {@code <base>:debounce:<key>}, {@code :throttle:<key>}, {@code :dedup:<key>}
 * and {@code :collect:<key>:*} are.
 * <p>
 * Claiming a collect job drains its buffer into the job's data ({@link JobStore}'s claim
 * does it, as taskora's MOVE_TO_ACTIVE does), so a buffered item is either in the buffer
 * or in exactly one job.
 */
public interface FlowStore {

	/**
	 * Stores {@code job} delayed by its {@link NewJob#delayMs()} (the debounce window,
	 * &gt; 0) and makes it the key's pending job. The key's previous job is deleted if it
	 * is still delayed (an event {@code debounced} with field {@code replacedBy} says
	 * so); one that already left the delayed set runs as it is. The key lapses after
	 * twice the window.
	 */
	CompletableFuture<Void> debounce(String task, NewJob job, String key);

	/**
	 * Stores {@code job} unless {@code max} jobs were already admitted under {@code key}
	 * in the current fixed window of {@code windowMs}, which starts with its first
	 * admission.
	 */
	CompletableFuture<Admission> throttle(String task, NewJob job, String key, int max, long windowMs);

	/**
	 * Stores {@code job} and makes it the holder of {@code key}, unless the key's current
	 * holder is in one of {@code blockingStates}; then nothing is written and the
	 * holder's id is returned. The key is released when its holder completes, fails for
	 * good or is cancelled.
	 */
	CompletableFuture<Admission> deduplicate(String task, NewJob job, String key, Set<JobState> blockingStates);

	/**
	 * Adds one item to the buffer of its key: it flushes at once into a waiting job when
	 * it reaches the push's {@code maxSize}, otherwise a delayed flush job (a sentinel,
	 * replaced by each push) is due at {@code min(now + delay, firstAt + maxWait)}.
	 */
	CompletableFuture<CollectPushed> collect(String task, CollectPush push);

	/**
	 * The buffered items of the key, oldest first, as stored; empty when there is no
	 * buffer.
	 */
	CompletableFuture<List<String>> peekCollect(String task, String key);

	/**
	 * How many items the key's buffer holds and when the oldest and newest came, or
	 * {@code null}.
	 */
	CompletableFuture<@Nullable CollectBuffer> inspectCollect(String task, String key);

}
