package dev.taskora.spring.boot.autoconfigure;

import java.time.Duration;

/** How this process takes part in scheduling. */
public class TaskoraSchedulerProperties {

	/**
	 * Time between two looks for due schedules, each also renewing the leader lock.
	 */
	private Duration pollInterval = Duration.ofSeconds(1);

	/**
	 * Lifetime of the leader lock without renewal: when the leader dies, another process
	 * takes over within it (plus one poll interval).
	 */
	private Duration lockTtl = Duration.ofSeconds(30);

	/**
	 * Whether this process competes to run the schedules.
	 */
	private TaskoraProperties.SchedulerMode mode = TaskoraProperties.SchedulerMode.AUTO;

	/**
	 * Returns {@code taskora.scheduler.poll-interval}.
	 * @return the value
	 */
	public Duration getPollInterval() {
		return this.pollInterval;
	}

	/**
	 * Sets {@code taskora.scheduler.poll-interval}.
	 * @param pollInterval the new value
	 */
	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	/**
	 * Returns {@code taskora.scheduler.lock-ttl}.
	 * @return the value
	 */
	public Duration getLockTtl() {
		return this.lockTtl;
	}

	/**
	 * Sets {@code taskora.scheduler.lock-ttl}.
	 * @param lockTtl the new value
	 */
	public void setLockTtl(Duration lockTtl) {
		this.lockTtl = lockTtl;
	}

	/**
	 * Returns {@code taskora.scheduler.mode}.
	 * @return the value
	 */
	public TaskoraProperties.SchedulerMode getMode() {
		return this.mode;
	}

	/**
	 * Sets {@code taskora.scheduler.mode}.
	 * @param mode the new value
	 */
	public void setMode(TaskoraProperties.SchedulerMode mode) {
		this.mode = mode;
	}

}
