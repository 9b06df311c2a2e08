package dev.taskora.engine.inspect;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.internal.Futures;
import dev.taskora.engine.internal.TaskoraRuntime;
import org.jspecify.annotations.Nullable;

/** The {@link DeadLetters} over an app's adapter. */
final class StoreDeadLetters implements DeadLetters {

	private final TaskoraRuntime runtime;

	StoreDeadLetters(TaskoraRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public RetryOutcome retry(String jobId) {
		JobRecord record = Futures.join(this.runtime.adapter().inspect().findJob(jobId, this.runtime.taskNames()));
		return retry(record, jobId);
	}

	@Override
	public RetryOutcome retry(Task<?, ?> task, String jobId) {
		return retry(Futures.join(this.runtime.adapter().inspect().findJob(task.name(), jobId)), jobId);
	}

	private RetryOutcome retry(@Nullable JobRecord record, String jobId) {
		if (record == null) {
			return RetryOutcome.NOT_FOUND;
		}
		if (record.state() != JobState.FAILED) {
			return RetryOutcome.NOT_FAILED;
		}
		// The move itself checks the failed set atomically: a job that left it meanwhile is not touched.
		boolean moved = Futures.join(this.runtime.adapter()
			.maintenance()
			.retryFailed(record.task(), jobId, this.runtime.clock().millis()));
		return moved ? RetryOutcome.RETRIED : RetryOutcome.NOT_FAILED;
	}

}
