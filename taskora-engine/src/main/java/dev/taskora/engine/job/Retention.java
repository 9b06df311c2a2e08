package dev.taskora.engine.job;

import java.time.Duration;

/**
 * How long finished jobs are kept. Trimming runs at every stall sweep; it is on by default
 * (completed: 1 hour / 100 jobs, failed: 7 days / 300 jobs).
 *
 * @param completed rule for completed jobs
 * @param failed rule for failed jobs
 */
public record Retention(Rule completed, Rule failed) {

	/** The defaults. */
	public static final Retention DEFAULT = new Retention(new Rule(Duration.ofHours(1), 100),
			new Rule(Duration.ofDays(7), 300));

	/**
	 * One state's rule; a zero age or count disables that limit.
	 * @param maxAge jobs older than this are removed
	 * @param maxItems only the newest this many are kept
	 */
	public record Rule(Duration maxAge, int maxItems) {

		public Rule {
			if (maxAge.isNegative()) {
				throw new IllegalArgumentException("retention maxAge must not be negative, was " + maxAge);
			}
			if (maxItems < 0) {
				throw new IllegalArgumentException("retention maxItems must not be negative, was " + maxItems);
			}
		}

	}

}
