package dev.taskora.engine.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;
import java.util.concurrent.atomic.AtomicLong;

import dev.taskora.engine.event.Registration;
import dev.taskora.engine.internal.TimerClock;

/**
 * A clock that moves only when told to. Thread-safe; time never goes backwards, except
 * through {@link #reset()} between tests.
 * <p>
 * It is also the timer of what runs on it: workers whose adapter reads this clock
 * schedule handler timeouts and lock extensions here, and moving the clock runs them in
 * time order as it passes their due times. A job with a one-hour timeout therefore times
 * out when the clock is moved an hour on, at once, and keeps its lock however far the
 * clock jumps while it runs.
 */
public final class VirtualClock extends Clock implements TimerClock {

	private final Timeline timeline;

	private final ZoneId zone;

	/** A clock starting at the current wall-clock time. */
	public VirtualClock() {
		this(Instant.now());
	}

	/**
	 * A clock starting at this instant, for tests that assert exact times.
	 * @param start the initial time
	 */
	public VirtualClock(Instant start) {
		this(new Timeline(start.toEpochMilli()), ZoneOffset.UTC);
	}

	private VirtualClock(Timeline timeline, ZoneId zone) {
		this.timeline = timeline;
		this.zone = zone;
	}

	/** Moves time forward, running the timers it passes. */
	public void advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("Cannot advance time by a negative duration: " + duration);
		}
		advanceTo(this.timeline.millis.get() + duration.toMillis());
	}

	/**
	 * Moves time forward to {@code epochMillis}, running the timers it passes in the
	 * order of their due times, each with the clock showing its due time; earlier times
	 * are ignored.
	 */
	public void advanceTo(long epochMillis) {
		this.timeline.advanceTo(epochMillis);
	}

	/**
	 * Moves the clock back to the instant it started at and drops every pending timer.
	 * For test harnesses between tests, while nothing runs on the clock.
	 */
	public void reset() {
		this.timeline.reset();
	}

	/** The instant this clock started at, and returns to on {@link #reset()}. */
	public Instant start() {
		return Instant.ofEpochMilli(this.timeline.start);
	}

	/** How many timers wait for the clock to reach them. */
	public int pendingTimers() {
		return this.timeline.pending();
	}

	@Override
	public Registration schedule(long dueMillis, Runnable action) {
		return this.timeline.schedule(dueMillis, action);
	}

	@Override
	public long millis() {
		return this.timeline.millis.get();
	}

	@Override
	public Instant instant() {
		return Instant.ofEpochMilli(millis());
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new VirtualClock(this.timeline, zone);
	}

	/** The time and timers every zone view of one clock shares. */
	private static final class Timeline {

		final long start;

		final AtomicLong millis;

		/** Guarded by itself. */
		private final PriorityQueue<Timer> timers = new PriorityQueue<>();

		/**
		 * Orders timers due at the same time by scheduling; guarded by {@link #timers}.
		 */
		private long sequence;

		Timeline(long start) {
			this.start = start;
			this.millis = new AtomicLong(start);
		}

		Registration schedule(long dueMillis, Runnable action) {
			Timer timer;
			synchronized (this.timers) {
				timer = new Timer(dueMillis, this.sequence++, action);
				this.timers.add(timer);
			}
			if (dueMillis <= this.millis.get()) {
				advanceTo(dueMillis);
			}
			return () -> {
				synchronized (this.timers) {
					this.timers.remove(timer);
				}
			};
		}

		void advanceTo(long target) {
			RuntimeException failure = null;
			while (true) {
				Timer next;
				synchronized (this.timers) {
					next = this.timers.peek();
					if (next == null || next.due > Math.max(target, this.millis.get())) {
						break;
					}
					this.timers.poll();
				}
				// Timers run outside the lock, so that they may schedule others (a lock
				// extension schedules its next run) or call into the store.
				this.millis.accumulateAndGet(next.due, Math::max);
				try {
					next.action.run();
				}
				catch (RuntimeException ex) {
					// The clock still reaches its target; the caller hears of the first
					// failure.
					if (failure == null) {
						failure = ex;
					}
				}
			}
			this.millis.accumulateAndGet(target, Math::max);
			if (failure != null) {
				throw failure;
			}
		}

		void reset() {
			synchronized (this.timers) {
				this.timers.clear();
				this.millis.set(this.start);
			}
		}

		int pending() {
			synchronized (this.timers) {
				return this.timers.size();
			}
		}

	}

	private record Timer(long due, long sequence, Runnable action) implements Comparable<Timer> {

		@Override
		public int compareTo(Timer other) {
			int byDue = Long.compare(this.due, other.due);
			return (byDue != 0) ? byDue : Long.compare(this.sequence, other.sequence);
		}

	}

}
