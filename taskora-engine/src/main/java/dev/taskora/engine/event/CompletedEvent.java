package dev.taskora.engine.event;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The handler returned.
 *
 * @param task the task
 * @param id the job
 * @param result the result, typed as the task's output when the task is known in this
 * process
 * @param duration time from claim to completion of the last attempt
 * @param attempt the attempt that succeeded
 */
public record CompletedEvent(String task, String id, @Nullable Object result, Duration duration,
		int attempt) implements TaskEvent {
}
