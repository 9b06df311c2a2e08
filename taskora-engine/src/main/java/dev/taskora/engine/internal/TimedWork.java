package dev.taskora.engine.internal;

import java.util.List;

import dev.taskora.engine.ResultHandle;
import org.jspecify.annotations.Nullable;

/**
 * Work an app does when its clock reaches a time, besides jobs becoming due: the runs of
 * its schedules. On the system clock the work keeps time on a thread of its own; under a
 * test runner's virtual clock it does nothing by itself, and the runner moves the clock
 * from one due time to the next and runs it there.
 * <p>
 * <strong>Internal, not API:</strong> public for the engine's sibling packages only.
 */
public interface TimedWork {

	/**
	 * When this next has something to do, in epoch ms of the adapter's clock, or
	 * {@code null}.
	 */
	@Nullable Long nextDueAt();

	/**
	 * Does what is due at the clock's current time, and returns the jobs it dispatched.
	 */
	List<ResultHandle<?>> runDue();

	/**
	 * Starts over after a test harness emptied the store and moved the clock back: what
	 * this work keeps in the store is written again, from the clock's time, when next
	 * needed.
	 */
	void reset();

}
