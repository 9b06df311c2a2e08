package dev.taskora.spring.boot.autoconfigure;

import java.time.Duration;

/** How long finished jobs are kept. */
public class TaskoraRetentionProperties {

	private final Rule completed = new Rule(Duration.ofHours(1), 100);

	private final Rule failed = new Rule(Duration.ofDays(7), 300);

	private final Rule cancelled = new Rule(Duration.ofDays(7), 300);

	private final Rule expired = new Rule(Duration.ofDays(7), 300);

	/**
	 * Returns {@code taskora.retention.completed}.
	 * @return the value
	 */
	public Rule getCompleted() {
		return this.completed;
	}

	/**
	 * Returns {@code taskora.retention.failed}.
	 * @return the value
	 */
	public Rule getFailed() {
		return this.failed;
	}

	/**
	 * Returns {@code taskora.retention.cancelled}.
	 * @return the value
	 */
	public Rule getCancelled() {
		return this.cancelled;
	}

	/**
	 * Returns {@code taskora.retention.expired}.
	 * @return the value
	 */
	public Rule getExpired() {
		return this.expired;
	}

	/** Retention of one terminal state. */
	public static class Rule {

		/**
		 * Age after which finished jobs are removed; 0 keeps them regardless of age.
		 */
		private Duration maxAge;

		/**
		 * Number of the newest finished jobs kept; 0 keeps any number.
		 */
		private int maxItems;

		Rule(Duration maxAge, int maxItems) {
			this.maxAge = maxAge;
			this.maxItems = maxItems;
		}

		/**
		 * Returns {@code taskora.retention.<state>.max-age}.
		 * @return the value
		 */
		public Duration getMaxAge() {
			return this.maxAge;
		}

		/**
		 * Sets {@code taskora.retention.<state>.max-age}.
		 * @param maxAge the new value
		 */
		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

		/**
		 * Returns {@code taskora.retention.<state>.max-items}.
		 * @return the value
		 */
		public int getMaxItems() {
			return this.maxItems;
		}

		/**
		 * Sets {@code taskora.retention.<state>.max-items}.
		 * @param maxItems the new value
		 */
		public void setMaxItems(int maxItems) {
			this.maxItems = maxItems;
		}

	}

}
