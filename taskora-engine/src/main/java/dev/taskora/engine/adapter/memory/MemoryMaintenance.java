package dev.taskora.engine.adapter.memory;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.Maintenance;
import dev.taskora.engine.adapter.StallSweep;

/** Stall sweeps, retention, cleaning and dead-letter retries of the memory adapter. */
final class MemoryMaintenance implements Maintenance {

	private final MemoryStore store;

	MemoryMaintenance(MemoryStore store) {
		this.store = store;
	}

	@Override
	public CompletableFuture<StallSweep> checkStalled(String task, int maxStalledCount, long now) {
		return this.store.transition(task, (queue) -> MemoryStallSweeper.sweep(queue, maxStalledCount, now));
	}

	@Override
	public CompletableFuture<Integer> trim(String task, JobState state, long cutoff, int maxItems) {
		Objects.requireNonNull(state, "state must not be null");
		if (!state.isTerminal()) {
			throw new IllegalArgumentException("state must be a finished state to trim, was " + state);
		}
		return this.store.transition(task, (queue) -> queue.trim(state, cutoff, maxItems));
	}

	@Override
	public CompletableFuture<Boolean> retry(String task, String jobId, JobState from, long now) {
		if (from != JobState.FAILED && from != JobState.CANCELLED) {
			throw new IllegalArgumentException("from must be FAILED or CANCELLED, was " + from);
		}
		return this.store.transition(task, (queue) -> MemoryRevival.revive(queue, jobId, from, now));
	}

	@Override
	public CompletableFuture<Integer> retryFailedBatch(String task, long failedUpTo, int limit, long now) {
		return this.store.transition(task, (queue) -> MemoryRevival.reviveFailed(queue, failedUpTo, limit, now));
	}

	@Override
	public CompletableFuture<Integer> clean(String task, JobState state, long cutoff, int limit) {
		Objects.requireNonNull(state, "state must not be null");
		if (!state.isTerminal()) {
			throw new IllegalArgumentException("state must be a finished state to clean, was " + state);
		}
		return this.store.transition(task, (queue) -> queue.clean(state, cutoff, limit));
	}

}
