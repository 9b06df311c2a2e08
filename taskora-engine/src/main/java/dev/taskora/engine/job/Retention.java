package dev.taskora.engine.job;

import java.time.Duration;
import java.util.Objects;

import dev.taskora.engine.JobState;

/**
 * How long finished jobs are kept. Every worker trims its task's finished jobs after each
 * batch of settled jobs and at every stall sweep, in calls of at most 100 jobs repeated
 * until nothing is beyond the rule, so the sets stay within {@code maxItems} plus about
 * one batch at any throughput. On by default (completed: 1 hour / 100 jobs; failed,
 * cancelled and expired: 7 days / 300 jobs).
 *
 * @param completed rule for completed jobs
 * @param failed rule for failed jobs
 * @param cancelled rule for cancelled jobs
 * @param expired rule for jobs that expired before they ran (kept rather than discarded)
 */
public record Retention(Rule completed, Rule failed, Rule cancelled, Rule expired) {

	/**
	 * Completed and failed jobs by their own rules; cancelled and expired ones by the
	 * rule for failed jobs.
	 */
	public Retention(Rule completed, Rule failed) {
		this(completed, failed, failed, failed);
	}

	/**
	 * Creates a retention with a rule per finished state.
	 * @throws NullPointerException if a rule is {@code null}
	 */
	public Retention {
		Objects.requireNonNull(completed, "completed must not be null");
		Objects.requireNonNull(failed, "failed must not be null");
		Objects.requireNonNull(cancelled, "cancelled must not be null");
		Objects.requireNonNull(expired, "expired must not be null");
	}

	/** The rule for a finished state. */
	public Rule rule(JobState state) {
		return switch (state) {
			case COMPLETED -> this.completed;
			case FAILED -> this.failed;
			case CANCELLED -> this.cancelled;
			case EXPIRED -> this.expired;
			default -> throw new IllegalArgumentException("state must be a finished state, was " + state);
		};
	}

	/** The defaults. */
	public static final Retention DEFAULT = new Retention(new Rule(Duration.ofHours(1), 100),
			new Rule(Duration.ofDays(7), 300));

	/**
	 * One state's rule; a zero age or count disables that limit.
	 *
	 * @param maxAge jobs older than this are removed
	 * @param maxItems only the newest this many are kept
	 */
	public record Rule(Duration maxAge, int maxItems) {

		/**
		 * Creates a rule; zero for either limit means none.
		 * @throws IllegalArgumentException if {@code maxAge} or {@code maxItems} is
		 * negative
		 */
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
