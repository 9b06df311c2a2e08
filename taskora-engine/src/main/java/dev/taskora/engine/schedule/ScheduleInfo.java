package dev.taskora.engine.schedule;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A stored schedule as {@link Schedules#list()} reports it.
 *
 * @param name the schedule's name
 * @param task the task its runs dispatch
 * @param schedule its timing, data and rules; data is read as the task's input type when
 * this process defines the task, else as plain JSON values (maps, lists, strings,
 * numbers)
 * @param nextRun when it runs next; {@code null} when paused
 * @param lastRun when it last ran, or {@code null}
 * @param lastJobId the job its last run dispatched, or {@code null}
 * @param paused whether it is paused
 * @param problem why this process cannot run it as stored (its task is not defined here,
 * its cron or zone is invalid, ...), or {@code null}; the leader skips such a schedule's
 * runs and logs the reason once
 */
public record ScheduleInfo(String name, String task, Schedule schedule, @Nullable Instant nextRun,
		@Nullable Instant lastRun, @Nullable String lastJobId, boolean paused, @Nullable String problem) {
}
