package dev.taskora.engine.adapter.memory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.function.Consumer;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.WireEvent;
import org.jspecify.annotations.Nullable;

/**
 * One task's keys, held in memory: the job hashes, {@code :wait} (a list),
 * {@code :prioritized}, {@code :delayed}, {@code :active}, the finished sets,
 * {@code :stalled}, the concurrency counters and the flow-control keys. Holds the
 * primitives the transitions are built from; every method runs with the store lock held.
 */
final class MemoryTaskQueue {

	/** The batch limit of taskora's scripts (promotion, claim tries, trim). */
	static final int BATCH = 100;

	final String task;

	final Clock clock;

	final Map<String, MemoryJob> jobs = new HashMap<>();

	/** Priority-0 jobs: pushed at the head, claimed from the tail, so FIFO. */
	final ArrayDeque<String> wait = new ArrayDeque<>();

	/** Jobs with priority &gt; 0, scored {@code -(priority × 1e13) + ts}. */
	final ScoredSet prioritized = new ScoredSet();

	/** Delayed and retrying jobs, scored by their run-at time. */
	final ScoredSet delayed = new ScoredSet();

	/** Claimed job ids, newest at the head. */
	final ArrayDeque<String> active = new ArrayDeque<>();

	/** Stall candidates from the previous sweep. */
	final Set<String> stalled = new LinkedHashSet<>();

	/** The per-minute completed and failed counters. */
	final MemoryThroughput throughput = new MemoryThroughput();

	private final Map<JobState, ScoredSet> finished = new EnumMap<>(JobState.class);

	private final Map<String, Long> concurrency = new HashMap<>();

	/** Debounce, throttle and dedup keys and collect buffers of the task. */
	final MemoryFlowState flow;

	private final Condition changed;

	private final Consumer<AdapterEvent> events;

	/**
	 * Whether a claim may succeed now: taskora's marker at score 0. Set by whatever may
	 * make a job claimable, reset by a claim that found nothing it could take, so jobs
	 * held back by a singleton or a full concurrency group never make a waiter spin.
	 */
	private boolean workHint;

	/**
	 * When a claim that ran out of candidates should look again (adapter-clock ms), 0 for
	 * never.
	 */
	private long recheckAt;

	/** Bumped by {@link #wakeAll()}; a waiter returns when it changes. */
	private long wakeGeneration;

	MemoryTaskQueue(String task, Clock clock, Condition changed, Consumer<AdapterEvent> events) {
		this.task = task;
		this.clock = clock;
		this.changed = changed;
		this.events = events;
		this.flow = new MemoryFlowState(clock);
		for (JobState state : JobState.values()) {
			if (state.isTerminal()) {
				this.finished.put(state, new ScoredSet());
			}
		}
	}

	// ---- jobs

	@Nullable MemoryJob job(String id) {
		return this.jobs.get(id);
	}

	/** ENQUEUE / ENQUEUE_DELAYED for one job whose id is known to be free. */
	void enqueue(NewJob newJob) {
		enqueue(newJob, null);
	}

	/** ENQUEUE / ENQUEUE_DELAYED, the job holding {@code dedupKey} when one is given. */
	void enqueue(NewJob newJob, @Nullable String dedupKey) {
		MemoryJob job = new MemoryJob(this.task, newJob);
		job.dedupKey = dedupKey;
		this.jobs.put(job.id, job);
		if (job.state == JobState.DELAYED) {
			schedule(job, job.timestamp + job.delayMs);
			emit(WireEvent.DELAYED, job.id);
		}
		else {
			pushWaiting(job, job.timestamp);
			signalWork();
			emit(WireEvent.WAITING, job.id);
		}
	}

	// ---- waiting

	/**
	 * "Requeue by priority": head of {@code :wait}, or prioritized scored with
	 * {@code time}.
	 */
	void pushWaiting(MemoryJob job, long time) {
		job.state = JobState.WAITING;
		if (job.priority <= 0) {
			this.wait.addFirst(job.id);
		}
		else {
			this.prioritized.add(job.id, job.waitScore(time));
		}
	}

