package dev.taskora.engine.job;

import dev.taskora.engine.TaskoraException;

/** Stored as the error of a job that stalled more often than its task allows. */
public class StalledException extends TaskoraException {

	/** The message taskora stores on the job. */
	public static final String MESSAGE = "Job stalled and exceeded max stalled count";

	/**
	 * Creates the error stored for a job that stalled too often, with taskora's message.
	 */
	public StalledException() {
		super(MESSAGE);
	}

}
