package dev.taskora.engine.worker;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.taskora.engine.event.Registration;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.internal.TimerClock;
import org.jspecify.annotations.Nullable;

/**
 * Times what a running job measures in the store's time. On a real clock the handler
 * timeout goes to the app's timer thread, and {@link TaskWorker} extends the locks it
 * holds at a fixed rate. On a {@link TimerClock} (a virtual clock in tests) both run on
 * the clock itself, so that they follow it: the timeout fires when the clock passes it,
 * and the lock is extended as the clock moves, as often as a worker would extend it in
 * real time.
 */
final class JobTimers {

	private JobTimers() {
	}

	/**
	 * The adapter's clock if it runs timers itself (a virtual clock), else {@code null}.
	 */
	static @Nullable TimerClock timerClock(TaskoraRuntime runtime) {
		return (runtime.clock() instanceof TimerClock clock) ? clock : null;
	}

	/**
	 * Runs {@code action} once the job has run for {@code timeout} of the clock's time.
	 */
	static Registration timeout(TimerClock clock, Duration timeout, Runnable action) {
		return clock.schedule(clock.millis() + timeout.toMillis(), action);
	}

	/**
	 * Runs {@code action} once the job has run for {@code timeout} of the adapter's time,
	 * on its clock or timer.
	 */
	static Registration timeout(TaskoraRuntime runtime, Duration timeout, Runnable action) {
		TimerClock clock = timerClock(runtime);
		if (clock != null) {
			return timeout(clock, timeout, action);
		}
		ScheduledFuture<?> future = runtime.timer().schedule(action, timeout.toMillis(), TimeUnit.MILLISECONDS);
		return () -> future.cancel(false);
	}

	/**
	 * Runs {@code extend} every third of the lock's lifetime of the clock's time until
	 * closed. Only for a {@link TimerClock}: on a real clock the worker's own extension
	 * covers the job.
	 */
	static Registration lockExtension(TimerClock clock, long lockTtlMs, Runnable extend) {
		Repeating repeating = new Repeating(clock, Math.max(lockTtlMs / 3, 10), extend);
		repeating.scheduleAfter(clock.millis());
		return repeating;
	}

	/** A timer that schedules its next run on the clock each time it runs. */
	private static final class Repeating implements Registration {

		private final TimerClock clock;

		private final long period;

		private final Runnable action;

		private volatile boolean closed;

		private volatile @Nullable Registration next;

		Repeating(TimerClock clock, long period, Runnable action) {
			this.clock = clock;
			this.period = period;
			this.action = action;
		}

		void scheduleAfter(long previousDue) {
			long due = previousDue + this.period;
			this.next = this.clock.schedule(due, () -> {
				if (!this.closed) {
					this.action.run();
					scheduleAfter(due);
				}
			});
		}

		@Override
		public void close() {
			this.closed = true;
			Registration scheduled = this.next;
			if (scheduled != null) {
				scheduled.close();
			}
		}

	}

}