	boolean removeWaiting(String id) {
		return this.wait.removeFirstOccurrence(id) || this.prioritized.remove(id);
	}

	boolean hasWaiting() {
		return !this.wait.isEmpty() || !this.prioritized.isEmpty();
	}

	// ---- delayed

	void schedule(MemoryJob job, long runAt) {
		this.delayed.add(job.id, runAt);
		// A waiter may be sleeping until a later due time; let it recompute.
		this.changed.signalAll();
	}

	@Nullable Long nextDelayedAt() {
		Double score = this.delayed.minScore();
		return (score != null) ? (long) score.doubleValue() : null;
	}

	// ---- active and concurrency

	/** Whether the job's concurrency group has room; takes a slot when it has. */
	boolean acquireConcurrency(MemoryJob job) {
		if (!hasRoom(job)) {
			return false;
		}
		if (job.concurrencyKey != null && job.concurrencyLimit > 0) {
			this.concurrency.merge(job.concurrencyKey, 1L, Long::sum);
		}
		return true;
	}

	boolean hasRoom(MemoryJob job) {
		if (job.concurrencyKey == null || job.concurrencyLimit <= 0) {
			return true;
		}
		return this.concurrency.getOrDefault(job.concurrencyKey, 0L) < job.concurrencyLimit;
	}

	/**
	 * Takes the job out of {@code :active}: drops its lock and its stall candidacy,
	 * releases its concurrency slot, and wakes waiters that a singleton or a full group
	 * held back.
	 */
	void leaveActive(MemoryJob job) {
		this.active.removeFirstOccurrence(job.id);
		this.stalled.remove(job.id);
		job.unlock();
		if (job.concurrencyKey != null) {
			// Redis DECRs even when the limit was 0 and no slot was taken; the counter
			// never goes below 0.
			long left = this.concurrency.getOrDefault(job.concurrencyKey, 0L) - 1;
			if (left <= 0) {
				this.concurrency.remove(job.concurrencyKey);
			}
			else {
				this.concurrency.put(job.concurrencyKey, left);
			}
		}
		if (hasWaiting()) {
			signalWork();
		}
	}

	// ---- finished

	void finish(MemoryJob job, JobState state, long now) {
		job.state = state;
		job.finishedOn = now;
		finished(state).add(job.id, now);
		if (state != JobState.EXPIRED) {
			// As the Redis scripts do: completion, failure for good and cancel free the
			// key; expiry does not.
			this.flow.releaseDedup(job);
		}
		if (state == JobState.COMPLETED) {
			this.throughput.completed(now);
		}
		else if (state == JobState.FAILED) {
			this.throughput.failed(now);
		}
	}

	/**
	 * TTL expiry at promotion or claim: deleted, or kept as {@code expired}; an event
	 * either way.
	 */
	void expire(MemoryJob job, long now, boolean discard) {
		if (discard) {
			this.jobs.remove(job.id);
		}
		else {
			finish(job, JobState.EXPIRED, now);
		}
		emit(WireEvent.EXPIRED, job.id);
	}

	/**
	 * TRIM: by age, then the oldest beyond {@code maxItems}; one batch in all per call.
	 */
	int trim(JobState state, long cutoff, int maxItems) {
		ScoredSet set = finished(state);
		int removed = 0;
		if (cutoff > 0) {
			removed += delete(set, set.rangeByScore(cutoff, BATCH));
		}
		int excess = set.size() - maxItems;
		if (maxItems > 0 && excess > 0 && removed < BATCH) {
			removed += delete(set, set.lowest(Math.min(excess, BATCH - removed)));
		}
		return removed;
	}

	private int delete(ScoredSet set, List<String> ids) {
		for (String id : ids) {
			set.remove(id);
			this.jobs.remove(id);
		}
		return ids.size();
	}

