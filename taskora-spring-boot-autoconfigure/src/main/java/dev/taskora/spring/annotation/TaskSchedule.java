package dev.taskora.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the task of a {@link TaskConsumer @TaskConsumer} bean on a schedule: every
 * interval or at the times of a cron expression. Repeatable, for several schedules of one
 * task. Each attribute is a string that may hold a {@code ${...}} placeholder;
 * {@code "-"} as {@link #every()} or {@link #cron()} leaves the schedule out (as for
 * Spring's {@code @Scheduled}), so that a property can switch it off.
 *
 * <pre>{@code
 * &#64;TaskConsumer("cleanup-expired")
 *

&#64;TaskSchedule(name = "nightly-cleanup", cron = "${cleanup.cron:0 3 * * *}", zone = "Europe/Berlin",
 *         data = "{\"olderThan\": \"30d\"}")
 * class CleanupConsumer implements TaskHandler<Cleanup, Integer> {
 *     ...
 * }
 * }</pre>
 *
 * Invalid settings stop startup with an analysis naming the schedule and the attribute.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Repeatable(TaskSchedules.class)
public @interface TaskSchedule {

	/**
	 * The schedule's name; empty for the task's name (one schedule of a task may omit
	 * it).
	 */
	String name() default "";

	/**
	 * Interval between runs ({@code "30s"}, {@code "6h"}, {@code "1d"}, {@code "PT6H"});
	 * set this or {@link #cron()}.
	 */
	String every() default "";

	/**
	 * Cron expression: 5 fields (minute hour day-of-month month day-of-week) or 6 with
	 * seconds first; names, {@code L}, {@code W}, {@code #} and {@code @daily}-style
	 * nicknames work. Set this or {@link #every()}.
	 */
	String cron() default "";

	/**
	 * Time zone id the cron expression is read in ({@code "Europe/Berlin"},
	 * {@code "UTC"}); empty for the JVM's default zone.
	 */
	String zone() default "";

	/**
	 * The payload of every run as JSON text, read as the task's input type; empty for
	 * none.
	 */
	String data() default "";

	/**
	 * Whether a run is dispatched while the previous run's job has not finished:
	 * {@code "true"} or {@code "false"} (default).
	 */
	String overlap() default "";

	/**
	 * What to do about runs missed while no scheduler ran: {@code skip} (default: none of
	 * them), {@code catch-up} (all) or {@code catch-up-limit:N} (at most N).
	 */
	String onMissed() default "";

}
