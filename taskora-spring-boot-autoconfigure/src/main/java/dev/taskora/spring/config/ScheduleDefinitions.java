package dev.taskora.spring.config;

import dev.taskora.engine.Taskora;
import dev.taskora.engine.schedule.InvalidScheduleException;
import dev.taskora.engine.schedule.Schedule;
import org.jspecify.annotations.Nullable;

/**
 * Defines schedules written in the application's configuration or in annotations on the
 * app, and reports a wrong setting by where it is written: the property or the annotation
 * attribute, with the value as written.
 */
public final class ScheduleDefinitions {

	private ScheduleDefinitions() {
	}

	/**
	 * Defines a schedule.
	 * @throws InvalidTaskoraScheduleException naming the setting at fault
	 */
	public static void define(Taskora taskora, String name, String task, Schedule schedule, Origin origin) {
		try {
			taskora.schedule(name, task, schedule);
		}
		catch (InvalidScheduleException ex) {
			throw invalid(name, ex.field(), ex.getMessage(), origin, ex);
		}
	}

	/**
	 * The exception for a wrong setting of a schedule.
	 * @param field the engine's name of the setting: {@code every}, {@code cron},
	 * {@code zone}, {@code task}, {@code data}, {@code onMissed}, {@code overlap} or
	 * {@code name}
	 */
	public static InvalidTaskoraScheduleException invalid(String name, String field, @Nullable String reason,
			Origin origin, @Nullable Throwable cause) {
		String setting = origin.setting(field);
		return new InvalidTaskoraScheduleException(name, setting, origin.value(field),
				(reason != null) ? reason : "is not valid", origin.action(setting), cause);
	}

	/** Where the settings of one schedule are written. */
	public interface Origin {

		/** Where a setting is written ({@code taskora.schedules.nightly.cron}). */
		String setting(String field);

		/** The setting's value as written, or {@code null} when it is not set. */
		@Nullable String value(String field);

		/** How to fix a wrong setting. */
		String action(String setting);

	}

}
