package dev.taskora.spring.config;

import dev.taskora.engine.Taskora;

/**
 * Defines schedules on the {@link Taskora} bean once the tasks of every
 * {@link dev.taskora.spring.annotation.TaskConsumer @TaskConsumer} bean are registered,
 * so that a schedule may name any of them. Beans of this type are called in order, after
 * the {@link dev.taskora.spring.annotation.TaskSchedule @TaskSchedule} annotations; the
 * schedules of {@code taskora.schedules.*} are defined by one.
 *
 * <pre>{@code
 * &#64;Bean
 * TaskoraScheduleRegistrar reportSchedules(ReportSettings settings) {
 *     return taskora -> settings.regions().forEach(region -> taskora.schedule("report-" + region, "daily-report",
 *             Schedule.cron("0 6 * * *").zone(region.zone()).data(new ReportRequest(region))));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface TaskoraScheduleRegistrar {

	/**
	 * Defines schedules on the app.
	 * @throws dev.taskora.engine.schedule.InvalidScheduleException when a definition is
	 * invalid
	 */
	void registerSchedules(Taskora taskora);

}
