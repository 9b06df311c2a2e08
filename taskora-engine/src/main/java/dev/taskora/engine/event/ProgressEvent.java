package dev.taskora.engine.event;

/**
 * The handler reported progress.
 *
 * @param task the task
 * @param id the job
 * @param progress a {@link Number}, or the reported object as read from JSON (a
 * {@code Map})
 */
public record ProgressEvent(String task, String id, Object progress) implements TaskEvent {
}
