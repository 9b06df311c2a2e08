package dev.taskora.engine.adapter;

/**
 * How an attempt ended, as a worker settles it: a {@link JobCompletion} or a
 * {@link JobFailure}.
 */
public sealed interface JobOutcome permits JobCompletion, JobFailure {

	/** The job. */
	String jobId();

	/** The lock token the job is held with. */
	String token();

	/** When the attempt ended (epoch ms). */
	long now();

}
