package dev.taskora.engine.event;

/** An event about one job of one task. */
public sealed interface TaskEvent extends TaskoraEvent
		permits ActiveEvent, ProgressEvent, CompletedEvent, FailedEvent, RetryingEvent, StalledEvent, CancelledEvent {

	/** The task name. */
	String task();

	/** The job id. */
	String id();

}
