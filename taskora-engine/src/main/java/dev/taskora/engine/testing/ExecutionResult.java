package dev.taskora.engine.testing;

import java.util.List;

import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.inspect.JobTimeline;
import dev.taskora.engine.job.LogEntry;
import org.jspecify.annotations.Nullable;

/**
 * What {@link TestRunner#execute} (or {@link TestRunner#settle}) observed once the job
 * settled: its final state and everything it reported. Failures are reported here, never
 * thrown.
 *
 * @param id the job id
 * @param state {@code completed}, {@code failed}, {@code cancelled} or {@code expired};
 * another state when the job did not finish within the runner's timeout, or nothing here
 * runs its task
 * @param result the output, when completed
 * @param error the last error message, when not completed
 * @param attempts how many attempts ran
 * @param logs the job's log entries, oldest first
 * @param progress the last progress reported, or {@code null}
 * @param timeline dispatch, last claim and finish times (on the runner's clock)
 * @param handle the job's handle
 * @param <O> the output type
 */
public record ExecutionResult<O>(String id, JobState state, @Nullable O result, @Nullable String error, int attempts,
		List<LogEntry> logs, @Nullable Object progress, JobTimeline timeline, ResultHandle<O> handle) {

	public ExecutionResult {
		logs = List.copyOf(logs);
	}

	/** Whether the job completed. */
	public boolean isCompleted() {
		return this.state == JobState.COMPLETED;
	}

}