	/**
	 * CLEAN_JOBS: the oldest jobs of a finished state finished at or before
	 * {@code cutoff}, at most {@code limit}.
	 */
	int clean(JobState state, long cutoff, int limit) {
		ScoredSet set = finished(state);
		return delete(set, set.rangeByScore(cutoff, Math.min(limit, BATCH)));
	}

	/** The sorted set of a finished state. */
	ScoredSet finished(JobState state) {
		ScoredSet set = this.finished.get(state);
		if (set == null) {
			throw new IllegalArgumentException("not a finished state: " + state);
		}
		return set;
	}

	/**
	 * Stores progress as given and emits it; a job that no longer exists is left alone.
	 */
	void setProgress(String id, String value) {
		MemoryJob job = this.jobs.get(id);
		if (job != null) {
			job.progress = value;
			emit(WireEvent.PROGRESS, id, Map.of("value", value));
		}
	}

	void appendLog(String id, String entry) {
		MemoryJob job = this.jobs.get(id);
		if (job != null) {
			job.appendLog(entry);
		}
	}

	Map<JobState, Long> counts() {
		Map<JobState, Long> counts = emptyCounts();
		counts.put(JobState.WAITING, (long) (this.wait.size() + this.prioritized.size()));
		counts.put(JobState.ACTIVE, (long) this.active.size());
		counts.put(JobState.DELAYED, (long) this.delayed.size());
		this.finished.forEach((state, set) -> counts.put(state, (long) set.size()));
		return counts;
	}

	/** Zero for every state. */
	static Map<JobState, Long> emptyCounts() {
		Map<JobState, Long> counts = new EnumMap<>(JobState.class);
		for (JobState state : JobState.values()) {
			counts.put(state, 0L);
		}
		return counts;
	}

	/** Deletes every job and index; waiters stay registered. */
	void clear() {
		this.jobs.clear();
		this.wait.clear();
		this.prioritized.clear();
		this.delayed.clear();
		this.active.clear();
		this.stalled.clear();
		this.concurrency.clear();
		this.flow.clear();
		this.finished.values().forEach(ScoredSet::clear);
		this.throughput.clear();
		this.workHint = false;
		this.recheckAt = 0;
	}

	// ---- waking

	/** Something may be claimable now: every waiter of the task returns. */
	void signalWork() {
		this.workHint = true;
		this.changed.signalAll();
	}

	/** A claim took a job; {@code moreWaiting} tells whether others may claim too. */
	void claimed(boolean moreWaiting) {
		this.recheckAt = 0;
		if (moreWaiting) {
			signalWork();
		}
		else {
			this.workHint = false;
		}
	}

	/**
	 * A claim found nothing it could take; {@code recheckAt} &gt; 0 asks waiters to look
	 * again then.
	 */
	void nothingClaimable(long recheckAt) {
		this.workHint = false;
		this.recheckAt = recheckAt;
	}

	/**
	 * The earliest time a waiter must look again without being signalled: a due delayed
	 * job or a re-check.
	 */
	@Nullable Long nextWakeAt() {
		Long due = nextDelayedAt();
		if (this.recheckAt == 0) {
			return due;
		}
		return (due == null) ? this.recheckAt : Math.min(due, this.recheckAt);
	}

	boolean hasWorkHint() {
		return this.workHint;
	}

	void wakeAll() {
		this.wakeGeneration++;
		this.changed.signalAll();
	}

	long wakeGeneration() {
		return this.wakeGeneration;
	}

	/** Lets a waiter re-check (its own wake-up flag changed). */
	void signalWaiters() {
		this.changed.signalAll();
	}

	long awaitChange(long nanos) throws InterruptedException {
		return this.changed.awaitNanos(nanos);
	}

	// ---- events

	void emit(WireEvent type, String jobId) {
		this.events.accept(new AdapterEvent(this.task, type, jobId, Map.of()));
	}

	void emit(WireEvent type, String jobId, Map<String, String> fields) {
		this.events.accept(new AdapterEvent(this.task, type, jobId, fields));
	}

}
