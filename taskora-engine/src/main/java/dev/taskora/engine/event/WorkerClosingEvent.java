package dev.taskora.engine.event;

/** Workers stopped claiming and are draining active jobs. */
public record WorkerClosingEvent() implements WorkerEvent {
}
