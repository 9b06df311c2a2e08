package dev.taskora.engine.testing;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves the test runner's virtual clock forward the way time passes for a running app: it
 * stops at each schedule run on the way, dispatches it, and processes its jobs (or waits
 * for the app's workers to) before moving on. {@link TestRunner#advanceTime} delegates
 * here.
 */
final class ScheduledTime {

	// logged under TestRunner, the class tests call
	private static final Logger logger = LoggerFactory.getLogger(TestRunner.class);

	private static final int MAX_SCHEDULE_STEPS = 10_000;

	private final Supplier<VirtualClock> clock;

	private final Supplier<MemoryAdapter> adapter;

	/** Whether jobs are processed on the test's thread now (the workers do not run). */
	private final BooleanSupplier stepping;

	private final JobProcessor processor;

	private final ScheduledRuns schedules;

	private final JobSettling settling;

	private final Supplier<Duration> timeout;

	ScheduledTime(Supplier<VirtualClock> clock, Supplier<MemoryAdapter> adapter, BooleanSupplier stepping,
			JobProcessor processor, ScheduledRuns schedules, JobSettling settling, Supplier<Duration> timeout) {
		this.clock = clock;
		this.adapter = adapter;
		this.stepping = stepping;
		this.processor = processor;
		this.schedules = schedules;
		this.settling = settling;
		this.timeout = timeout;
	}

	/** See {@link TestRunner#advanceTime}. */
	void advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("Cannot advance time by a negative duration: " + duration);
		}
		long target = Math.addExact(this.clock.get().millis(), duration.toMillis());
		runSchedules();
		Long previous = null;
		for (int step = 0;; step++) {
			Long due = this.schedules.nextDue();
			if (due == null || due > target || due.equals(previous)) {
				// nothing due before the target, or a run this app cannot move on
				// (another app leads)
				break;
			}
			previous = due;
			if (step == MAX_SCHEDULE_STEPS) {
				throw new IllegalStateException("advanceTime(" + duration + ") passed " + MAX_SCHEDULE_STEPS
						+ " schedule runs; advance in smaller steps");
			}
			moveTo(due);
			runSchedules();
		}
		moveTo(target);
		runSchedules();
	}

	private void moveTo(long epochMillis) {
		this.clock.get().advanceTo(epochMillis);
		this.adapter.get().wakeUp();
		if (this.stepping.getAsBoolean()) {
			this.processor.processAll();
		}
	}

	/**
	 * Runs the schedules due now, then processes their jobs or waits for the app's
	 * workers to.
	 */
	private void runSchedules() {
		List<ResultHandle<?>> dispatched = this.schedules.runDue(this.clock.get().millis());
		if (this.stepping.getAsBoolean()) {
			this.processor.processAll();
		}
		else if (!this.schedules.awaitSettled(dispatched, this.timeout.get(), this.settling::canProgress)) {
			logger.warn("Jobs dispatched by schedules at {} had not settled within {}", this.clock.get().instant(),
					this.timeout.get());
		}
	}

}
