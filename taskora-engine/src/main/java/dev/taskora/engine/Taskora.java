package dev.taskora.engine;

import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Consumer;

import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.Registration;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.event.EventHub;
import dev.taskora.engine.event.EventListener;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.event.TaskoraEvent;
import dev.taskora.engine.event.WorkerClosingEvent;
import dev.taskora.engine.event.WorkerReadyEvent;
import dev.taskora.engine.worker.HandlerExecutorFactory;
import dev.taskora.engine.worker.TaskWorker;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The app: the registry of tasks, the adapter, defaults, middleware and workers. One per process.
 *
 * <pre>{@code
 * Taskora taskora = Taskora.builder()
 *     .adapter(RedisAdapter.connect("redis://localhost:6379"))
 *     .defaults(d -> d.retry(Retry.exponential(3, Duration.ofSeconds(1))))
 *     .build();
 * Task<Email, Sent> sendEmail = taskora.task("send-email", Email.class, Sent.class)
 *     .concurrency(10)
 *     .handler((email, ctx) -> mailer.send(email));
 * taskora.start();
 * sendEmail.dispatch(new Email("a@b.c", "hi"));
 * taskora.close(); // drains active jobs, then disconnects
 * }</pre>
 */
public final class Taskora implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Taskora.class);

	private volatile Adapter adapter;

	private final Serializer serializer;

	private final TaskDefaults defaults;

	private final Retention retention;

	private final Duration lockTtl;

	private final Duration shutdownTimeout;

	private final HandlerExecutorFactory executorFactory;

	private final Map<String, Task<?, ?>> tasks = new ConcurrentHashMap<>();

	private final List<Middleware> middleware = new CopyOnWriteArrayList<>();

	private final List<TaskWorker> workers = new ArrayList<>();

	private final EventHub events;

	private final ScheduledExecutorService timer;

	/**
	 * Guards {@link #connected} alone. {@link #connected()} runs on store I/O threads (a result
	 * waiter set up when a dispatch completes), so it must not share the app's monitor, which
	 * {@link #start()} holds while workers open their connections.
	 */
	private final Object connectLock = new Object();

	private @Nullable CompletableFuture<Void> connected;

	private volatile boolean started;

	private volatile boolean closed;

	private Taskora(Builder builder) {
		this.adapter = (builder.adapter != null) ? builder.adapter : MemoryAdapter.create();
		this.serializer = builder.serializer;
		this.defaults = builder.defaults;
		this.retention = builder.retention;
		this.lockTtl = builder.lockTtl;
		this.shutdownTimeout = builder.shutdownTimeout;
		this.executorFactory = builder.executorFactory;
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
			Thread thread = new Thread(runnable, "taskora-timer");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.setRemoveOnCancelPolicy(true);
		this.timer = scheduler;
		this.events = new EventHub(this::adapter, this::connected, this.serializer, this::outputType,
				() -> Set.copyOf(this.tasks.keySet()), this.timer);
	}

	public static Builder builder() {
		return new Builder();
	}

	/** Starts defining a task with plain input and output classes. */
	public <I, O> TaskBuilder<I, O> task(String name, Class<I> input, Class<O> output) {
		return task(name, TypeRef.of(input), TypeRef.of(output));
	}

	/** Starts defining a task with generic input and output types. */
	public <I, O> TaskBuilder<I, O> task(String name, TypeRef<I> input, TypeRef<O> output) {
		return new TaskBuilder<>(this, name, input, output, this.defaults);
	}

	<I, O> Task<I, O> register(Task<I, O> task) {
		if (this.closed) {
			throw new IllegalStateException("Cannot define task '" + task.name() + "': taskora is closed");
		}
		Task<?, ?> existing = this.tasks.putIfAbsent(task.name(), task);
		if (existing != null) {
			throw new IllegalStateException("Task '" + task.name() + "' is already defined");
		}
		this.events.taskRegistered(task.name());
		if (this.started && task.handler() != null) {
			startWorker(task);
		}
		return task;
	}

	/** The task registered under {@code name}. */
	public Optional<Task<?, ?>> findTask(String name) {
		return Optional.ofNullable(this.tasks.get(name));
	}

	/** Every registered task. */
	public Collection<Task<?, ?>> tasks() {
		return List.copyOf(this.tasks.values());
	}

	/** Adds app middleware, run around every task's middleware and handler. */
	public Taskora use(Middleware middleware) {
		this.middleware.add(middleware);
		return this;
	}

	/** App middleware in order. */
	public List<Middleware> middleware() {
		return List.copyOf(this.middleware);
	}

	/** Listens to one event type of every task (and to worker events). */
	public <E extends TaskoraEvent> Registration on(EventType<E> type, EventListener<? super E> listener) {
		return this.events.on(null, type, listener);
	}

	/**
	 * A handle on an existing job of a task known or not in this process; its result is read as
	 * the task's output type if known, else as plain JSON values.
	 */
	public ResultHandle<Object> job(String task, String jobId) {
		Type type = outputType(task);
		return new ResultHandle<>(this, task, jobId, (type != null) ? type : Object.class,
				CompletableFuture.completedFuture(Boolean.TRUE));
	}

	/**
	 * Connects the adapter (the wire-format handshake on Redis) without starting workers; dispatch
	 * connects on its own, so this only makes failures surface early.
	 */
	public void connect() {
		try {
			connected().join();
		}
		catch (java.util.concurrent.CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new TaskoraException("Could not connect: " + ex.getCause(), ex.getCause());
		}
	}

	/** Connects, then starts a worker for every task that has a handler. */
	public synchronized void start() {
		if (this.closed) {
			throw new IllegalStateException("taskora is closed");
		}
		if (this.started) {
			return;
		}
		connect();
		this.started = true;
		for (Task<?, ?> task : this.tasks.values()) {
			if (task.handler() != null) {
				startWorker(task);
			}
		}
		this.events.publish(new WorkerReadyEvent(this.workers.stream().map(TaskWorker::task).toList()));
	}

	private synchronized void startWorker(Task<?, ?> task) {
		TaskWorker worker = new TaskWorker(this, task, this.executorFactory);
		this.workers.add(worker);
		worker.start();
	}

	/** Whether workers are running. */
	public boolean isRunning() {
		return this.started && !this.closed;
	}

	/**
	 * Stops the workers and keeps the connection: dispatching and listening go on, and
	 * {@link #start()} starts workers again. Running jobs get up to {@code timeout} to finish; the
	 * rest are interrupted and go back to waiting.
	 */
	public void stop(Duration timeout) {
		List<TaskWorker> running;
		synchronized (this) {
			if (!this.started) {
				return;
			}
			this.started = false;
			running = List.copyOf(this.workers);
			this.workers.clear();
		}
		if (!running.isEmpty()) {
			this.events.publish(new WorkerClosingEvent());
		}
		running.forEach(TaskWorker::stopClaiming);
		long deadline = System.nanoTime() + timeout.toNanos();
		for (TaskWorker worker : running) {
			worker.drain(Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0)));
		}
	}

	/** Stops workers (draining active jobs up to the shutdown timeout) and disconnects. */
	@Override
	public void close() {
		close(this.shutdownTimeout);
	}

	/**
	 * Stops claiming, waits up to {@code timeout} for active jobs to finish, then interrupts the
	 * rest (they go back to waiting for another worker), and disconnects.
	 */
	public void close(Duration timeout) {
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
		}
		stop(timeout);
		this.events.close();
		this.timer.shutdownNow();
		try {
			this.adapter.disconnect().join();
		}
		catch (RuntimeException ex) {
			logger.warn("Adapter did not disconnect cleanly", ex);
		}
	}

	// ---- engine internals, public for the worker and testing packages

	/** The adapter in use. */
	public Adapter adapter() {
		return this.adapter;
	}

	/**
	 * Replaces the adapter before {@link #start()}; the test runner uses it to move an app onto
	 * the memory adapter and back. Returns the previous adapter.
	 */
	public synchronized Adapter replaceAdapter(Adapter adapter) {
		if (this.started) {
			throw new IllegalStateException("Cannot replace the adapter of a started taskora");
		}
		Adapter previous = this.adapter;
		this.adapter = adapter;
		synchronized (this.connectLock) {
			this.connected = null;
		}
		return previous;
	}

	public Serializer serializer() {
		return this.serializer;
	}

	/** The defaults tasks defined on this app start from. */
	public TaskDefaults defaults() {
		return this.defaults;
	}

	/** The clock of the adapter; every transition's "now" comes from it. */
	public Clock clock() {
		return this.adapter.clock();
	}

	public Retention retention() {
		return this.retention;
	}

	/** How long a worker's lock on a job lives without extension. */
	public Duration lockTtl() {
		return this.lockTtl;
	}

	public EventHub events() {
		return this.events;
	}

	/** The app's timer thread (timeouts, lock extension, stall sweeps). */
	public ScheduledExecutorService timer() {
		return this.timer;
	}

	CompletableFuture<Void> connected() {
		synchronized (this.connectLock) {
			if (this.connected == null || this.connected.isCompletedExceptionally()) {
				this.connected = this.adapter.connect();
			}
			return this.connected;
		}
	}

	private @Nullable Type outputType(String task) {
		Task<?, ?> known = this.tasks.get(task);
		return (known != null) ? known.outputType().type() : null;
	}

	/** Configures a {@link Taskora}. */
	public static final class Builder {

		private @Nullable Adapter adapter;

		private Serializer serializer = new JacksonSerializer();

		private final TaskDefaults defaults = new TaskDefaults();

		private Retention retention = Retention.DEFAULT;

		private Duration lockTtl = Duration.ofSeconds(30);

		private Duration shutdownTimeout = Duration.ofSeconds(30);

		private HandlerExecutorFactory executorFactory = HandlerExecutorFactory.platformThreads();

		private Builder() {
		}

		/** The storage (default: a new memory adapter, which keeps nothing across restarts). */
		public Builder adapter(Adapter adapter) {
			this.adapter = adapter;
			return this;
		}

		/** How payloads and results are stored (default JSON through Jackson). */
		public Builder serializer(Serializer serializer) {
			this.serializer = serializer;
			return this;
		}

		/** Adjusts the defaults every task starts from. */
		public Builder defaults(Consumer<TaskDefaults> customizer) {
			customizer.accept(this.defaults);
			return this;
		}

		/** How long finished jobs are kept. */
		public Builder retention(Retention retention) {
			this.retention = retention;
			return this;
		}

		/** Lock lifetime of an active job (default 30 s); workers extend it every third of it. */
		public Builder lockTtl(Duration lockTtl) {
			if (lockTtl.toMillis() < 30) {
				throw new IllegalArgumentException("lockTtl must be at least 30ms, was " + lockTtl);
			}
			this.lockTtl = lockTtl;
			return this;
		}

		/** How long {@link Taskora#close()} waits for active jobs (default 30 s). */
		public Builder shutdownTimeout(Duration shutdownTimeout) {
			if (shutdownTimeout.isNegative()) {
				throw new IllegalArgumentException("shutdownTimeout must not be negative, was " + shutdownTimeout);
			}
			this.shutdownTimeout = shutdownTimeout;
			return this;
		}

		/** Where handlers run (default: a pool of platform threads per task, sized by its concurrency). */
		public Builder executorFactory(HandlerExecutorFactory executorFactory) {
			this.executorFactory = executorFactory;
			return this;
		}

		/** Runs handlers on virtual threads; requires Java 21 or later. */
		public Builder virtualThreads(boolean virtualThreads) {
			this.executorFactory = virtualThreads ? HandlerExecutorFactory.virtualThreads()
					: HandlerExecutorFactory.platformThreads();
			return this;
		}

		public Taskora build() {
			return new Taskora(this);
		}

	}

}
