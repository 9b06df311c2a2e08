package dev.taskora.engine.internal;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.taskora.engine.event.EventType;
import dev.taskora.engine.event.Registration;
import dev.taskora.engine.event.TaskEvent;
import dev.taskora.engine.event.TaskoraEvent;
import dev.taskora.engine.event.TaskoraEventListener;
import dev.taskora.engine.event.WorkerErrorEvent;
import dev.taskora.engine.event.WorkerEvent;
import dev.taskora.engine.event.WorkerReadyEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of an app and the routing of typed events to them. A task's events are
 * watched in the store only once something listens to them; listeners run in order on the
 * thread that delivers (the {@code taskora-events} thread for job events).
 * <p>
 * Internal, not API: applications use {@code task.on(..)} and {@code taskora.on(..)}.
 */
public final class EventRouter {

	private static final Logger logger = LoggerFactory.getLogger(EventRouter.class);

	private final List<Listener<?>> listeners = new CopyOnWriteArrayList<>();

	private final Consumer<String> watch;

	private final Supplier<Collection<String>> knownTasks;

	private volatile boolean closed;

	/**
	 * @param watch starts watching a task's events in the store
	 * @param knownTasks the tasks registered in this process (app-wide listeners watch
	 * them all)
	 */
	EventRouter(Consumer<String> watch, Supplier<Collection<String>> knownTasks) {
		this.watch = watch;
		this.knownTasks = knownTasks;
	}

	/**
	 * Adds a listener.
	 * @param task the task, or {@code null} for every task (and for worker events)
	 */
	public <E extends TaskoraEvent> Registration on(@Nullable String task, EventType<E> type,
			TaskoraEventListener<? super E> listener) {
		Listener<E> entry = new Listener<>(task, type, listener);
		this.listeners.add(entry);
		if (type.isTaskEvent() && !this.closed) {
			if (task != null) {
				this.watch.accept(task);
			}
			else {
				this.knownTasks.get().forEach(this.watch);
			}
		}
		return () -> this.listeners.remove(entry);
	}

	/** Called when a task is registered, so app-wide listeners hear it too. */
	void taskRegistered(String task) {
		boolean appWide = this.listeners.stream().anyMatch(entry -> entry.task == null && entry.type.isTaskEvent());
		if (appWide && !this.closed) {
			this.watch.accept(task);
		}
	}

	/**
	 * Whether anything listens to failures of the task (which silences the default error
	 * log).
	 */
	public boolean hasFailedListener(String task) {
		return this.listeners.stream()
			.anyMatch(entry -> entry.type == EventType.FAILED && (entry.task == null || entry.task.equals(task)));
	}

	/**
	 * Whether a typed event of {@code type} would reach a listener (a retry also reaches
	 * RETRYING ones).
	 */
	boolean hasListener(String task, EventType<?> type) {
		for (Listener<?> entry : this.listeners) {
			boolean typeMatches = entry.type == type || (type == EventType.FAILED && entry.type == EventType.RETRYING);
			if (typeMatches && (entry.task == null || entry.task.equals(task))) {
				return true;
			}
		}
		return false;
	}

	/** Delivers a local worker event to its listeners. */
	public void publish(WorkerEvent event) {
		EventType<?> type = (event instanceof WorkerReadyEvent) ? EventType.WORKER_READY
				: (event instanceof WorkerErrorEvent) ? EventType.WORKER_ERROR : EventType.WORKER_CLOSING;
		deliver(type, null, event);
	}

	/** Delivers a job event to the listeners of its type and task. */
	void deliver(TaskEvent event) {
		deliver(WireEvents.typeOf(event), event.task(), event);
	}

	@SuppressWarnings("unchecked")
	private void deliver(EventType<?> type, @Nullable String task, TaskoraEvent event) {
		for (Listener<?> entry : this.listeners) {
			if (entry.type == type && (entry.task == null || entry.task.equals(task))) {
				try {
					((TaskoraEventListener<TaskoraEvent>) entry.listener).onEvent(event);
				}
				catch (RuntimeException ex) {
					logger.warn("Listener for {} events threw", type, ex);
				}
			}
		}
	}

	void close() {
		this.closed = true;
	}

	private record Listener<E extends TaskoraEvent>(@Nullable String task, EventType<E> type,
			TaskoraEventListener<? super E> listener) {
	}

}
