package dev.taskora.engine.adapter.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.NewJob;
import org.jspecify.annotations.Nullable;

/**
 * One stored job: the fields of taskora's job hash plus its lock and its log, mutated in
 * place by the transitions while the store lock is held. A zero time field means "absent
 * from the hash".
 */
final class MemoryJob {

	/** Keeps the newest entries, as RPUSH + LTRIM does on Redis. */
	static final int MAX_LOGS = 10_000;

	final String id;

	final String task;

	JobState state;

	String data;

	@Nullable String result;

	@Nullable String error;

	@Nullable String progress;

	int attempt = 1;

	final int maxAttempts;

	final int version;

	final int priority;

	long timestamp;

	final long delayMs;

	long processedOn;

	long finishedOn;

	int stalledCount;

	long cancelledAt;

	@Nullable String cancelReason;

	final long expireAt;

	final @Nullable String concurrencyKey;

	final int concurrencyLimit;

	final @Nullable String workflowId;

	final int workflowNode;

	/**
	 * The dispatch's headers (the Redis hash's {@code x-headers} field), empty for none.
	 */
	final Map<String, String> headers;

	/** The deduplication key this job holds ({@code dedupKey}), or {@code null}. */
	@Nullable String dedupKey;

	/**
	 * The collect key of a flush sentinel until its buffer is drained
	 * ({@code collectKey}), or {@code null}.
	 */
	@Nullable String collectKey;

	/** The lock token ({@code JP<id>:lock}); {@code null} once released. */
	@Nullable String lockToken;

	/** Adapter-clock time at which the lock lapses, like a PX expiry. */
	long lockExpiresAt;

	private final List<String> logs = new ArrayList<>();

	MemoryJob(String task, NewJob job) {
		this.id = job.id();
		this.task = task;
		this.data = job.data();
		this.timestamp = job.timestamp();
		this.version = job.version();
		this.priority = job.priority();
		this.maxAttempts = job.maxAttempts();
		this.delayMs = Math.max(job.delayMs(), 0);
		this.expireAt = Math.max(job.expireAt(), 0);
		// Redis treats "" as "no key"; so do we, so that both adapters agree on what
		// limits a job.
		this.concurrencyKey = emptyToNull(job.concurrencyKey());
		this.concurrencyLimit = (this.concurrencyKey != null) ? job.concurrencyLimit() : 0;
		this.workflowId = emptyToNull(job.workflowId());
		this.workflowNode = (this.workflowId != null) ? job.workflowNode() : -1;
		this.headers = job.headers();
		this.state = (this.delayMs > 0) ? JobState.DELAYED : JobState.WAITING;
	}

	/**
	 * The score of this job in the prioritized set: priority first, then the given time.
	 */
	double waitScore(long time) {
		return -(this.priority * 1e13) + time;
	}

	/** Whether the lock key exists: set and not lapsed on the adapter's clock. */
	boolean isLocked(long clockMillis) {
		return this.lockToken != null && clockMillis < this.lockExpiresAt;
	}

	/**
	 * The lock check of every settling script: the lock exists and holds {@code token}.
	 */
	boolean isLockedBy(String token, long clockMillis) {
		return isLocked(clockMillis) && token.equals(this.lockToken);
	}

	void lock(String token, long expiresAt) {
		this.lockToken = token;
		this.lockExpiresAt = expiresAt;
	}

	void unlock() {
		this.lockToken = null;
		this.lockExpiresAt = 0;
	}

	boolean isExpiredAt(long now) {
		return this.expireAt > 0 && now >= this.expireAt;
	}

	void appendLog(String entry) {
		this.logs.add(entry);
		if (this.logs.size() > MAX_LOGS) {
			this.logs.subList(0, this.logs.size() - MAX_LOGS).clear();
		}
	}

	List<String> logs() {
		return List.copyOf(this.logs);
	}

	JobRecord toRecord() {
		return new JobRecord(this.id, this.task, this.state, this.data, this.result, this.error, this.progress,
				this.attempt, this.maxAttempts, this.version, this.priority, this.timestamp, this.delayMs,
				this.processedOn, this.finishedOn, this.stalledCount, this.cancelledAt, this.cancelReason,
				this.expireAt, this.workflowId, this.workflowNode);
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

}
