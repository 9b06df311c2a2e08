package dev.taskora.engine.event;

/**
 * An attempt failed.
 *
 * @param task the task
 * @param id the job
 * @param error the error message
 * @param attempt the attempt that failed
 * @param willRetry whether another attempt follows ({@code false}: the job is now
 * {@code failed})
 */
public record FailedEvent(String task, String id, String error, int attempt, boolean willRetry) implements TaskEvent {
}
