package dev.taskora.engine.internal;

import java.lang.reflect.Type;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.taskora.engine.Middleware;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.job.Retention;
import dev.taskora.engine.serialize.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Everything an app's tasks, handles, workers, inspector, scheduler and test runner read
 * their services from: the adapter (and the one connection attempt), serializer, clock,
 * timer thread, the task registry, app middleware, listener routing, result waiters, the
 * wire-event codec, and the work the app does at times of its clock ({@link TimedWork}).
 * {@link Taskora} creates it and owns its life; nothing here calls back into
 * {@link Taskora}.
 * <p>
 * <strong>Internal, not API:</strong> public for the engine's sibling packages only.
 */
public final class TaskoraRuntime {

	private static volatile @Nullable Function<Taskora, TaskoraRuntime> access;

	private static volatile @Nullable Function<Task<?, ?>, TaskoraRuntime> taskAccess;

	private volatile WorkflowSteps workflowSteps = WorkflowSteps.NONE;

	private volatile Adapter adapter;

	private final Serializer serializer;

	private final Retention retention;

	private final Duration lockTtl;

	private final ScheduledExecutorService timer;

	private final Map<String, Task<?, ?>> tasks = new ConcurrentHashMap<>();

	private final List<Middleware> middleware = new CopyOnWriteArrayList<>();

	private final EventStream stream;

	private final EventRouter events;

	private final ResultWaiters waiters;

	private final WireEvents wireEvents;

	private final List<TimedWork> timedWork = new CopyOnWriteArrayList<>();

	/**
	 * Guards {@link #connected} alone. {@link #connected()} runs on store I/O threads (a
	 * result waiter set up when a dispatch completes), so it must not share a monitor
	 * held while workers open their connections.
	 */
	private final Object connectLock = new Object();

	private @Nullable CompletableFuture<Void> connected;

	private volatile boolean validateOnDispatch = true;

