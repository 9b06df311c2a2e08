package dev.taskora.engine.adapter.memory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.CancelOutcome;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.EventSubscription;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.LockStatus;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.Registration;
import dev.taskora.engine.adapter.Settlement;
import dev.taskora.engine.adapter.StallSweep;
import dev.taskora.engine.adapter.WorkWaiter;
import org.jspecify.annotations.Nullable;

/**
 * An {@link Adapter} that keeps every job in this JVM, with exactly the semantics of taskora's
 * Redis scripts: the same states, claim order, events, stall, TTL, singleton and concurrency-key
 * rules. Each transition is one section under a single lock, and every future it returns is
 * already complete.
 * <p>
 * For tests, give it a virtual clock and call {@link #wakeUp()} after moving the clock, so that
 * blocked workers notice jobs that became due:
 * <pre>{@code
 * VirtualClock clock = new VirtualClock();
 * MemoryAdapter adapter = MemoryAdapter.create(clock);
 * clock.advance(Duration.ofMinutes(5));
 * adapter.wakeUp();
 * }</pre>
 */
public final class MemoryAdapter implements Adapter {

	private final Clock clock;

	private final ReentrantLock lock = new ReentrantLock();

	/** Guarded by {@link #lock}; queues are never removed, so waiters keep theirs. */
	private final Map<String, MemoryTaskQueue> queues = new HashMap<>();

	private final MemoryEventBus events = new MemoryEventBus();

	private final CancelNotices cancelNotices = new CancelNotices();

	private MemoryAdapter(Clock clock) {
		this.clock = clock;
	}

	/** An adapter on the system UTC clock. */
	public static MemoryAdapter create() {
		return create(Clock.systemUTC());
	}

	/** An adapter on the given clock, which times lock expiry and due-time waits. */
	public static MemoryAdapter create(Clock clock) {
		return new MemoryAdapter(Objects.requireNonNull(clock, "clock must not be null"));
	}

	@Override
	public Clock clock() {
		return this.clock;
	}

	/** Nothing to connect to: completes at once. */
	@Override
	public CompletableFuture<Void> connect() {
		return CompletableFuture.completedFuture(null);
	}

	/** Stops event delivery, drops every subscription and cancel listener, and wakes every waiter. */
	@Override
	public CompletableFuture<Void> disconnect() {
		this.events.shutdown();
		this.cancelNotices.clear();
		wakeUp();
		return CompletableFuture.completedFuture(null);
	}

