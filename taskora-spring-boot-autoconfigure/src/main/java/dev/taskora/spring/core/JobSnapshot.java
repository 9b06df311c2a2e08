package dev.taskora.spring.core;

import java.util.List;

import dev.taskora.engine.JobState;
import dev.taskora.engine.LogEntry;
import org.jspecify.annotations.Nullable;

/**
 * Everything known about one job at one moment. Data and result are read as the task's input and
 * output types when the task is registered in this app, else as plain JSON values (maps, lists,
 * strings, numbers).
 *
 * @param id the job id
 * @param task the task name
 * @param state the job's state
 * @param data the input
 * @param result the output, once completed
 * @param error why the last failed attempt failed, or {@code null}; always {@code null} once the
 * job completed, even if an earlier attempt failed
 * @param cancelReason the reason given when the job was cancelled, or {@code null}
 * @param attempt the attempt running now or that ran last, 1-based: while the job is
 * {@code retrying} it is the attempt that failed (the next run is {@code attempt + 1}); while it
 * is {@code waiting} or {@code delayed}, the attempt it will run next
 * @param maxAttempts the attempts allowed when it was dispatched
 * @param progress the last progress reported (a number or a JSON value), or {@code null}
 * @param logs the job's structured log, oldest first
 * @param timeline dispatch, claim and finish times
 */
public record JobSnapshot(String id, String task, JobState state, @Nullable Object data, @Nullable Object result,
		@Nullable String error, @Nullable String cancelReason, int attempt, int maxAttempts,
		@Nullable Object progress, List<LogEntry> logs, JobTimeline timeline) {

	public JobSnapshot {
		logs = List.copyOf(logs);
	}

}
