package dev.taskora.spring.boot.autoconfigure;

import java.time.Duration;

/** This process's workers. */
public class TaskoraWorkerProperties {

	/**
	 * Whether this process works on jobs; false makes a producer that still dispatches
	 * and listens to events.
	 */
	private boolean enabled = true;

	/**
	 * Time running jobs get to finish on shutdown before they are interrupted and handed
	 * back.
	 */
	private Duration shutdownTimeout = Duration.ofSeconds(30);

	/**
	 * Lifetime of a running job's lock, renewed every twentieth of it: the longest Redis
	 * outage after which a job that finished meanwhile is still recorded once, never run
	 * again. A crashed worker's jobs run again after about this plus the reconnect delay
	 * plus one stall interval.
	 */
	private Duration lockTtl = Duration.ofSeconds(3);

	/**
	 * Whether handlers run on virtual threads (Java 21+). Also on when
	 * spring.threads.virtual.enabled is set.
	 */
	private boolean virtualThreads;

	/**
	 * Returns {@code taskora.worker.enabled}.
	 * @return the value
	 */
	public boolean isEnabled() {
		return this.enabled;
	}

	/**
	 * Sets {@code taskora.worker.enabled}.
	 * @param enabled the new value
	 */
	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	/**
	 * Returns {@code taskora.worker.shutdown-timeout}.
	 * @return the value
	 */
	public Duration getShutdownTimeout() {
		return this.shutdownTimeout;
	}

	/**
	 * Sets {@code taskora.worker.shutdown-timeout}.
	 * @param shutdownTimeout the new value
	 */
	public void setShutdownTimeout(Duration shutdownTimeout) {
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * Returns {@code taskora.worker.lock-ttl}.
	 * @return the value
	 */
	public Duration getLockTtl() {
		return this.lockTtl;
	}

	/**
	 * Sets {@code taskora.worker.lock-ttl}.
	 * @param lockTtl the new value
	 */
	public void setLockTtl(Duration lockTtl) {
		this.lockTtl = lockTtl;
	}

	/**
	 * Returns {@code taskora.worker.virtual-threads}.
	 * @return the value
	 */
	public boolean isVirtualThreads() {
		return this.virtualThreads;
	}

	/**
	 * Sets {@code taskora.worker.virtual-threads}.
	 * @param virtualThreads the new value
	 */
	public void setVirtualThreads(boolean virtualThreads) {
		this.virtualThreads = virtualThreads;
	}

}
