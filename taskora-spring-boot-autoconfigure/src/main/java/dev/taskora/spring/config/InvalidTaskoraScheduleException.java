package dev.taskora.spring.config;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanInitializationException;

/**
 * A schedule from the application's configuration ({@code taskora.schedules.*}) or from a
 * {@link dev.taskora.spring.annotation.TaskSchedule @TaskSchedule} annotation that cannot
 * be defined: an invalid cron expression or zone, both or neither of every and cron, a
 * non-positive interval, an unknown task, data the task does not take, an unknown
 * missed-run policy, a name defined twice. Names the schedule and the setting at fault.
 */
public class InvalidTaskoraScheduleException extends BeanInitializationException {

	private final String schedule;

	private final String setting;

	private final @Nullable String value;

	private final String reason;

	private final String action;

	/**
	 * @param schedule the schedule's name
	 * @param setting where the wrong value is set: a property
	 * ({@code taskora.schedules.x.cron}) or an annotation attribute
	 * @param value the value as set, or {@code null} when it is missing
	 * @param reason what is wrong
	 * @param action how to fix it
	 * @param cause the failure behind it, or {@code null}
	 */
	public InvalidTaskoraScheduleException(String schedule, String setting, @Nullable String value, String reason,
			String action, @Nullable Throwable cause) {
		super("Schedule '" + schedule + "' (" + setting + ((value != null) ? " = '" + value + "'" : "") + "): "
				+ reason);
		if (cause != null) {
			initCause(cause);
		}
		this.schedule = schedule;
		this.setting = setting;
		this.value = value;
		this.reason = reason;
		this.action = action;
	}

	/** The schedule's name. */
	public String getSchedule() {
		return this.schedule;
	}

	/** The property or annotation attribute holding the wrong value. */
	public String getSetting() {
		return this.setting;
	}

	/** The value as set, or {@code null} when it is missing. */
	public @Nullable String getValue() {
		return this.value;
	}

	/** What is wrong. */
	public String getReason() {
		return this.reason;
	}

	/** How to fix it. */
	public String getAction() {
		return this.action;
	}

}
