package dev.taskora.engine.event;

/** An event about this process's workers. */
public sealed interface WorkerEvent extends TaskoraEvent
		permits WorkerReadyEvent, WorkerErrorEvent, WorkerClosingEvent {

}
