package dev.taskora.engine.event;

/**
 * A job's worker stopped extending its lock.
 *
 * @param task the task
 * @param id the job
 * @param count how often the job has stalled
 * @param action what the sweep did
 */
public record StalledEvent(String task, String id, int count, Action action) implements TaskEvent {

	/** What happened to a stalled job. */
	public enum Action {

		/** Re-queued for another run. */
		RECOVERED,

		/** Stalled too often: moved to failed. */
		FAILED

	}

}
