package dev.taskora.engine.schedule;

import java.time.Duration;
import java.util.Objects;

/**
 * How this process takes part in scheduling. Immutable; each method returns a changed
 * copy.
 *
 * <pre>{@code
 * Taskora.builder().scheduler(SchedulerOptions.defaults().lockTtl(Duration.ofSeconds(10)))
 * }</pre>
 */
public final class SchedulerOptions {

	private static final SchedulerOptions DEFAULTS = new SchedulerOptions(Duration.ofSeconds(1), Duration.ofSeconds(30),
			Mode.AUTO);

	private final Duration pollInterval;

	private final Duration lockTtl;

	private final Mode mode;

	private SchedulerOptions(Duration pollInterval, Duration lockTtl, Mode mode) {
		this.pollInterval = pollInterval;
		this.lockTtl = lockTtl;
		this.mode = mode;
	}

	/**
	 * Ticks every second, leader lock of 30 s, runs when the app defines a schedule
	 * (taskora's defaults).
	 */
	public static SchedulerOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * How often the scheduler renews its lock and looks for due schedules (at least 10
	 * ms). A run reached more than two poll intervals after it fell due counts as missed.
	 */
	public SchedulerOptions pollInterval(Duration pollInterval) {
		if (pollInterval.toMillis() < 10) {
			throw new IllegalArgumentException("pollInterval must be at least 10ms, was " + pollInterval);
		}
		return new SchedulerOptions(pollInterval, this.lockTtl, this.mode);
	}

	/**
	 * How long the leader lock lives without renewal (at least 100 ms): when the leader
	 * dies, another process takes over within this time (plus one tick), and the latest
	 * run due in between is not counted as missed. Must be longer than the poll interval.
	 */
	public SchedulerOptions lockTtl(Duration lockTtl) {
		if (lockTtl.toMillis() < 100) {
			throw new IllegalArgumentException("lockTtl must be at least 100ms, was " + lockTtl);
		}
		return new SchedulerOptions(this.pollInterval, lockTtl, this.mode);
	}

	/** Whether this process competes for leadership. */
	public SchedulerOptions mode(Mode mode) {
		return new SchedulerOptions(this.pollInterval, this.lockTtl, Objects.requireNonNull(mode, "mode"));
	}

	/** How often the scheduler ticks. */
	public Duration pollInterval() {
		return this.pollInterval;
	}

	/** How long the leader lock lives without renewal. */
	public Duration lockTtl() {
		return this.lockTtl;
	}

	/** Whether this process competes for leadership. */
	public Mode mode() {
		return this.mode;
	}

	/** How late a running scheduler may come to a run: later, the run was missed. */
	long inTimeWindowMs() {
		return 2 * this.pollInterval.toMillis();
	}

	/**
	 * How late the latest due run may be reached and still not count as missed: the time
	 * a process needs to take over from a leader that died holding the lock.
	 */
	long takeoverGraceMs() {
		return this.lockTtl.toMillis() + 2 * this.pollInterval.toMillis();
	}

	/**
	 * Fails when the options cannot keep a leader: the lock would expire between two
	 * renewals.
	 */
	void check() {
		if (this.lockTtl.compareTo(this.pollInterval) <= 0) {
			throw new IllegalArgumentException("lockTtl (" + this.lockTtl + ") must be longer than pollInterval ("
					+ this.pollInterval + "), or the leader loses its lock between two ticks");
		}
	}

	@Override
	public String toString() {
		return "SchedulerOptions[pollInterval=" + this.pollInterval + ", lockTtl=" + this.lockTtl + ", mode="
				+ this.mode + "]";
	}

	/** Whether a process competes for scheduler leadership. */
	public enum Mode {

		/**
		 * Runs the scheduler once the app defines a schedule, as taskora does. Schedules
		 * are stored on start either way.
		 */
		AUTO,

		/**
		 * Runs the scheduler even without schedules of its own, to run those other
		 * processes define.
		 */
		ALWAYS,

		/**
		 * Never leads: the app stores its schedules and leaves running them to other
		 * processes.
		 */
		NEVER

	}

}
