/**
 * Scheduling: interval and cron schedules run by one elected leader among every process
 * sharing the store. Define them with {@link dev.taskora.engine.Taskora#schedule} or
 * {@link dev.taskora.engine.TaskBuilder#schedule}, describe them with
 * {@link dev.taskora.engine.schedule.Schedule}, and manage them at runtime through
 * {@link dev.taskora.engine.schedule.Schedules} ({@code taskora.schedules()}). The runs,
 * the missed-run counting and the wire config are package-private here;
 * {@link dev.taskora.engine.schedule.Scheduler} is the internal entry the app starts and
 * stops, and the test runner ticks through {@link dev.taskora.engine.internal.TimedWork}.
 */
@NullMarked
package dev.taskora.engine.schedule;

import org.jspecify.annotations.NullMarked;
