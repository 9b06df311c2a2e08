package dev.taskora.engine.inspect;

import java.util.List;

import dev.taskora.engine.JobState;
import dev.taskora.engine.job.LogEntry;
import org.jspecify.annotations.Nullable;

/**
 * Everything known about one job at one moment. Looked up through a {@code Task}, data
 * and result are the task's input and output types; looked up by name or id, they are
 * read as the task's types when the task is registered in this app and readable as such,
 * else as plain JSON values (maps, lists, strings, numbers).
 *
 * @param id the job id
 * @param task the task name
 * @param state the job's state
 * @param data the input
 * @param result the output, once completed
 * @param error the last failure message, or {@code null} (never set on a completed job)
 * @param attempt the attempts run so far (for a job waiting for a retry, the runs that
 * failed)
 * @param maxAttempts the attempts allowed when it was dispatched
 * @param version the payload version it was dispatched with
 * @param progress the last progress reported (a number or a JSON value), or {@code null}
 * @param logs the job's structured log, oldest first
 * @param cancelReason the reason given when it was cancelled, or {@code null}
 * @param timeline dispatch, claim and finish times
 * @param workflow the workflow the job is a step of, or {@code null}
 * @param <I> the input type
 * @param <O> the output type
 */
public record JobSnapshot<I, O>(String id, String task, JobState state, @Nullable I data, @Nullable O result,
		@Nullable String error, int attempt, int maxAttempts, int version, @Nullable Object progress,
		List<LogEntry> logs, @Nullable String cancelReason, JobTimeline timeline, @Nullable WorkflowLink workflow) {

	public JobSnapshot {
		logs = List.copyOf(logs);
	}

	/**
	 * The workflow a job is a step of, as stored with the job ({@code _wf},
	 * {@code _wfNode}).
	 *
	 * @param id the workflow's id
	 * @param node the job's node index in the workflow's graph, from 0
	 */
	public record WorkflowLink(String id, int node) {
	}

}
