package dev.taskora.engine.event;

/**
 * A worker claimed the job.
 *
 * @param task the task
 * @param id the job
 * @param attempt the attempt starting now
 */
public record ActiveEvent(String task, String id, int attempt) implements TaskEvent {
}