	/**
	 * Creates the runtime of one app and its timer thread.
	 * @param adapter the store
	 * @param serializer writes and reads payloads and results
	 * @param retention how long settled jobs are kept
	 * @param lockTtl how long a job lock lasts without being extended
	 */
	public TaskoraRuntime(Adapter adapter, Serializer serializer, Retention retention, Duration lockTtl) {
		this.adapter = adapter;
		this.serializer = serializer;
		this.retention = retention;
		this.lockTtl = lockTtl;
		ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
			Thread thread = new Thread(runnable, "taskora-timer");
			thread.setDaemon(true);
			return thread;
		});
		scheduler.setRemoveOnCancelPolicy(true);
		this.timer = scheduler;
		this.stream = new EventStream(this);
		this.events = new EventRouter(this.stream::watch, this::taskNames);
		this.waiters = new ResultWaiters(this::adapter, this.stream::watch, this.timer);
		this.wireEvents = new WireEvents(serializer, this::outputType);
	}

	/**
	 * Lets {@link Taskora} hand out its runtime to {@link #of(Taskora)}; called once,
	 * from its class initialization. A second registration is refused.
	 */
	public static synchronized void registerAccess(Function<Taskora, TaskoraRuntime> accessor) {
		if (access != null) {
			throw new IllegalStateException("The runtime accessor is registered already");
		}
		access = accessor;
	}

	/**
	 * Lets {@link Task} hand out its runtime to {@link #of(Task)}; called once, from its
	 * class initialization. A second registration is refused.
	 */
	public static synchronized void registerTaskAccess(Function<Task<?, ?>, TaskoraRuntime> accessor) {
		if (taskAccess != null) {
			throw new IllegalStateException("The task runtime accessor is registered already");
		}
		taskAccess = accessor;
	}

	/**
	 * The runtime of the app a task belongs to: how a workflow reaches the app of its
	 * tasks.
	 */
	public static TaskoraRuntime of(Task<?, ?> task) {
		Function<Task<?, ?>, TaskoraRuntime> accessor = taskAccess;
		if (accessor == null) {
			throw new IllegalStateException("Task has not registered its runtime accessor");
		}
		return accessor.apply(task);
	}

	/** What workers tell the app's workflows about the node jobs they settle. */
	public WorkflowSteps workflowSteps() {
		return this.workflowSteps;
	}

	/** Installs the app's workflow support; called once by the app. */
	public void workflowSteps(WorkflowSteps steps) {
		this.workflowSteps = steps;
	}

	/** The runtime of an app: how the test runner reaches an app's adapter and tasks. */
	public static TaskoraRuntime of(Taskora app) {
		Function<Taskora, TaskoraRuntime> accessor = access;
		if (accessor == null) {
			throw new IllegalStateException("Taskora has not registered its runtime accessor");
		}
		return accessor.apply(app);
	}

	/** The adapter in use. */
	public Adapter adapter() {
		return this.adapter;
	}

	/**
	 * Replaces the adapter of an app whose workers do not run (the test runner moves an
	 * app onto the memory adapter and back). Returns the previous adapter.
	 */
	public Adapter replaceAdapter(Adapter adapter) {
		synchronized (this.connectLock) {
			Adapter previous = this.adapter;
			this.adapter = adapter;
			this.connected = null;
			return previous;
		}
	}

	/** Connects the adapter once (again after a failed attempt) and tells when it is. */
	public CompletableFuture<Void> connected() {
		synchronized (this.connectLock) {
			if (this.connected == null || this.connected.isCompletedExceptionally()) {
				this.connected = this.adapter.connect();
			}
			return this.connected;
		}
	}

	/**
	 * Runs an adapter call once {@link #connected() connected}: at once, on the calling
	 * thread, when the adapter is connected already (every dispatch but the first), else
	 * once the connection is made. A call that throws fails the returned future.
	 */
	public <T extends @Nullable Object> CompletableFuture<T> whenConnected(Supplier<CompletableFuture<T>> call) {
		CompletableFuture<Void> connecting = connected();
		if (!connecting.isDone() || connecting.isCompletedExceptionally()) {
			return connecting.thenCompose(connected -> call.get());
		}
		// no stage in between: C2 would compile the whole adapter call into
		// thenCompose's, shared with every other caller, and again whenever one appears
		try {
			return call.get();
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/** The adapter's clock; every transition's "now" comes from it. */
	public Clock clock() {
		return this.adapter.clock();
	}

	/**
	 * The app's serializer, for payloads and results.
	 * @return the serializer
	 */
	public Serializer serializer() {
		return this.serializer;
	}

	/**
	 * Whether dispatch validates payloads (Bean Validation, when a provider is present).
	 */
	public boolean validateOnDispatch() {
		return this.validateOnDispatch;
	}

	/** Sets {@link #validateOnDispatch()}; the app's builder does, once. */
	public void validateOnDispatch(boolean validate) {
		this.validateOnDispatch = validate;
	}

	/** How long finished jobs are kept. */
	public Retention retention() {
		return this.retention;
	}

	/** How long a worker's lock on a job lives without extension. */
	public Duration lockTtl() {
		return this.lockTtl;
	}

	/**
	 * The app's timer thread (timeouts, lock extension, stall sweeps, result re-reads).
	 */
	public ScheduledExecutorService timer() {
		return this.timer;
	}

	/** Listener routing. */
	public EventRouter events() {
		return this.events;
	}

	/** The futures behind {@code handle.result()}. */
	public ResultWaiters waiters() {
		return this.waiters;
	}

	/**
	 * Completes once the store is connected and every task with a listener or a result
	 * waiter is being watched, so that its later events are all delivered.
	 */
	public CompletableFuture<Void> listening() {
		return whenConnected(this.stream::watching);
	}

	/**
	 * Waits until every event received so far has reached its listeners. For test
	 * harnesses, which delete every job between tests and must not let one test's events
	 * reach the next.
	 * @return whether delivery caught up within the timeout (a listener may be blocked)
	 */
	public boolean awaitEventDelivery(Duration timeout) {
		return this.stream.awaitDelivery(timeout);
	}

	WireEvents wireEvents() {
		return this.wireEvents;
	}

	/**
	 * Adds a task to the registry.
	 * @throws IllegalStateException when a task of the name exists
	 */
	public void register(Task<?, ?> task) {
		Task<?, ?> existing = this.tasks.putIfAbsent(task.name(), task);
		if (existing != null) {
			throw new IllegalStateException("Task '" + task.name() + "' is already defined");
		}
		this.events.taskRegistered(task.name());
	}

	/** The task registered under {@code name}, or {@code null}. */
	public @Nullable Task<?, ?> task(String name) {
		return this.tasks.get(name);
	}

	/** Every registered task. */
	public Collection<Task<?, ?>> tasks() {
		return List.copyOf(this.tasks.values());
	}

	/** The names of every registered task. */
	public Set<String> taskNames() {
		return Set.copyOf(this.tasks.keySet());
	}

	/** A task's output type, or {@code null} for a task not registered here. */
	public @Nullable Type outputType(String task) {
		Task<?, ?> known = this.tasks.get(task);
		return (known != null) ? known.outputType().type() : null;
	}

	/**
	 * Adds work the app does at times of its clock (its scheduler), for test runners to
	 * drive.
	 */
	public void addTimedWork(TimedWork work) {
		this.timedWork.add(work);
	}

	/** The work the app does at times of its clock. */
	public List<TimedWork> timedWork() {
		return List.copyOf(this.timedWork);
	}

	/** App middleware, in order; run around every task's middleware. */
	public List<Middleware> middleware() {
		return this.middleware;
	}

	/** Stops event delivery, fails pending result waiters and stops the timer. */
	public void close() {
		this.events.close();
		this.stream.close();
		this.waiters.close();
		this.timer.shutdownNow();
	}

}
