package dev.taskora.spring.boot.test.autoconfigure;

import java.util.List;

import dev.taskora.engine.JobState;
import dev.taskora.engine.inspect.JobTimeline;
import dev.taskora.engine.job.LogEntry;
import org.jspecify.annotations.Nullable;

/**
 * What {@link TaskoraTestHarness#execute} observed once the job settled. Failures are reported
 * here, never thrown.
 *
 * @param id the job id
 * @param state {@code completed}, {@code failed}, {@code cancelled} or {@code expired}; another
 * state when the job did not finish within the harness timeout (or no worker runs its task)
 * @param result the output, when completed
 * @param error the last error message, when not completed
 * @param attempts how many attempts ran
 * @param logs the job's log entries, oldest first
 * @param progress the last progress reported, or {@code null}
 * @param timeline dispatch, last claim and finish times (virtual clock)
 * @param <O> the output type
 */
public record JobExecution<O>(String id, JobState state, @Nullable O result, @Nullable String error, int attempts,
		List<LogEntry> logs, @Nullable Object progress, JobTimeline timeline) {

	public JobExecution {
		logs = List.copyOf(logs);
	}

	/** Whether the job completed. */
	public boolean isCompleted() {
		return this.state == JobState.COMPLETED;
	}

}
