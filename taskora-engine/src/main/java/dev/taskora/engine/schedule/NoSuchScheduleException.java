package dev.taskora.engine.schedule;

import dev.taskora.engine.TaskoraException;

/** A runtime operation named a schedule the store does not have. */
public class NoSuchScheduleException extends TaskoraException {

	private final String schedule;

	/**
	 * Creates the exception for a schedule name the store does not hold.
	 * @param schedule the name
	 */
	public NoSuchScheduleException(String schedule) {
		super("Schedule '" + schedule + "' does not exist");
		this.schedule = schedule;
	}

	/** The name that was not found. */
	public String schedule() {
		return this.schedule;
	}

}
