package dev.taskora.engine.inspect;

import java.util.Map;

import dev.taskora.engine.JobState;

/**
 * How many jobs are in each state, for one task or summed over the app's tasks (taskora's
 * {@code inspector.stats()}). Jobs waiting for a retry share the delayed set and count as
 * {@code delayed}.
 *
 * @param waiting claimable now, both lanes (priority and FIFO)
 * @param active being run
 * @param delayed due later: delayed jobs and jobs waiting for a retry
 * @param completed kept after completing (retention trims them)
 * @param failed failed with no attempt left: the dead letters
 * @param cancelled cancelled
 * @param expired their TTL passed before they ran
 */
public record QueueStats(long waiting, long active, long delayed, long completed, long failed, long cancelled,
		long expired) {

	/** No job at all. */
	public static final QueueStats EMPTY = new QueueStats(0, 0, 0, 0, 0, 0, 0);

	/** Stats from counts by state; a state absent counts 0. */
	public static QueueStats of(Map<JobState, Long> counts) {
		return new QueueStats(get(counts, JobState.WAITING), get(counts, JobState.ACTIVE),
				get(counts, JobState.DELAYED) + get(counts, JobState.RETRYING), get(counts, JobState.COMPLETED),
				get(counts, JobState.FAILED), get(counts, JobState.CANCELLED), get(counts, JobState.EXPIRED));
	}

	/** These stats and {@code other} added up. */
	public QueueStats plus(QueueStats other) {
		return new QueueStats(this.waiting + other.waiting, this.active + other.active, this.delayed + other.delayed,
				this.completed + other.completed, this.failed + other.failed, this.cancelled + other.cancelled,
				this.expired + other.expired);
	}

	/** Every job counted. */
	public long total() {
		return this.waiting + this.active + this.delayed + this.completed + this.failed + this.cancelled + this.expired;
	}

	private static long get(Map<JobState, Long> counts, JobState state) {
		Long count = counts.get(state);
		return (count != null) ? count : 0;
	}

}
