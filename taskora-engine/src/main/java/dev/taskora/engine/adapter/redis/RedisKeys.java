package dev.taskora.engine.adapter.redis;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * Key names of taskora's wire format. Every key of one task carries the task name as its
 * Cluster hash tag ({@code {task}}), so each transition script touches a single slot.
 * <ul>
 * <li>without a prefix: {@code taskora:{<task>}:wait}, meta {@code taskora:meta}</li>
 * <li>with prefix {@code p}: {@code taskora:p:{<task>}:wait}, meta
 * {@code taskora:p:meta}</li>
 * </ul>
 * The schedule keys ({@code taskora[:p]:schedules}, {@code :schedules:next},
 * {@code :schedules:lock}) carry no hash tag, as in taskora, on a standalone or Sentinel
 * Redis. On a Cluster, where the scripts that touch both the configs and the next runs
 * need them in one slot, they are {@code taskora[:p]:{schedules}},
 * {@code :{schedules}:next} and {@code :{schedules}:lock}.
 */
final class RedisKeys {

	/**
	 * Tasks whose keys are kept built; names beyond it (an inspector asked about many)
	 * are built per call.
	 */
	private static final int MAX_CACHED_TASKS = 1_024;

	private final String root;

	private final Map<String, Task> tasks = new ConcurrentHashMap<>();

	private final String schedules;

	private final boolean cluster;

	RedisKeys(@Nullable String prefix) {
		this(prefix, false);
	}

	RedisKeys(@Nullable String prefix, boolean cluster) {
		this.root = (prefix == null || prefix.isEmpty()) ? "taskora:" : "taskora:" + prefix + ":";
		this.schedules = this.root + (cluster ? "{schedules}" : "schedules");
		this.cluster = cluster;
	}

	/** Whether the keys are laid out for a Redis Cluster. */
	boolean cluster() {
		return this.cluster;
	}

	/** The handshake record. */
	String meta() {
		return this.root + "meta";
	}

	/** The schedule configs (name to JSON). */
	String schedules() {
		return this.schedules;
	}

	/** The next run of each schedule that is not paused (name to epoch ms). */
	String schedulesNext() {
		return this.schedules + ":next";
	}

	/** The scheduler leader's lock (its token). */
	String schedulesLock() {
		return this.schedules + ":lock";
	}

	/**
	 * taskora's wire-format migration lock: while a migrator holds it (JSON naming its
	 * {@code targetWireVersion}), processes of that wire version or older pause their hot
	 * path.
	 */
	String migrationLock() {
		return this.root + "migration:lock";
	}

	/**
	 * The pub/sub channel a migrator publishes on whenever the migration lock changes.
	 */
	String migrationChannel() {
		return this.root + "migration:broadcast";
	}

	/** {@code taskora:} or {@code taskora:<prefix>:}: what every key starts with. */
	String root() {
		return this.root;
	}

	/** A workflow's hash, {@code taskora[:<prefix>]:wf:{<id>}}. */
	String workflow(String id) {
		return this.root + "wf:{" + id + "}";
	}

	/** The SCAN pattern of every workflow hash. */
	String workflowPattern() {
		return this.root + "wf:{*}";
	}

	/** The keys of one task, built once per task: every transition asks for them. */
	Task task(String task) {
		Task keys = this.tasks.get(task);
		if (keys != null) {
			return keys;
		}
		if (task.isEmpty()) {
			throw new IllegalArgumentException("task name must not be empty");
		}
		keys = new Task(this.root + "{" + task + "}");
		if (this.tasks.size() < MAX_CACHED_TASKS) {
			this.tasks.putIfAbsent(task, keys);
		}
		return keys;
	}

	/**
	 * The keys of one task; {@code base} is B of the wire format. The keys of the per-job
	 * scripts are built once, and so are their KEYS arrays (Lettuce copies what it sends,
	 * so they are shared).
	 */
	static final class Task {

		private final String base;

		private final String jobPrefix;

		private final String wait;

		private final String active;

		private final String delayed;

		private final String events;

		private final String marker;

		private final String prioritized;

		private final String stalled;

		private final String completed;

		private final String failed;

		private final String expired;

		/** ENQUEUE's KEYS. */
		final String[] enqueueKeys;

