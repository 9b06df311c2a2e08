package dev.taskora.engine.event;

import java.util.List;

/**
 * Workers started and are claiming jobs.
 *
 * @param tasks the tasks this process works on
 */
public record WorkerReadyEvent(List<String> tasks) implements WorkerEvent {
}