	/**
	 * Wakes every blocked {@link WorkWaiter} of every task, so that it claims again. A harness with
	 * a virtual clock calls this after advancing the clock.
	 */
	public void wakeUp() {
		this.lock.lock();
		try {
			this.queues.values().forEach(MemoryTaskQueue::wakeAll);
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Deletes every job of every task and drops events not yet delivered; subscriptions, listeners
	 * and waiters stay. Returns once an event that was being delivered has been handed over, so no
	 * event of a deleted job arrives later. For test runners, between tests.
	 */
	public void clear() {
		CompletableFuture<Void> discarded;
		this.lock.lock();
		try {
			this.queues.values().forEach(MemoryTaskQueue::clear);
			discarded = this.events.discardPending();
		}
		finally {
			this.lock.unlock();
		}
		// Outside the store lock: the delivery being waited for may call back into the store. Its
		// sinks only queue events, so the bound is a safety net.
		discarded.completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
	}

	/** Every stored job of every task, in no particular order (for test harnesses and inspection). */
	public List<JobRecord> jobs() {
		this.lock.lock();
		try {
			List<JobRecord> records = new ArrayList<>();
			for (MemoryTaskQueue queue : this.queues.values()) {
				queue.jobs.values().forEach((job) -> records.add(job.toRecord()));
			}
			return records;
		}
		finally {
			this.lock.unlock();
		}
	}

	// ---- enqueue

	@Override
	public CompletableFuture<Void> enqueue(String task, NewJob job) {
		Objects.requireNonNull(job, "job must not be null");
		return enqueueBulk(task, List.of(job));
	}

	@Override
	public CompletableFuture<Void> enqueueBulk(String task, List<NewJob> jobs) {
		List<NewJob> batch = List.copyOf(Objects.requireNonNull(jobs, "jobs must not be null"));
		return transition(task, (queue) -> {
			// Check every id first so that a rejected batch stores nothing.
			Set<String> ids = new HashSet<>();
			for (NewJob job : batch) {
				if (!ids.add(job.id()) || queue.job(job.id()) != null) {
					throw new IllegalArgumentException(
							"Job id '" + job.id() + "' already exists in task '" + task + "'");
				}
			}
			batch.forEach(queue::enqueue);
			return null;
		});
	}

	// ---- worker transitions

	@Override
	public CompletableFuture<@Nullable ClaimedJob> claim(String task, ClaimRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		return transition(task, (queue) -> MemoryClaimer.claim(queue, request));
	}

	@Override
	public CompletableFuture<Settlement> ack(String task, JobCompletion completion, @Nullable ClaimRequest next) {
		Objects.requireNonNull(completion, "completion must not be null");
		return transition(task, (queue) -> {
			MemoryJob job = MemorySettler.ack(queue, completion);
			return new Settlement(job.workflowId, job.workflowNode, claimNext(queue, next));
		});
	}

	@Override
	public CompletableFuture<Settlement> fail(String task, JobFailure failure, @Nullable ClaimRequest next) {
		Objects.requireNonNull(failure, "failure must not be null");
		return transition(task, (queue) -> {
			MemoryJob job = MemorySettler.fail(queue, failure);
			// A workflow hears about a job only once it is final.
			boolean permanent = !failure.willRetry();
			return new Settlement(permanent ? job.workflowId : null, permanent ? job.workflowNode : -1,
					claimNext(queue, next));
		});
	}

	@Override
	public CompletableFuture<Void> nack(String task, String jobId, String token) {
		return transition(task, (queue) -> {
			MemorySettler.nack(queue, jobId, token);
			return null;
		});
	}

	@Override
	public CompletableFuture<LockStatus> extendLock(String task, String jobId, String token, long ttlMs) {
		return transition(task, (queue) -> MemorySettler.extendLock(queue, jobId, token, ttlMs));
	}

	@Override
	public CompletableFuture<CancelOutcome> cancel(String task, String jobId, @Nullable String reason, long now) {
		CompletableFuture<CancelOutcome> outcome = transition(task,
				(queue) -> MemorySettler.cancel(queue, jobId, reason, now));
		// Told outside the lock (as PUBLISH reaches subscribers after the script), so a listener may
		// call back into the adapter.
		if (outcome.getNow(null) == CancelOutcome.FLAGGED) {
			this.cancelNotices.publish(task, jobId);
		}
		return outcome;
	}

	@Override
	public CompletableFuture<Void> finishCancel(String task, String jobId, String token, long now) {
		return transition(task, (queue) -> {
			MemorySettler.finishCancel(queue, jobId, token, now);
			return null;
		});
	}

	@Override
	public CompletableFuture<StallSweep> checkStalled(String task, int maxStalledCount, long now) {
		return transition(task, (queue) -> MemoryStallSweeper.sweep(queue, maxStalledCount, now));
	}

	@Override
	public CompletableFuture<Integer> trim(String task, JobState state, long cutoff, int maxItems) {
		Objects.requireNonNull(state, "state must not be null");
		if (!state.isTerminal()) {
			throw new IllegalArgumentException("state must be a finished state to trim, was " + state);
		}
		return transition(task, (queue) -> queue.trim(state, cutoff, maxItems));
	}

	@Override
	public CompletableFuture<Boolean> retryFailed(String task, String jobId, long now) {
		return transition(task, (queue) -> queue.retryFailed(jobId, now));
	}

	// ---- progress and logs

	@Override
	public CompletableFuture<Void> setProgress(String task, String jobId, String value) {
		Objects.requireNonNull(value, "value must not be null");
		return transition(task, (queue) -> {
			queue.setProgress(jobId, value);
			return null;
		});
	}

	@Override
	public CompletableFuture<Void> appendLog(String task, String jobId, String entryJson) {
		Objects.requireNonNull(entryJson, "entryJson must not be null");
		return transition(task, (queue) -> {
			queue.appendLog(jobId, entryJson);
			return null;
		});
	}

	// ---- reads

	@Override
	public CompletableFuture<@Nullable JobRecord> findJob(String task, String jobId) {
		return read(task, (queue) -> {
			MemoryJob job = queue.job(jobId);
			return (job != null) ? job.toRecord() : null;
		}, null);
	}

	@Override
	public CompletableFuture<@Nullable JobState> state(String task, String jobId) {
		return read(task, (queue) -> {
			MemoryJob job = queue.job(jobId);
			return (job != null) ? job.state : null;
		}, null);
	}

	@Override
	public CompletableFuture<List<String>> logs(String task, String jobId) {
		return read(task, (queue) -> {
			MemoryJob job = queue.job(jobId);
			return (job != null) ? job.logs() : List.of();
		}, List.of());
	}

	/** RETRYING is always 0: retrying jobs wait in the delayed set and count as DELAYED. */
	@Override
	public CompletableFuture<Map<JobState, Long>> countByState(String task) {
		return transition(task, MemoryTaskQueue::counts);
	}

	@Override
	public CompletableFuture<@Nullable Long> nextDelayedAt(String task) {
		return read(task, MemoryTaskQueue::nextDelayedAt, null);
	}

	// ---- waking, events, cancel notices

	@Override
	public WorkWaiter workWaiter(String task) {
		this.lock.lock();
		try {
			return new MemoryWorkWaiter(this.lock, queue(task));
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Events are delivered on the {@code taskora-memory-events} daemon thread, in order. */
	@Override
	public EventSubscription subscribe(Consumer<AdapterEvent> sink) {
		return this.events.subscribe(Objects.requireNonNull(sink, "sink must not be null"));
	}

	/** The listener runs on the thread that called {@link #cancel}, after the store lock is released. */
	@Override
	public Registration subscribeCancellations(String task, Consumer<String> listener) {
		return this.cancelNotices.subscribe(task, listener);
	}

	// ---- plumbing

	private static @Nullable ClaimedJob claimNext(MemoryTaskQueue queue, @Nullable ClaimRequest next) {
		return (next != null) ? MemoryClaimer.claim(queue, next) : null;
	}

	/** Runs one transition under the lock; an exception becomes a failed future. */
	private <T> CompletableFuture<T> transition(String task, Function<MemoryTaskQueue, @Nullable T> body) {
		Objects.requireNonNull(task, "task must not be null");
		this.lock.lock();
		try {
			return CompletableFuture.completedFuture(body.apply(queue(task)));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
		finally {
			this.lock.unlock();
		}
	}

	/** A read that does not create the task's queue; {@code absent} when the task has none. */
	private <T> CompletableFuture<T> read(String task, Function<MemoryTaskQueue, @Nullable T> body,
			@Nullable T absent) {
		Objects.requireNonNull(task, "task must not be null");
		this.lock.lock();
		try {
			MemoryTaskQueue queue = this.queues.get(task);
			return CompletableFuture.completedFuture((queue != null) ? body.apply(queue) : absent);
		}
		finally {
			this.lock.unlock();
		}
	}

	private MemoryTaskQueue queue(String task) {
		return this.queues.computeIfAbsent(task,
				(name) -> new MemoryTaskQueue(name, this.clock, this.lock.newCondition(), this.events::publish));
	}

	@Override
	public String toString() {
		return "MemoryAdapter[clock=" + this.clock + "]";
	}

}
