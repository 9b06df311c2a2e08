package dev.taskora.engine.adapter.memory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.taskora.engine.adapter.ScheduleStore;
import dev.taskora.engine.adapter.StoredSchedule;
import org.jspecify.annotations.Nullable;

/**
 * Schedules kept in this JVM with the semantics of the Redis scripts, each operation one
 * section under this store's monitor (schedules share no state with jobs, so not the job
 * lock). The leader lock is in-process: it expires on the adapter's clock, so apps
 * sharing one {@link MemoryAdapter} elect one leader, and a virtual clock times the
 * takeover.
 */
final class MemoryScheduleStore implements ScheduleStore {

	/** Same cap per call as the Redis script. */
	private static final int CLAIM_LIMIT = 100;

	private final Clock clock;

	/** Guarded by {@code this}. */
	private final Map<String, String> configs = new LinkedHashMap<>();

	/** Guarded by {@code this}: name to next run; absent when paused. */
	private final Map<String, Long> next = new HashMap<>();

	/** Guarded by {@code this}. */
	private @Nullable String leader;

	/** Guarded by {@code this}. */
	private long leaderUntil;

	MemoryScheduleStore(Clock clock) {
		this.clock = clock;
	}

	@Override
	public CompletableFuture<Boolean> create(String name, String config, long nextRun) {
		Objects.requireNonNull(config, "config must not be null");
		return locked(() -> {
			if (this.configs.containsKey(name)) {
				return false;
			}
			this.configs.put(name, config);
			this.next.put(name, nextRun);
			return true;
		});
	}

	@Override
	public CompletableFuture<Boolean> replace(String name, String expectedConfig, String config,
			@Nullable Long nextRun) {
		Objects.requireNonNull(config, "config must not be null");
		return locked(() -> {
			if (!expectedConfig.equals(this.configs.get(name))) {
				return false;
			}
			this.configs.put(name, config);
			if (nextRun != null && this.next.containsKey(name)) {
				this.next.put(name, nextRun);
			}
			return true;
		});
	}

	@Override
	public CompletableFuture<@Nullable StoredSchedule> get(String name) {
		return locked(() -> {
			String config = this.configs.get(name);
			return (config != null) ? new StoredSchedule(name, config, this.next.get(name)) : null;
		});
	}

	@Override
	public CompletableFuture<List<StoredSchedule>> list() {
		return locked(() -> {
			List<StoredSchedule> all = new ArrayList<>(this.configs.size());
			this.configs.forEach((name, config) -> all.add(new StoredSchedule(name, config, this.next.get(name))));
			return all;
		});
	}

	@Override
	public CompletableFuture<Boolean> pause(String name) {
		return locked(() -> {
			this.next.remove(name);
			return this.configs.containsKey(name);
		});
	}

	@Override
	public CompletableFuture<Boolean> resume(String name, long nextRun) {
		return locked(() -> {
			if (!this.configs.containsKey(name)) {
				return false;
			}
			this.next.putIfAbsent(name, nextRun);
			return true;
		});
	}

	@Override
	public CompletableFuture<Boolean> remove(String name) {
		return locked(() -> {
			this.next.remove(name);
			return this.configs.remove(name) != null;
		});
	}

	@Override
	public CompletableFuture<Boolean> acquireLeadership(String token, long ttlMs) {
		Objects.requireNonNull(token, "token must not be null");
		return locked(() -> {
			long now = this.clock.millis();
			if (this.leader == null || this.leaderUntil <= now || this.leader.equals(token)) {
				this.leader = token;
				this.leaderUntil = now + ttlMs;
				return true;
			}
			return false;
		});
	}

	@Override
	public CompletableFuture<Void> releaseLeadership(String token) {
		return locked(() -> {
			if (token.equals(this.leader)) {
				this.leader = null;
			}
			return null;
		});
	}

	@Override
	public CompletableFuture<List<StoredSchedule>> claimDue(long now, long leaseUntil) {
		return locked(() -> {
			List<Map.Entry<String, Long>> due = new ArrayList<>();
			for (Map.Entry<String, Long> entry : this.next.entrySet()) {
				if (entry.getValue() <= now) {
					due.add(Map.entry(entry.getKey(), entry.getValue()));
				}
			}
			due.sort(Map.Entry.<String, Long>comparingByValue().thenComparing(Map.Entry.comparingByKey()));
			List<StoredSchedule> claimed = new ArrayList<>();
			for (Map.Entry<String, Long> entry : due.subList(0, Math.min(due.size(), CLAIM_LIMIT))) {
				String config = this.configs.get(entry.getKey());
				if (config == null) {
					this.next.remove(entry.getKey());
					continue;
				}
				this.next.put(entry.getKey(), leaseUntil);
				claimed.add(new StoredSchedule(entry.getKey(), config, entry.getValue()));
			}
			return claimed;
		});
	}

	/** Deletes every schedule and releases the lock (test runners, between tests). */
	synchronized void clear() {
		this.configs.clear();
		this.next.clear();
		this.leader = null;
	}

	private synchronized <T extends @Nullable Object> CompletableFuture<T> locked(Supplier<T> body) {
		try {
			return CompletableFuture.completedFuture(body.get());
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

}
