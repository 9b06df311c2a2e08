package dev.taskora.engine.event;

import java.util.List;

/**
 * A typed event key: {@code task.on(EventType.COMPLETED, e -> log(e.result()))}.
 *
 * @param <E> the event record
 */
public final class EventType<E extends TaskoraEvent> {

	/** A worker claimed a job and its handler starts ({@link ActiveEvent}). */
	public static final EventType<ActiveEvent> ACTIVE = new EventType<>("active", ActiveEvent.class);

	/** A handler reported progress ({@link ProgressEvent}). */
	public static final EventType<ProgressEvent> PROGRESS = new EventType<>("progress", ProgressEvent.class);

	/** A handler returned and its result is stored ({@link CompletedEvent}). */
	public static final EventType<CompletedEvent> COMPLETED = new EventType<>("completed", CompletedEvent.class);

	/**
	 * Every failed attempt, including ones that will be retried
	 * ({@link FailedEvent#willRetry()}).
	 */
	public static final EventType<FailedEvent> FAILED = new EventType<>("failed", FailedEvent.class);

	/** A failed attempt will run again after its backoff ({@link RetryingEvent}). */
	public static final EventType<RetryingEvent> RETRYING = new EventType<>("retrying", RetryingEvent.class);

	/**
	 * A job's worker stopped extending its lock; the job is recovered or failed
	 * ({@link StalledEvent}).
	 */
	public static final EventType<StalledEvent> STALLED = new EventType<>("stalled", StalledEvent.class);

	/** A job was cancelled ({@link CancelledEvent}). */
	public static final EventType<CancelledEvent> CANCELLED = new EventType<>("cancelled", CancelledEvent.class);

	/**
	 * This process's workers started and are claiming jobs ({@link WorkerReadyEvent}).
	 */
	public static final EventType<WorkerReadyEvent> WORKER_READY = new EventType<>("worker:ready",
			WorkerReadyEvent.class);

	/**
	 * A worker hit an error outside any handler, such as an unreachable store
	 * ({@link WorkerErrorEvent}).
	 */
	public static final EventType<WorkerErrorEvent> WORKER_ERROR = new EventType<>("worker:error",
			WorkerErrorEvent.class);

	/**
	 * This process's workers stopped claiming and are draining
	 * ({@link WorkerClosingEvent}).
	 */
	public static final EventType<WorkerClosingEvent> WORKER_CLOSING = new EventType<>("worker:closing",
			WorkerClosingEvent.class);

	private static final List<EventType<?>> ALL = List.of(ACTIVE, PROGRESS, COMPLETED, FAILED, RETRYING, STALLED,
			CANCELLED, WORKER_READY, WORKER_ERROR, WORKER_CLOSING);

	private final String name;

	private final Class<E> eventClass;

	private EventType(String name, Class<E> eventClass) {
		this.name = name;
		this.eventClass = eventClass;
	}

	/** Every event type. */
	public static List<EventType<?>> values() {
		return ALL;
	}

	/** The event type by its name ({@code "completed"}, {@code "worker:ready"} ...). */
	public static EventType<?> of(String name) {
		for (EventType<?> type : ALL) {
			if (type.name.equals(name)) {
				return type;
			}
		}
		throw new IllegalArgumentException(
				"Unknown event type '" + name + "': expected one of " + ALL.stream().map(EventType::name).toList());
	}

	/** The event's name, as taskora's ({@code "completed"}, {@code "worker:ready"}). */
	public String name() {
		return this.name;
	}

	/**
	 * The record a listener of this type receives.
	 * @return the event class
	 */
	public Class<E> eventClass() {
		return this.eventClass;
	}

	/** Whether this is an event about a job (as opposed to a worker event). */
	public boolean isTaskEvent() {
		return TaskEvent.class.isAssignableFrom(this.eventClass);
	}

	@Override
	public String toString() {
		return this.name;
	}

}
