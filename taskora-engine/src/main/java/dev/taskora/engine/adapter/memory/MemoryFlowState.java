package dev.taskora.engine.adapter.memory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One task's flow-control keys, held in memory as the Redis adapter holds them under the
 * task's base key: {@code debounce:<key>} and {@code throttle:<key>} (strings with a PX
 * expiry, here on the adapter's clock), {@code dedup:<key>} (no expiry) and the collect
 * buffers ({@code collect:<key>:items}, {@code :meta} and the {@code :job} sentinel id
 * with its expiry). Every method runs with the store lock held.
 */
final class MemoryFlowState {

	private final Clock clock;

	private final Map<String, Expiring<String>> debounce = new HashMap<>();

	private final Map<String, Expiring<Long>> throttle = new HashMap<>();

	private final Map<String, String> dedup = new HashMap<>();

	/**
	 * Insertion-ordered, so a flush of every buffer of the task goes oldest buffer first.
	 */
	private final Map<String, Buffer> collect = new LinkedHashMap<>();

	MemoryFlowState(Clock clock) {
		this.clock = clock;
	}

	// ---- debounce

	/** The key's pending job id, unless the key lapsed. */
	@Nullable String debounced(String key) {
		return live(this.debounce, key);
	}

	void debounce(String key, String jobId, long ttlMs) {
		this.debounce.put(key, new Expiring<>(jobId, this.clock.millis() + ttlMs));
	}

	// ---- throttle

	/** Dispatches admitted in the key's current window (0 once the window lapsed). */
	long throttled(String key) {
		Long count = live(this.throttle, key);
		return (count != null) ? count : 0;
	}

	/** Counts one admission; the first one of a window opens it for {@code windowMs}. */
	void admit(String key, long windowMs) {
		Expiring<Long> current = this.throttle.get(key);
		if (current == null || current.lapsedAt(this.clock.millis())) {
			this.throttle.put(key, new Expiring<>(1L, this.clock.millis() + windowMs));
		}
		else {
			this.throttle.put(key, new Expiring<>(current.value() + 1, current.expiresAt()));
		}
	}

	// ---- deduplicate

	@Nullable String dedupHolder(String key) {
		return this.dedup.get(key);
	}

	void holdDedup(String key, String jobId) {
		this.dedup.put(key, jobId);
	}

	void dropDedup(String key) {
		this.dedup.remove(key);
	}

	/**
	 * Frees the job's key, but only while it still names this job: a later job may hold
	 * it.
	 */
	void releaseDedup(MemoryJob job) {
		if (job.dedupKey != null && job.id.equals(this.dedup.get(job.dedupKey))) {
			this.dedup.remove(job.dedupKey);
		}
	}

	// ---- collect

	/** The key's buffer, created empty on first use. */
	Buffer buffer(String key) {
		return this.collect.computeIfAbsent(key, (name) -> new Buffer());
	}

	@Nullable Buffer existingBuffer(String key) {
		return this.collect.get(key);
	}

	/** The keys with a buffer, oldest first. */
	List<String> bufferKeys() {
		return new ArrayList<>(this.collect.keySet());
	}

	/**
	 * Takes every item of the key's buffer as one JSON array and deletes the buffer
	 * (items, meta and sentinel id), or returns {@code null} when it holds nothing.
	 */
	@Nullable String drain(String key) {
		Buffer buffer = this.collect.remove(key);
		if (buffer == null || buffer.items.isEmpty()) {
			return null;
		}
		return "[" + String.join(",", buffer.items) + "]";
	}

	/** The id of the key's current flush sentinel, unless the sentinel key lapsed. */
	@Nullable String sentinel(Buffer buffer) {
		return (buffer.sentinel != null && !buffer.sentinel.lapsedAt(this.clock.millis())) ? buffer.sentinel.value()
				: null;
	}

	void sentinel(Buffer buffer, String jobId, long ttlMs) {
		buffer.sentinel = new Expiring<>(jobId, this.clock.millis() + ttlMs);
	}

	void clear() {
		this.debounce.clear();
		this.throttle.clear();
		this.dedup.clear();
		this.collect.clear();
	}

	private <T> @Nullable T live(Map<String, Expiring<T>> map, String key) {
		Expiring<T> entry = map.get(key);
		if (entry == null) {
			return null;
		}
		if (entry.lapsedAt(this.clock.millis())) {
			map.remove(key);
			return null;
		}
		return entry.value();
	}

	/** A value with a PX-style expiry on the adapter's clock. */
	private record Expiring<T>(T value, long expiresAt) {

		boolean lapsedAt(long now) {
			return now >= this.expiresAt;
		}

	}

	/** A collect buffer: items oldest first, its meta and the current sentinel. */
	static final class Buffer {

		final List<String> items = new ArrayList<>();

		long firstAt;

		long lastAt;

		private @Nullable Expiring<String> sentinel;

	}

}
