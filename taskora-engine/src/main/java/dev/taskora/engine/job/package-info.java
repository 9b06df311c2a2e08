/**
 * What a running job and its task carry besides the handler: the job's log
 * ({@link dev.taskora.engine.job.JobLogger}, {@link dev.taskora.engine.job.LogEntry}),
 * its cancellation signal, the task's resolved options, retention of finished jobs, and
 * what a cancel request did ({@link dev.taskora.engine.job.CancelOutcome}).
 */
@NullMarked
package dev.taskora.engine.job;

import org.jspecify.annotations.NullMarked;
