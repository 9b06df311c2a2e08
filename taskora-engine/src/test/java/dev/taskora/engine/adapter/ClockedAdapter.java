package dev.taskora.engine.adapter;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.taskora.engine.JobState;
import dev.taskora.engine.event.Registration;
import dev.taskora.engine.job.CancelOutcome;
import org.jspecify.annotations.Nullable;

/**
 * Runs any adapter under another clock. Every transition takes "now" from its caller, so a
 * virtual clock here makes delays, backoff and promotion exact on Redis as well as in memory.
 */
final class ClockedAdapter implements Adapter {

	private final Adapter delegate;

	private final Clock clock;

	ClockedAdapter(Adapter delegate, Clock clock) {
		this.delegate = delegate;
		this.clock = clock;
	}

	@Override
	public Clock clock() {
		return this.clock;
	}

	@Override
	public CompletableFuture<Void> connect() {
		return this.delegate.connect();
	}

	@Override
	public CompletableFuture<Void> disconnect() {
		return this.delegate.disconnect();
	}

	@Override
	public CompletableFuture<Void> enqueue(String task, NewJob job) {
		return this.delegate.enqueue(task, job);
	}

	@Override
	public CompletableFuture<Void> enqueueBulk(String task, List<NewJob> jobs) {
		return this.delegate.enqueueBulk(task, jobs);
	}

	@Override
	public CompletableFuture<@Nullable ClaimedJob> claim(String task, ClaimRequest request) {
		return this.delegate.claim(task, request);
	}

	@Override
	public CompletableFuture<Settlement> ack(String task, JobCompletion completion, @Nullable ClaimRequest next) {
		return this.delegate.ack(task, completion, next);
	}

	@Override
	public CompletableFuture<Settlement> fail(String task, JobFailure failure, @Nullable ClaimRequest next) {
		return this.delegate.fail(task, failure, next);
	}

	@Override
	public CompletableFuture<Void> nack(String task, String jobId, String token) {
		return this.delegate.nack(task, jobId, token);
	}

	@Override
	public CompletableFuture<LockStatus> extendLock(String task, String jobId, String token, long ttlMs) {
		return this.delegate.extendLock(task, jobId, token, ttlMs);
	}

	@Override
	public CompletableFuture<CancelOutcome> cancel(String task, String jobId, @Nullable String reason, long now) {
		return this.delegate.cancel(task, jobId, reason, now);
	}

	@Override
	public CompletableFuture<Void> finishCancel(String task, String jobId, String token, long now) {
		return this.delegate.finishCancel(task, jobId, token, now);
	}

	@Override
	public CompletableFuture<StallSweep> checkStalled(String task, int maxStalledCount, long now) {
		return this.delegate.checkStalled(task, maxStalledCount, now);
	}

	@Override
	public CompletableFuture<Integer> trim(String task, JobState state, long cutoff, int maxItems) {
		return this.delegate.trim(task, state, cutoff, maxItems);
	}

	@Override
	public CompletableFuture<Boolean> retryFailed(String task, String jobId, long now) {
		return this.delegate.retryFailed(task, jobId, now);
	}

	@Override
	public CompletableFuture<Void> setProgress(String task, String jobId, String value) {
		return this.delegate.setProgress(task, jobId, value);
	}

	@Override
	public CompletableFuture<Void> appendLog(String task, String jobId, String entryJson) {
		return this.delegate.appendLog(task, jobId, entryJson);
	}

	@Override
	public CompletableFuture<@Nullable JobRecord> findJob(String task, String jobId) {
		return this.delegate.findJob(task, jobId);
	}

	@Override
	public CompletableFuture<@Nullable JobState> state(String task, String jobId) {
		return this.delegate.state(task, jobId);
	}

	@Override
	public CompletableFuture<List<String>> logs(String task, String jobId) {
		return this.delegate.logs(task, jobId);
	}

	@Override
	public CompletableFuture<Map<JobState, Long>> countByState(String task) {
		return this.delegate.countByState(task);
	}

	@Override
	public CompletableFuture<@Nullable Long> nextDelayedAt(String task) {
		return this.delegate.nextDelayedAt(task);
	}

	@Override
	public WorkWaiter workWaiter(String task) {
		return this.delegate.workWaiter(task);
	}

	@Override
	public EventSubscription subscribe(Consumer<AdapterEvent> sink) {
		return this.delegate.subscribe(sink);
	}

	@Override
	public Registration subscribeCancellations(String task, Consumer<String> listener) {
		return this.delegate.subscribeCancellations(task, listener);
	}

}
