package dev.taskora.engine.event;

import org.jspecify.annotations.Nullable;

/**
 * The job was cancelled.
 *
 * @param task the task
 * @param id the job
 * @param reason the reason given, or {@code null}
 */
public record CancelledEvent(String task, String id, @Nullable String reason) implements TaskEvent {
}
