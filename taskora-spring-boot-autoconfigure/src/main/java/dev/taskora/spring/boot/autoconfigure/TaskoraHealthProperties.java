package dev.taskora.spring.boot.autoconfigure;

import java.time.Duration;

/** The taskora health contributor. */
public class TaskoraHealthProperties {

	/**
	 * How long the health check waits for the store to return the counts of every task
	 * (one read for all of them) before it reports DOWN.
	 */
	private Duration timeout = Duration.ofSeconds(2);

	/**
	 * Returns {@code taskora.health.timeout}.
	 * @return the value
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Sets {@code taskora.health.timeout}.
	 * @param timeout the new value
	 */
	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

}
