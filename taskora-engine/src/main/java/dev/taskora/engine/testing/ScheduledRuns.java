package dev.taskora.engine.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiPredicate;

import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.internal.TimedWork;
import org.jspecify.annotations.Nullable;

/**
 * The app's work at times of its clock (its schedules) as the test runner drives it: when
 * it is next due, running what is due now, and waiting for the jobs that dispatched when
 * the app's own workers run them.
 */
final class ScheduledRuns {

	private final TaskoraRuntime runtime;

	private final JobWatch watch;

	ScheduledRuns(TaskoraRuntime runtime, JobWatch watch) {
		this.runtime = runtime;
		this.watch = watch;
	}

	/** When the earliest work is due, or {@code null}. */
	@Nullable Long nextDue() {
		Long earliest = null;
		for (TimedWork work : this.runtime.timedWork()) {
			Long due = work.nextDueAt();
			if (due != null && (earliest == null || due < earliest)) {
				earliest = due;
			}
		}
		return earliest;
	}

	/** Runs the work due at {@code now}; returns the jobs it dispatched. */
	List<ResultHandle<?>> runDue(long now) {
		List<ResultHandle<?>> dispatched = new ArrayList<>();
		for (TimedWork work : this.runtime.timedWork()) {
			Long due = work.nextDueAt();
			if (due != null && due <= now) {
				dispatched.addAll(work.runDue());
			}
		}
		return dispatched;
	}

	/** The store was emptied and the clock moved back: the work starts over. */
	void reset() {
		this.runtime.timedWork().forEach(TimedWork::reset);
	}

	/**
	 * Waits until each job is finished or waits for time (a retry, a delay), or nothing
	 * here can move it on.
	 * @return {@code false} when {@code timeout} passed first
	 */
	boolean awaitSettled(List<ResultHandle<?>> handles, Duration timeout, BiPredicate<String, JobState> canProgress) {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (ResultHandle<?> handle : handles) {
			try {
				while (true) {
					CompletableFuture<Void> changed = this.watch.expectChange(handle.id());
					JobState state = handle.state();
					if (state == null || state.isTerminal() || state == JobState.DELAYED || state == JobState.RETRYING
							|| !canProgress.test(handle.task(), state)) {
						break;
					}
					long remaining = deadline - System.nanoTime();
					if (remaining <= 0
							|| !JobWatch.await(CompletableFuture.anyOf(handle.result(), changed), remaining)) {
						return false;
					}
				}
			}
			finally {
				this.watch.forget(handle.id());
			}
		}
		return true;
	}

}
