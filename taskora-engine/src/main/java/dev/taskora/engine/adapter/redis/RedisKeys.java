package dev.taskora.engine.adapter.redis;

import org.jspecify.annotations.Nullable;

/**
 * Key names of taskora's wire format. Every key of one task carries the task name as its Cluster
 * hash tag ({@code {task}}), so each transition script touches a single slot.
 * <ul>
 * <li>without a prefix: {@code taskora:{<task>}:wait}, meta {@code taskora:meta}</li>
 * <li>with prefix {@code p}: {@code taskora:p:{<task>}:wait}, meta {@code taskora:p:meta}</li>
 * </ul>
 * The schedule keys ({@code taskora[:p]:schedules}, {@code :schedules:next}, {@code :schedules:lock})
 * carry no hash tag, as in taskora.
 */
final class RedisKeys {

	private final String root;

	RedisKeys(@Nullable String prefix) {
		this.root = (prefix == null || prefix.isEmpty()) ? "taskora:" : "taskora:" + prefix + ":";
	}

	/** The handshake record. */
	String meta() {
		return this.root + "meta";
	}

	/** The schedule configs (name to JSON). */
	String schedules() {
		return this.root + "schedules";
	}

	/** The next run of each schedule that is not paused (name to epoch ms). */
	String schedulesNext() {
		return this.root + "schedules:next";
	}

	/** The scheduler leader's lock (its token). */
	String schedulesLock() {
		return this.root + "schedules:lock";
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

	/** The keys of one task. */
	Task task(String task) {
		if (task.isEmpty()) {
			throw new IllegalArgumentException("task name must not be empty");
		}
		return new Task(this.root + "{" + task + "}");
	}

	/** The keys of one task; {@code base} is B of the wire format. */
	record Task(String base) {

		/** The job prefix JP: the job hash is {@code jobPrefix() + id}. */
		String jobPrefix() {
			return this.base + ":";
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
			return this.base + ":wait";
		}

		String prioritized() {
			return this.base + ":prioritized";
		}

		String active() {
			return this.base + ":active";
		}

		String delayed() {
			return this.base + ":delayed";
		}

		String completed() {
			return this.base + ":completed";
		}

		String failed() {
			return this.base + ":failed";
		}

		String expired() {
			return this.base + ":expired";
		}

		String cancelled() {
			return this.base + ":cancelled";
		}

		String events() {
			return this.base + ":events";
		}

		String stalled() {
			return this.base + ":stalled";
		}

		String marker() {
			return this.base + ":marker";
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

		/** A collect buffer's meta: count, firstAt, lastAt ({@code JP collect:<key>:meta}). */
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
