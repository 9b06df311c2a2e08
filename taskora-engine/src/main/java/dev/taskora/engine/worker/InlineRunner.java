package dev.taskora.engine.worker;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobTimeoutException;
import dev.taskora.engine.Task;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.contract.PayloadGate;
import dev.taskora.engine.event.Registration;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.job.CancellationSignal.Reason;
import org.jspecify.annotations.Nullable;

/**
 * Runs a task's middleware and handler directly, under the task's timeout, retrying
 * inline without waiting for backoff: the test runner's {@code run()}. No queue, no
 * storage.
 */
final class InlineRunner {

	private static final ExecutionContext.Reporter NO_REPORTS = new ExecutionContext.Reporter() {

		@Override
		public void heartbeat() {
		}

		@Override
		public void progress(String stored, Object value) {
		}

		@Override
		public void log(String entryJson) {
		}

	};

	private InlineRunner() {
	}

	/**
	 * Runs until an attempt succeeds or the retry policy gives up.
	 * @throws RuntimeException the last attempt's error (checked ones wrapped in
	 * {@link JobFailedException})
	 */
	@SuppressWarnings("unchecked")
	static <I, O> @Nullable O run(TaskoraRuntime runtime, Task<I, O> task, @Nullable I data) {
		PayloadGate.checkPayload(data, task.name(), task.handlerInputType());
		HandlerChain chain = new HandlerChain(runtime.middleware(), task);
		String id = UUID.randomUUID().toString();
		long timestamp = runtime.clock().millis();
		for (int attempt = 1;; attempt++) {
			ActiveJob signal = new ActiveJob(new ClaimedJob(id, "", task.options().version(), attempt, timestamp, ""),
					Thread.currentThread());
			ExecutionContext ctx = new ExecutionContext(task.name(), id, attempt, timestamp, Map.of(), signal,
					NO_REPORTS, runtime.serializer(), runtime.clock(), data);
			Duration timeout = task.options().timeout();
			Registration timer = (timeout == null) ? null
					: JobTimers.timeout(runtime, timeout, () -> signal.fire(Reason.TIMEOUT));
			Throwable error = null;
			Object result = null;
			signal.enterHandler();
			try {
				result = chain.invoke(ctx);
			}
			catch (Exception | AssertionError ex) {
				error = ex;
			}
			finally {
				signal.leaveHandler();
				if (timer != null) {
					timer.close();
				}
			}
			if (signal.reason() == Reason.TIMEOUT && timeout != null) {
				error = JobTimeoutException.handler(id, timeout);
			}
			if (error == null) {
				return (O) result;
			}
			if (RetryDecision.retryDelay(task.options().retry(), error, attempt) < 0) {
				if (error instanceof RuntimeException unchecked) {
					throw unchecked;
				}
				if (error instanceof Error fatal) {
					throw fatal;
				}
				throw new JobFailedException(id, String.valueOf(error.getMessage()), error);
			}
		}
	}

}
