package dev.taskora.engine.schedule;

/**
 * A schedule definition or update that cannot work: an invalid cron expression or zone,
 * both or neither of every and cron, a non-positive interval, an unknown task, data the
 * task does not take. Names the schedule and the field at fault.
 */
public class InvalidScheduleException extends IllegalArgumentException {

	private final String schedule;

	private final String field;

	/**
	 * Creates the exception for a schedule with an invalid field.
	 * @param schedule the schedule's name
	 * @param field the field that is wrong
	 * @param problem what is wrong with it
	 */
	public InvalidScheduleException(String schedule, String field, String problem) {
		super("Schedule '" + schedule + "': " + field + " " + problem);
		this.schedule = schedule;
		this.field = field;
	}

	/** The schedule's name. */
	public String schedule() {
		return this.schedule;
	}

	/**
	 * The field at fault: {@code every}, {@code cron}, {@code zone}, {@code task},
	 * {@code data} or {@code name}.
	 */
	public String field() {
		return this.field;
	}

}
