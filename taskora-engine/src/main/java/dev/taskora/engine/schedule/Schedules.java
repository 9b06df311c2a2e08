package dev.taskora.engine.schedule;

import java.util.List;
import java.util.Optional;

import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.TaskoraException;

/**
 * Runtime management of every schedule in the store, whichever process defined it (Java
 * or Node): list, pause, resume, update, remove, trigger: {@code taskora.schedules()}.
 * Calls block until the store answered.
 *
 * <pre>{@code
 * Schedules schedules = taskora.schedules();
 * schedules.pause("nightly-cleanup");             // during maintenance
 * schedules.resume("nightly-cleanup");
 * ResultHandle<?> run = schedules.trigger("nightly-cleanup");   // one run now, cadence unchanged
 * for (ScheduleInfo s : schedules.list()) {
 *     log.info("{}: next={} paused={}", s.name(), s.nextRun(), s.paused());
 * }
 * }</pre>
 *
 * A schedule this app defines in code is stored again on each start, which resumes it if
 * it was paused and brings it back if it was removed (as in taskora): pausing and
 * removing last until the next deployment; change the definition to make them stick.
 */
public interface Schedules {

	/** Every schedule in the store, by name. */
	List<ScheduleInfo> list();

	/** One schedule. */
	Optional<ScheduleInfo> find(String name);

	/**
	 * Stops the schedule's runs until {@link #resume}; a run already dispatched goes on.
	 * @throws NoSuchScheduleException when there is no such schedule
	 */
	void pause(String name);

	/**
	 * Runs a paused schedule again, next at its next time from now; runs it missed while
	 * paused are not made up. Resuming a schedule that is not paused changes nothing.
	 * @throws NoSuchScheduleException when there is no such schedule
	 */
	void resume(String name);

	/**
	 * Changes a schedule's timing, data or rules; its next run is computed anew from now
	 * (a paused schedule stays paused), its last run and last job are kept.
	 * @throws NoSuchScheduleException when there is no such schedule
	 * @throws InvalidScheduleException when the change leaves an invalid schedule, naming
	 * the field
	 */
	void update(String name, ScheduleUpdate update);

	/**
	 * Deletes a schedule; a run already dispatched goes on.
	 * @return whether it existed
	 */
	boolean remove(String name);

	/**
	 * Dispatches one run now, with the schedule's data. The schedule's cadence, last run
	 * and overlap rule are left alone, and a paused schedule can be triggered.
	 * @return the handle of the job dispatched
	 * @throws NoSuchScheduleException when there is no such schedule
	 * @throws TaskoraException when this process does not define the schedule's task
	 */
	ResultHandle<?> trigger(String name);

	/** Whether this process is the scheduler leader (as of its last tick). */
	boolean isLeader();

}
