package dev.taskora.engine.retry;

import java.time.Duration;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskoraException;
import org.jspecify.annotations.Nullable;

/**
 * A manual retry request, made with {@link JobContext#retry()} and thrown from the
 * handler. Always retried (it bypasses {@code retryOn} / {@code noRetryOn}) unless the
 * attempts are exhausted.
 */
public class RetryException extends TaskoraException {

	private final @Nullable Duration delay;

	/**
	 * Creates the request to retry; throw it from a handler.
	 * @param reason why the attempt is retried, stored as its error; {@code null} for a
	 * generic message
	 * @param delay the delay before the next attempt, or {@code null} for the task's
	 * backoff
	 */
	public RetryException(@Nullable String reason, @Nullable Duration delay) {
		super(reason != null ? reason : "Retry requested");
		this.delay = delay;
	}

	/** The delay before the next attempt, or {@code null} to use the task's backoff. */
	public @Nullable Duration delay() {
		return this.delay;
	}

}
