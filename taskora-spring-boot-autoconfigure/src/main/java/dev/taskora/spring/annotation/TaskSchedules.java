package dev.taskora.spring.annotation;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Holds several {@link TaskSchedule @TaskSchedule} annotations of one class. */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface TaskSchedules {

	/**
	 * The schedules, in declaration order.
	 * @return the schedules
	 */
	TaskSchedule[] value();

}
