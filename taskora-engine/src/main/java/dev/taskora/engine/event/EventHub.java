package dev.taskora.engine.event;

import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.Progress;
import dev.taskora.engine.SchemaVersionMismatchException;
import dev.taskora.engine.Serializer;
import dev.taskora.engine.TaskoraException;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.EventSubscription;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.Registration;
import dev.taskora.engine.adapter.StoreUnavailableException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the store's raw lifecycle events to typed listeners and to result waiters. One adapter
 * subscription per app; a task's stream is watched only once something listens to it or waits on
 * one of its jobs. Listeners run in order on one thread, {@code taskora-events}.
 * <p>
 * Engine-internal: applications use {@code task.on(..)} and {@code taskora.on(..)}.
 */
public final class EventHub implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(EventHub.class);

	private static final long MAX_RECHECK_DELAY_MS = 2_000;

	private static final Set<String> TERMINAL = Set.of("completed", "failed", "cancelled", "expired");

	private final Supplier<Adapter> adapter;

	private final Supplier<CompletableFuture<Void>> connected;

	private final Serializer serializer;

	private final Function<String, @Nullable Type> outputTypes;

	private final Supplier<Set<String>> knownTasks;

	private final ScheduledExecutorService timer;

	private final List<Listener<?>> listeners = new CopyOnWriteArrayList<>();

	private final Map<String, List<CompletableFuture<JobRecord>>> waiters = new ConcurrentHashMap<>();

	private final Map<String, CompletableFuture<Void>> watched = new ConcurrentHashMap<>();

	private final ExecutorService dispatcher = Executors.newSingleThreadExecutor(runnable -> {
		Thread thread = new Thread(runnable, "taskora-events");
		thread.setDaemon(true);
		return thread;
	});

	private final Object subscriptionLock = new Object();

	private @Nullable EventSubscription subscription;

	private volatile boolean closed;

	/**
	 * @param adapter the current adapter (it may be replaced by a test runner before start)
	 * @param connected connects the adapter once and tells when it is
	 * @param serializer reads results and progress
	 * @param outputTypes a task's output type, or {@code null} for a task unknown here
	 * @param knownTasks the tasks registered in this process (app-wide listeners watch them all)
	 * @param timer schedules re-reads of jobs while the store is unreachable
	 */
	public EventHub(Supplier<Adapter> adapter, Supplier<CompletableFuture<Void>> connected, Serializer serializer,
			Function<String, @Nullable Type> outputTypes, Supplier<Set<String>> knownTasks,
			ScheduledExecutorService timer) {
		this.adapter = adapter;
		this.connected = connected;
		this.serializer = serializer;
		this.outputTypes = outputTypes;
		this.knownTasks = knownTasks;
		this.timer = timer;
	}

	/**
	 * Adds a listener.
	 * @param task the task, or {@code null} for every task (and for worker events)
	 */
	public <E extends TaskoraEvent> Registration on(@Nullable String task, EventType<E> type,
			EventListener<? super E> listener) {
		Listener<E> entry = new Listener<>(task, type, listener);
		this.listeners.add(entry);
		if (type.isTaskEvent() && !this.closed) {
			if (task != null) {
				watch(task);
			}
			else {
				this.knownTasks.get().forEach(this::watch);
			}
		}
		return () -> this.listeners.remove(entry);
	}

	/** Called when a task is registered, so app-wide listeners hear it too. */
	public void taskRegistered(String task) {
		boolean appWide = this.listeners.stream().anyMatch(entry -> entry.task == null && entry.type.isTaskEvent());
		if (appWide && !this.closed) {
			watch(task);
		}
	}

	/** Whether anything listens to failures of the task (which silences the default error log). */
	public boolean hasFailedListener(String task) {
		return this.listeners.stream()
			.anyMatch(entry -> entry.type == EventType.FAILED && (entry.task == null || entry.task.equals(task)));
	}

	/** Delivers a local worker event to its listeners. */
	public void publish(WorkerEvent event) {
		EventType<?> type = (event instanceof WorkerReadyEvent) ? EventType.WORKER_READY
				: (event instanceof WorkerErrorEvent) ? EventType.WORKER_ERROR : EventType.WORKER_CLOSING;
		deliver(type, null, event);
	}

	/**
	 * Completes with the job's record once it is completed, failed, cancelled or expired. The
	 * waiter is registered before the state is read, so a finish in between is not missed.
	 */
	public CompletableFuture<JobRecord> awaitOutcome(String task, String jobId) {
		CompletableFuture<JobRecord> waiter = new CompletableFuture<>();
		if (this.closed) {
			waiter.completeExceptionally(new TaskoraException("Taskora is closed; job " + jobId + " is not awaited"));
			return waiter;
		}
		// compute() is atomic with complete()'s remove(), so a waiter never lands in a drained list.
		this.waiters.compute(jobId, (id, list) -> {
			List<CompletableFuture<JobRecord>> pending = (list != null) ? list : new CopyOnWriteArrayList<>();
			pending.add(waiter);
			return pending;
		});
		waiter.whenComplete((record, error) -> removeWaiter(jobId, waiter));
		check(task, jobId, 0);
		return waiter;
	}

	/**
	 * Reads the job once its task is watched and completes its waiters if it has finished. A store
	 * that cannot answer right now (a reconnect) is asked again with backoff: waiting for a result
	 * outlives an outage.
	 */
	private void check(String task, String jobId, long previousDelay) {
		if (this.closed || !this.waiters.containsKey(jobId)) {
			return;
		}
		watch(task).thenCompose(watching -> this.adapter.get().findJob(task, jobId)).whenComplete((record, error) -> {
			if (error != null) {
				Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause()
						: error;
				if (cause instanceof SchemaVersionMismatchException) {
					complete(jobId, null, cause);
					return;
				}
				long delay = Math.min(Math.max(previousDelay * 2, 50), MAX_RECHECK_DELAY_MS);
				logger.debug("Could not read job {} of task '{}'; asking again in {}ms", jobId, task, delay, cause);
				schedule(() -> check(task, jobId, delay), delay);
			}
			else if (record == null) {
				complete(jobId, null, new JobFailedException(jobId, "Job " + jobId + " of task '" + task + "' does not exist"));
			}
			else if (record.state().isTerminal()) {
				complete(jobId, record, null);
			}
		});
	}

	private void schedule(Runnable action, long delayMs) {
		try {
			this.timer.schedule(action, delayMs, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Shutting down: close() fails the remaining waiters.
		}
	}

	/**
	 * Watches the task's events once. Runs on any thread, a store I/O thread included (a result
	 * waiter set up when a dispatch completes): nothing here blocks, and the one lock taken is held
	 * only to create the subscription.
	 */
	private CompletableFuture<Void> watch(String task) {
		CompletableFuture<Void> existing = this.watched.get(task);
		if (existing != null) {
			return existing;
		}
		CompletableFuture<Void> watching = new CompletableFuture<>();
		existing = this.watched.putIfAbsent(task, watching);
		if (existing != null) {
			return existing;
		}
		this.connected.get().thenCompose(connected -> subscription().watch(task)).whenComplete((done, error) -> {
			if (error != null) {
				// forgotten, so the next listener or waiter tries again
				this.watched.remove(task, watching);
				watching.completeExceptionally(error);
			}
			else {
				watching.complete(null);
			}
		});
		return watching;
	}

	private EventSubscription subscription() {
		synchronized (this.subscriptionLock) {
			if (this.closed) {
				throw new IllegalStateException("Taskora is closed");
			}
			if (this.subscription == null) {
				this.subscription = this.adapter.get().subscribe(this::onAdapterEvent);
			}
			return this.subscription;
		}
	}

	private void onAdapterEvent(AdapterEvent event) {
		if (!this.closed) {
			this.dispatcher.execute(() -> route(event));
		}
	}

	private void route(AdapterEvent event) {
		try {
			JobRecord record = null;
			if (TERMINAL.contains(event.type()) && this.waiters.containsKey(event.jobId())) {
				try {
					record = this.adapter.get().findJob(event.task(), event.jobId()).join();
				}
				catch (CompletionException ex) {
					check(event.task(), event.jobId(), 0);
				}
				if (record != null) {
					complete(event.jobId(), record, null);
				}
			}
			EventType<?> type = typeOf(event.type());
			if (type == null || !hasListener(event.task(), type)) {
				return;
			}
			if (record == null && needsRecord(type)) {
				record = this.adapter.get().findJob(event.task(), event.jobId()).join();
			}
			for (TaskEvent typed : toTyped(event, record)) {
				deliver(typeOf(typed), event.task(), typed);
			}
		}
		catch (RuntimeException ex) {
			if (StoreUnavailableException.isCause(ex)) {
				logger.debug("Could not route {} event of job {} (task '{}')", event.type(), event.jobId(), event.task(),
						ex);
			}
			else {
				logger.warn("Could not route {} event of job {} (task '{}')", event.type(), event.jobId(), event.task(),
						ex);
			}
		}
	}

	private List<TaskEvent> toTyped(AdapterEvent event, @Nullable JobRecord record) {
		String task = event.task();
		String id = event.jobId();
		int attempt = (record != null) ? record.attempt() : intField(event, "attempt", 1);
		String error = (record != null && record.error() != null) ? record.error() : "";
		return switch (event.type()) {
			case "active" -> List.of(new ActiveEvent(task, id, attempt));
			case "progress" -> {
				String value = event.field("value");
				Object progress = (value != null) ? Progress.parse(value, this.serializer) : null;
				yield (progress != null) ? List.of(new ProgressEvent(task, id, progress)) : List.of();
			}
			case "completed" -> List.of(new CompletedEvent(task, id, result(task, record), duration(record), attempt));
			case "failed" -> List.of(new FailedEvent(task, id, error, attempt, false));
			case "retrying" -> {
				int next = intField(event, "attempt", attempt);
				long at = longField(event, "nextAttemptAt");
				yield List.of(new FailedEvent(task, id, error, next - 1, true),
						new RetryingEvent(task, id, next - 1, next, error, at > 0 ? Instant.ofEpochMilli(at) : null));
			}
			case "stalled" -> List.of(new StalledEvent(task, id, intField(event, "count", 1),
					"failed".equals(event.field("action")) ? StalledEvent.Action.FAILED : StalledEvent.Action.RECOVERED));
			case "cancelled" -> {
				String reason = event.field("reason");
				yield List.of(new CancelledEvent(task, id, (reason == null || reason.isEmpty()) ? null : reason));
			}
			default -> List.of();
		};
	}

	private @Nullable Object result(String task, @Nullable JobRecord record) {
		if (record == null || record.result() == null) {
			return null;
		}
		Type type = this.outputTypes.apply(task);
		return this.serializer.deserialize(record.result(), type != null ? type : Object.class);
	}

	private static Duration duration(@Nullable JobRecord record) {
		if (record == null || record.processedOn() == 0 || record.finishedOn() < record.processedOn()) {
			return Duration.ZERO;
		}
		return Duration.ofMillis(record.finishedOn() - record.processedOn());
	}

	private static boolean needsRecord(EventType<?> type) {
		return type == EventType.ACTIVE || type == EventType.COMPLETED || type == EventType.FAILED
				|| type == EventType.RETRYING;
	}

	private static @Nullable EventType<?> typeOf(String wireType) {
		return switch (wireType) {
			case "active" -> EventType.ACTIVE;
			case "progress" -> EventType.PROGRESS;
			case "completed" -> EventType.COMPLETED;
			// a retry is reported as a failed attempt and as a retry
			case "failed", "retrying" -> EventType.FAILED;
			case "stalled" -> EventType.STALLED;
			case "cancelled" -> EventType.CANCELLED;
			default -> null;
		};
	}

	private static EventType<?> typeOf(TaskEvent event) {
		for (EventType<?> type : EventType.values()) {
			if (type.eventClass() == event.getClass()) {
				return type;
			}
		}
		throw new IllegalArgumentException("Unknown event " + event);
	}

	private boolean hasListener(String task, EventType<?> type) {
		for (Listener<?> entry : this.listeners) {
			boolean typeMatches = entry.type == type || (type == EventType.FAILED && entry.type == EventType.RETRYING);
			if (typeMatches && (entry.task == null || entry.task.equals(task))) {
				return true;
			}
		}
		return false;
	}

	@SuppressWarnings("unchecked")
	private void deliver(EventType<?> type, @Nullable String task, TaskoraEvent event) {
		for (Listener<?> entry : this.listeners) {
			if (entry.type == type && (entry.task == null || entry.task.equals(task))) {
				try {
					((EventListener<TaskoraEvent>) entry.listener).onEvent(event);
				}
				catch (RuntimeException ex) {
					logger.warn("Listener for {} events threw", type, ex);
				}
			}
		}
	}

	private void complete(String jobId, @Nullable JobRecord record, @Nullable Throwable error) {
		List<CompletableFuture<JobRecord>> pending = this.waiters.remove(jobId);
		if (pending == null) {
			return;
		}
		for (CompletableFuture<JobRecord> waiter : pending) {
			if (error != null) {
				waiter.completeExceptionally(error);
			}
			else {
				waiter.complete(record);
			}
		}
	}

	private void removeWaiter(String jobId, CompletableFuture<JobRecord> waiter) {
		this.waiters.computeIfPresent(jobId, (id, list) -> {
			list.remove(waiter);
			return list.isEmpty() ? null : list;
		});
	}

	private static int intField(AdapterEvent event, String name, int fallback) {
		return (int) longField(event, name, fallback);
	}

	private static long longField(AdapterEvent event, String name) {
		return longField(event, name, 0);
	}

	private static long longField(AdapterEvent event, String name, long fallback) {
		String value = event.field(name);
		try {
			return (value == null || value.isEmpty()) ? fallback : Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

	/**
	 * Waits until every event received so far has reached its listeners. For test harnesses, which
	 * delete every job between tests and must not let one test's events reach the next.
	 * @return whether delivery caught up within the timeout (a listener may be blocked)
	 */
	public boolean awaitDelivery(Duration timeout) {
		try {
			CompletableFuture.runAsync(() -> {
			}, this.dispatcher).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return true;
		}
		catch (RejectedExecutionException | ExecutionException ex) {
			// Closed: nothing is delivered any more.
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Fails every pending result waiter with {@code error}. For test harnesses that delete every
	 * job between tests: nothing would complete those waiters any more.
	 */
	public void failWaiters(TaskoraException error) {
		for (String jobId : List.copyOf(this.waiters.keySet())) {
			complete(jobId, null, error);
		}
	}

	/** Stops the subscription; pending waiters fail, as nothing would complete them. */
	@Override
	public void close() {
		this.closed = true;
		synchronized (this.subscriptionLock) {
			if (this.subscription != null) {
				this.subscription.close();
				this.subscription = null;
			}
		}
		this.watched.clear();
		TaskoraException closedError = new TaskoraException("Taskora was closed before the job finished");
		for (String jobId : List.copyOf(this.waiters.keySet())) {
			complete(jobId, null, closedError);
		}
		this.dispatcher.shutdown();
	}

	private record Listener<E extends TaskoraEvent>(@Nullable String task, EventType<E> type,
			EventListener<? super E> listener) {
	}

}
