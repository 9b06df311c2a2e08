package dev.taskora.engine.adapter;

/** The answer to a lock extension. */
public enum LockStatus {

	/** The lock was extended. */
	HELD,

	/** Another token holds the lock, or it expired; the job may run elsewhere. */
	LOST,

	/**
	 * The lock was extended but the job has been cancelled; the worker should stop it.
	 */
	CANCELLED

}
