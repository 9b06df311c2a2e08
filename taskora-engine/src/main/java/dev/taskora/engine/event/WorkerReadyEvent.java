package dev.taskora.engine.event;

/**
 * Workers started and are claiming jobs.
 *
 * @param tasks the tasks this process works on
 */
public record WorkerReadyEvent(java.util.List<String> tasks) implements WorkerEvent {
}
