package dev.taskora.engine.adapter.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.JobStore;
import dev.taskora.engine.adapter.LockStatus;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.Settlement;
import dev.taskora.engine.job.CancelOutcome;
import org.jspecify.annotations.Nullable;

/** The job transitions of the memory adapter, each one section under the store lock. */
final class MemoryJobStore implements JobStore {

	private final MemoryStore store;

	MemoryJobStore(MemoryStore store) {
		this.store = store;
	}

	@Override
	public CompletableFuture<Void> enqueue(String task, NewJob job) {
		Objects.requireNonNull(job, "job must not be null");
		return enqueueBulk(task, List.of(job));
	}

	@Override
	public CompletableFuture<Void> enqueueBulk(String task, List<NewJob> jobs) {
		List<NewJob> batch = List.copyOf(Objects.requireNonNull(jobs, "jobs must not be null"));
		return this.store.update(task, (queue) -> {
			for (NewJob job : batch) {
				if (queue.job(job.id()) == null) {
					queue.enqueue(job);
				}
			}
		});
	}

	@Override
	public CompletableFuture<@Nullable ClaimedJob> claim(String task, ClaimRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		return this.store.transition(task, (queue) -> MemoryClaimer.claim(queue, request));
	}

	@Override
	public CompletableFuture<List<ClaimedJob>> claimMany(String task, List<ClaimRequest> requests) {
		List<ClaimRequest> batch = List.copyOf(Objects.requireNonNull(requests, "requests must not be null"));
		return this.store.transition(task, (queue) -> {
			List<ClaimedJob> claimed = new ArrayList<>(batch.size());
			for (ClaimRequest request : batch) {
				ClaimedJob job = MemoryClaimer.claim(queue, request);
				if (job == null) {
					break;
				}
				claimed.add(job);
			}
			return claimed;
		});
	}

	@Override
	public CompletableFuture<Settlement> ack(String task, JobCompletion completion, @Nullable ClaimRequest next) {
		Objects.requireNonNull(completion, "completion must not be null");
		return this.store.transition(task, (queue) -> {
			MemoryJob job = MemorySettler.ack(queue, completion);
			return new Settlement(job.workflowId, job.workflowNode, claimNext(queue, next));
		});
	}

	@Override
	public CompletableFuture<Settlement> fail(String task, JobFailure failure, @Nullable ClaimRequest next) {
		Objects.requireNonNull(failure, "failure must not be null");
		return this.store.transition(task, (queue) -> {
			MemoryJob job = MemorySettler.fail(queue, failure);
			// A workflow hears about a job only once it is final.
			boolean permanent = !failure.willRetry();
			return new Settlement(permanent ? job.workflowId : null, permanent ? job.workflowNode : -1,
					claimNext(queue, next));
		});
	}

	@Override
	public CompletableFuture<Void> nack(String task, String jobId, String token) {
		return this.store.update(task, (queue) -> {
			MemorySettler.nack(queue, jobId, token);
		});
	}

	@Override
	public CompletableFuture<LockStatus> extendLock(String task, String jobId, String token, long ttlMs) {
		return this.store.transition(task, (queue) -> MemorySettler.extendLock(queue, jobId, token, ttlMs));
	}

	@Override
	public CompletableFuture<CancelOutcome> cancel(String task, String jobId, @Nullable String reason, long now) {
		CompletableFuture<CancelOutcome> outcome = this.store.transition(task,
				(queue) -> MemorySettler.cancel(queue, jobId, reason, now));
		// Told outside the lock (as PUBLISH reaches subscribers after the script), so a
		// listener may call back into the adapter.
		if (outcome.getNow(null) == CancelOutcome.FLAGGED) {
			this.store.cancelNotices.publish(task, jobId);
		}
		return outcome;
	}

	@Override
	public CompletableFuture<Void> finishCancel(String task, String jobId, String token, long now) {
		return this.store.update(task, (queue) -> {
			MemorySettler.finishCancel(queue, jobId, token, now);
		});
	}

	@Override
	public CompletableFuture<Void> setProgress(String task, String jobId, String value) {
		Objects.requireNonNull(value, "value must not be null");
		return this.store.update(task, (queue) -> {
			queue.setProgress(jobId, value);
		});
	}

	@Override
	public CompletableFuture<Void> appendLog(String task, String jobId, String entryJson) {
		Objects.requireNonNull(entryJson, "entryJson must not be null");
		return this.store.update(task, (queue) -> {
			queue.appendLog(jobId, entryJson);
		});
	}

	private static @Nullable ClaimedJob claimNext(MemoryTaskQueue queue, @Nullable ClaimRequest next) {
		return (next != null) ? MemoryClaimer.claim(queue, next) : null;
	}

}
