package dev.taskora.engine.adapter;

import org.jspecify.annotations.Nullable;

/**
 * One schedule as stored: its name, its JSON config (taskora's wire layout, never
 * interpreted by the store) and when it runs next.
 *
 * @param name the schedule name
 * @param config the JSON config
 * @param nextRun the next run in epoch ms, or {@code null} when the schedule is paused;
 * for a schedule returned by {@link ScheduleStore#claimDue}, the time it was due
 */
public record StoredSchedule(String name, String config, @Nullable Long nextRun) {

	/** Whether the schedule has no next run. */
	public boolean paused() {
		return this.nextRun == null;
	}

}
