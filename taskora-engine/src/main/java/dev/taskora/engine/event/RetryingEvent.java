package dev.taskora.engine.event;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A failed attempt will be retried.
 *
 * @param task the task
 * @param id the job
 * @param attempt the attempt that failed
 * @param nextAttempt the attempt that will run next
 * @param error the error message
 * @param nextAttemptAt when the next attempt becomes due, if known
 */
public record RetryingEvent(String task, String id, int attempt, int nextAttempt, String error,
		@Nullable Instant nextAttemptAt) implements TaskEvent {
}
