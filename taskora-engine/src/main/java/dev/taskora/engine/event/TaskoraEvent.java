package dev.taskora.engine.event;

/** Any event taskora publishes. */
public sealed interface TaskoraEvent permits TaskEvent, WorkerEvent {

}
