package dev.taskora.engine.worker;

import java.util.List;

import dev.taskora.engine.CancelledException;
import dev.taskora.engine.JobTimeoutException;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.retry.RetryException;

/**
 * taskora's retry decision table: a manual retry always retries while attempts remain;
 * timeouts retry only when listed in {@code retryOn}; validation errors and cancellations
 * never; otherwise {@code noRetryOn} excludes, a non-empty {@code retryOn} includes, and
 * attempts decide.
 */
final class RetryDecision {

	private RetryDecision() {
	}

	/**
	 * The delay before the next attempt in ms, or {@link JobFailure#PERMANENT}.
	 * @param retry the task's policy
	 * @param error what the attempt threw
	 * @param attempt the attempt that failed, 1-based
	 */
	static long retryDelay(Retry retry, Throwable error, int attempt) {
		if (attempt >= retry.attempts() || error instanceof CancelledException) {
			return JobFailure.PERMANENT;
		}
		if (error instanceof RetryException manual) {
			return (manual.delay() != null) ? Math.max(manual.delay().toMillis(), 0)
					: retry.delayAfter(attempt).toMillis();
		}
		if (error instanceof ValidationException || matches(retry.noRetryOn(), error)) {
			return JobFailure.PERMANENT;
		}
		boolean listed = matches(retry.retryOn(), error);
		if (error instanceof JobTimeoutException && !listed) {
			return JobFailure.PERMANENT;
		}
		if (!retry.retryOn().isEmpty() && !listed) {
			return JobFailure.PERMANENT;
		}
		return retry.delayAfter(attempt).toMillis();
	}

	private static boolean matches(List<Class<? extends Throwable>> types, Throwable error) {
		for (Class<? extends Throwable> type : types) {
			if (type.isInstance(error)) {
				return true;
			}
		}
		return false;
	}

}