		/** MOVE_TO_ACTIVE's KEYS. */
		final String[] claimKeys;

		/** ACK's KEYS. */
		final String[] ackKeys;

		/** ACK_AND_MOVE_TO_ACTIVE's KEYS. */
		final String[] ackAndClaimKeys;

		/** FAIL's KEYS. */
		final String[] failKeys;

		/** FAIL_AND_MOVE_TO_ACTIVE's KEYS. */
		final String[] failAndClaimKeys;

		/** SETTLE_MANY's KEYS. */
		final String[] settleManyKeys;

		Task(String base) {
			this.base = base;
			this.jobPrefix = base + ":";
			this.wait = base + ":wait";
			this.active = base + ":active";
			this.delayed = base + ":delayed";
			this.events = base + ":events";
			this.marker = base + ":marker";
			this.prioritized = base + ":prioritized";
			this.stalled = base + ":stalled";
			this.completed = base + ":completed";
			this.failed = base + ":failed";
			this.expired = base + ":expired";
			this.enqueueKeys = new String[] { this.wait, this.events, this.marker, this.prioritized };
			this.claimKeys = new String[] { this.wait, this.active, this.delayed, this.events, this.marker,
					this.expired, this.prioritized };
			this.ackKeys = new String[] { this.active, this.completed, this.events, this.marker, this.stalled };
			this.ackAndClaimKeys = new String[] { this.wait, this.active, this.delayed, this.events, this.marker,
					this.expired, this.completed, this.prioritized, this.stalled };
			this.failKeys = new String[] { this.active, this.failed, this.events, this.delayed, this.marker,
					this.stalled };
			this.failAndClaimKeys = new String[] { this.wait, this.active, this.delayed, this.events, this.marker,
					this.expired, this.failed, this.prioritized, this.stalled };
			this.settleManyKeys = new String[] { this.wait, this.active, this.delayed, this.events, this.marker,
					this.expired, this.completed, this.failed, this.prioritized, this.stalled };
		}

		/** B of the wire format: {@code taskora[:prefix]:{task}}. */
		String base() {
			return this.base;
		}

		/** The job prefix JP: the job hash is {@code jobPrefix() + id}. */
		String jobPrefix() {
			return this.jobPrefix;
		}

		String job(String id) {
			return jobPrefix() + id;
		}

		String lock(String id) {
			return job(id) + ":lock";
		}

		String logs(String id) {
			return job(id) + ":logs";
		}

		String waitList() {
			return this.wait;
		}

		String prioritized() {
			return this.prioritized;
		}

		String active() {
			return this.active;
		}

		String delayed() {
			return this.delayed;
		}

		String completed() {
			return this.completed;
		}

		String failed() {
			return this.failed;
		}

		String expired() {
			return this.expired;
		}

		String cancelled() {
			return this.base + ":cancelled";
		}

		String events() {
			return this.events;
		}

		String stalled() {
			return this.stalled;
		}

		String marker() {
			return this.marker;
		}

		String cancelChannel() {
			return this.base + ":cancel";
		}

		/** The string naming a debounce key's pending job ({@code B:debounce:<key>}). */
		String debounce(String key) {
			return this.base + ":debounce:" + key;
		}

		/** A throttle key's window counter ({@code B:throttle:<key>}). */
		String throttle(String key) {
			return this.base + ":throttle:" + key;
		}

		/** The string naming a dedup key's holder ({@code B:dedup:<key>}). */
		String dedup(String key) {
			return this.base + ":dedup:" + key;
		}

		/** A collect buffer's items ({@code JP collect:<key>:items}). */
		String collectItems(String key) {
			return jobPrefix() + "collect:" + key + ":items";
		}

		/**
		 * A collect buffer's meta: count, firstAt, lastAt
		 * ({@code JP collect:<key>:meta}).
		 */
		String collectMeta(String key) {
			return jobPrefix() + "collect:" + key + ":meta";
		}

		/** The id of a collect buffer's flush sentinel ({@code JP collect:<key>:job}). */
		String collectJob(String key) {
			return jobPrefix() + "collect:" + key + ":job";
		}

		String metrics(String kind, long bucket) {
			return jobPrefix() + "metrics:" + kind + ":" + bucket;
		}

	}

}
