package dev.taskora.engine.testing;

import java.util.List;

import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.job.LogEntry;
import org.jspecify.annotations.Nullable;

/**
 * What {@link TestRunner#execute} observed: the job's final state and everything it reported.
 *
 * @param state final state ({@code completed}, {@code failed}, {@code cancelled}, {@code expired};
 * or where it got stuck)
 * @param result the output, when completed
 * @param attempts how many attempts ran
 * @param logs the job's log entries
 * @param progress the last progress reported, or {@code null}
 * @param error the last error message, when not completed
 * @param handle the job's handle
 * @param <O> the output type
 */
public record ExecutionResult<O>(JobState state, @Nullable O result, int attempts, List<LogEntry> logs,
		@Nullable Object progress, @Nullable String error, ResultHandle<O> handle) {
}
