package dev.taskora.engine;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.contract.TaskContract;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.event.Registration;
import dev.taskora.engine.event.TaskEvent;
import dev.taskora.engine.event.TaskoraEvent;
import dev.taskora.engine.event.TaskoraEventListener;
import dev.taskora.engine.inspect.DeadLetters;
import dev.taskora.engine.inspect.Inspector;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.internal.Validation;
import dev.taskora.engine.job.Retention;
import dev.taskora.engine.schedule.InvalidScheduleException;
import dev.taskora.engine.schedule.Schedule;
import dev.taskora.engine.schedule.Scheduler;
import dev.taskora.engine.workflow.WorkflowManager;
import dev.taskora.engine.schedule.SchedulerOptions;
import dev.taskora.engine.schedule.Schedules;
import dev.taskora.engine.serialize.JacksonSerializer;
import dev.taskora.engine.serialize.Serializer;
import dev.taskora.engine.serialize.TypeRef;
import dev.taskora.engine.worker.HandlerExecutorFactory;
import dev.taskora.engine.worker.Workers;
import org.jspecify.annotations.Nullable;

/**
 * The app: the registry of tasks, the adapter, defaults, middleware and workers. One per
 * process.
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

	static {
		TaskoraRuntime.registerAccess(app -> app.runtime);
	}

	private final TaskoraRuntime runtime;

	private final TaskDefaults defaults;

	private final Inspector inspector;

	private final DeadLetters deadLetters;

	private final Scheduler scheduler;

	private final WorkflowManager workflows;

	private final AppLifecycle lifecycle;

	private final ContractImplementations contracts;

	private Taskora(Builder builder) {
		Adapter adapter = (builder.adapter != null) ? builder.adapter : MemoryAdapter.create();
		this.runtime = new TaskoraRuntime(adapter, builder.serializer, builder.retention, builder.lockTtl);
		this.runtime.validateOnDispatch(builder.validateOnDispatch);
		this.defaults = builder.defaults;
		Workers workers = new Workers(this.runtime, builder.executorFactory);
		this.inspector = Inspector.create(this.runtime);
		this.deadLetters = DeadLetters.create(this.runtime);
		this.scheduler = new Scheduler(this.runtime, builder.schedulerOptions);
		this.runtime.addTimedWork(this.scheduler);
		this.workflows = new WorkflowManager(this.runtime);
		this.lifecycle = new AppLifecycle(this.runtime, workers, this.scheduler, this.workflows,
				builder.shutdownTimeout, builder.shutdownHook);
		this.contracts = new ContractImplementations(this, this.runtime, this.scheduler, this.lifecycle);
	}

	/**
	 * Starts configuring an app: adapter (memory when none is set), serializer, defaults,
	 * middleware.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/** Starts defining a task with plain input and output classes. */
	public <I, O> TaskBuilder<I, O> task(String name, Class<I> input, Class<O> output) {
		return task(name, TypeRef.of(input), TypeRef.of(output));
	}

	/** Starts defining a task with generic input and output types. */
	public <I, O> TaskBuilder<I, O> task(String name, TypeRef<I> input, TypeRef<O> output) {
		return new TaskBuilder<>(this, this.runtime, name, input, output, this.defaults);
	}

	/**
	 * Registers a contract for dispatching (taskora's {@code register}): a producer-only
	 * process gets a {@link Task} to dispatch, await and listen to, and starts no worker
	 * for it. Idempotent: the task of the contract's name registered already (by an
	 * earlier call, an inline definition or {@link #implement}) is returned as it is.
	 *
	 * <pre>{@code
	 * Task<Email, Sent> sendEmail = taskora.register(Contracts.SEND_EMAIL);
	 * sendEmail.dispatch(new Email("ada@example.com", "Welcome"));
	 * }</pre>
	 * @throws IllegalArgumentException naming the contract when a task of its name takes
	 * other types
	 */
	public synchronized <I, O> Task<I, O> register(TaskContract<I, O> contract) {
		return this.contracts.register(contract);
	}

	/**
	 * Implements a contract in this process (taskora's {@code implement}): its jobs run
	 * here once the app starts (at once if it runs). After
	 * {@link #register(TaskContract)} this upgrades the registered task in place, so the
	 * {@link Task} handed out then keeps working.
	 * @throws IllegalStateException naming the contract when it is implemented here
	 * already
	 * @throws IllegalArgumentException naming the contract when a task of its name takes
	 * other types
	 */
	public <I, O> Task<I, O> implement(TaskContract<I, O> contract, TaskHandler<I, O> handler) {
		return implement(contract, handler, worker -> {
		});
	}

	/**
	 * Implements a contract with worker-side options over the contract's defaults:
	 * concurrency, middleware, onCancel, versions and migrations, singleton, concurrency
	 * limit, TTL.
	 *
	 * <pre>{@code
	 * taskora.implement(Contracts.PROCESS_IMAGE, (image, ctx) -> resize(image),
	 *     worker -> worker.concurrency(4).since(1).migrate(List.of(v1 -> ((ObjectNode) v1).put("width", 800))));
	 * }</pre> The customizer only sets options; the task is registered by this call.
	 * @throws IllegalStateException naming the contract when it is implemented here
	 * already
	 * @throws IllegalArgumentException naming the contract when a task of its name takes
	 * other types, or when the worker's versions cannot read the contract's version
	 */
	public synchronized <I, O> Task<I, O> implement(TaskContract<I, O> contract, TaskHandler<I, O> handler,
			Consumer<TaskBuilder<I, O>> worker) {
		return this.contracts.implement(contract, handler, worker);
	}

	/**
	 * Registers a task without a handler; the same name with the same types returns the
	 * one there.
	 */
	synchronized <I, O> Task<I, O> registerProducer(Task<I, O> task, @Nullable Schedule schedule) {
		Task<?, ?> existing = this.runtime.task(task.name());
		if (existing != null && existing.inputType().type().equals(task.inputType().type())
				&& existing.outputType().type().equals(task.outputType().type()) && schedule == null) {
			@SuppressWarnings("unchecked")
			Task<I, O> same = (Task<I, O>) existing;
			return same;
		}
		return register(task, schedule);
	}

	<I, O> Task<I, O> register(Task<I, O> task, @Nullable Schedule schedule) {
		this.lifecycle.checkOpen(task.name());
		if (schedule != null) {
			// checked first, so that a bad schedule leaves no task behind
			this.scheduler.validate(task.name(), task, schedule);
		}
		this.runtime.register(task);
		if (schedule != null) {
			this.scheduler.define(task.name(), task, schedule);
		}
		this.lifecycle.defined(task);
		return task;
	}

	/** The task registered under {@code name}. */
	public Optional<Task<?, ?>> findTask(String name) {
		return Optional.ofNullable(this.runtime.task(name));
	}

	/** Every registered task. */
	public Collection<Task<?, ?>> tasks() {
		return this.runtime.tasks();
	}

	/** Adds app middleware, run around every task's middleware and handler. */
	public Taskora use(Middleware middleware) {
		this.runtime.middleware().add(middleware);
		return this;
	}

	/** App middleware in order. */
	public List<Middleware> middleware() {
		return List.copyOf(this.runtime.middleware());
	}

	/** The defaults tasks defined on this app start from. */
	public TaskDefaults defaults() {
		return this.defaults;
	}

	/** How long finished jobs are kept, as configured. */
	public Retention retention() {
		return this.runtime.retention();
	}

	/** Listens to one event type of every task (and to worker events). */
	public <E extends TaskoraEvent> Registration on(EventType<E> type, TaskoraEventListener<? super E> listener) {
		return this.runtime.events().on(null, type, listener);
	}

	/**
	 * Listens to one event type of a task by name, also one this process does not define
	 * (its jobs run elsewhere); results of an unknown task's jobs read as plain JSON
	 * values.
	 */
	public <E extends TaskEvent> Registration on(String task, EventType<E> type,
			TaskoraEventListener<? super E> listener) {
		return this.runtime.events().on(Validation.taskName(task), type, listener);
	}

	/**
	 * A handle on an existing job of a task known or not in this process; its result is
	 * read as the task's output type if known, else as plain JSON values.
	 */
	public ResultHandle<Object> job(String task, String jobId) {
		Type type = this.runtime.outputType(task);
		return new ResultHandle<>(this.runtime, task, jobId, (type != null) ? type : Object.class,
				CompletableFuture.completedFuture(Boolean.TRUE));
	}

	/** Reads jobs back from the store: one by id, counts per state. */
	public Inspector inspect() {
		return this.inspector;
	}

	/** Failed jobs, and moving them back to waiting. */
	public DeadLetters deadLetters() {
		return this.deadLetters;
	}

	/**
	 * This app's workflows: handles on existing ones, their events, reading and
	 * cancelling them. Build new ones with {@link dev.taskora.engine.workflow.Workflows}
	 * from signatures ({@code task.s(..)}).
	 */
	public WorkflowManager workflows() {
		return this.workflows;
	}

	/**
	 * Defines a named schedule of a task defined in this app (taskora's
	 * {@code taskora.schedule}). It is stored when the app starts (at once if it runs);
	 * every process that defines it may run it, but only the elected leader dispatches
	 * each run.
	 *
	 * <pre>{@code
	 * taskora.schedule("nightly-cleanup", "cleanup-expired", Schedule.every(Duration.ofHours(6)));
	 * taskora.schedule("weekly-digest", "send-digest", Schedule.cron("0 8 * * 1").zone("UTC"));
	 * }</pre>
	 * @throws InvalidScheduleException naming the schedule and the field at fault: an
	 * unknown task, an invalid cron expression or zone, both or neither of every and
	 * cron, a non-positive interval, data the task does not take, a name already defined
	 */
	public void schedule(String name, String task, Schedule schedule) {
		Task<?, ?> known = this.runtime.task(task);
		if (known == null) {
			throw new InvalidScheduleException(name, "task", "'" + task + "' is not defined in this app");
		}
		this.scheduler.define(name, known, schedule);
	}

	/**
	 * Defines a named schedule of a task of this app; see
	 * {@link #schedule(String, String, Schedule)}.
	 */
	public void schedule(String name, Task<?, ?> task, Schedule schedule) {
		schedule(name, task.name(), schedule);
	}

	/**
	 * Every schedule in the store, and pausing, resuming, updating, removing, triggering
	 * them.
	 */
	public Schedules schedules() {
		return this.scheduler.schedules();
	}

	/**
	 * Connects the adapter (the wire-format handshake on Redis) without starting workers;
	 * dispatch connects on its own, so this only makes failures surface early. Returns
	 * once the listeners registered so far ({@link #on}) hear every later event of their
	 * tasks, including events of tasks this app only listens to.
	 */
	public void connect() {
		this.lifecycle.connect();
	}

	/**
	 * Connects, then starts a worker for every task that has a handler, and the
	 * scheduler: the app's schedules are stored, and it competes for leadership once it
	 * defines one.
	 */
	public synchronized void start() {
		this.lifecycle.start();
	}

	/**
	 * Pauses the worker of one task, which must have a handler: it claims no more jobs,
	 * and its running jobs get up to the shutdown timeout to finish (the rest go back to
	 * waiting). Its jobs keep being dispatched and wait; {@link #resumeWorker(String)}
	 * starts it again. Pausing before {@link #start()} keeps the worker from starting
	 * with the others; the pause outlives {@link #stop(Duration)} and {@code start()}.
	 * @throws IllegalArgumentException when no task of that name has a handler
	 */
	public void pauseWorker(String task) {
		pauseWorker(task, this.lifecycle.shutdownTimeout());
	}

	/**
	 * Pauses the worker of one task as {@link #pauseWorker(String)}, waiting up to
	 * {@code timeout} for its running jobs.
	 */
	public void pauseWorker(String task, Duration timeout) {
		this.lifecycle.pauseWorker(task, timeout);
	}

	/**
	 * Resumes the worker of a task {@link #pauseWorker(String) paused} before: it starts
	 * at once while the app runs, else with the next {@link #start()}.
	 * @throws IllegalArgumentException when no task of that name has a handler
	 */
	public void resumeWorker(String task) {
		this.lifecycle.resumeWorker(task);
	}

	/** Whether the worker of a task is {@link #pauseWorker(String) paused}. */
	public boolean isWorkerPaused(String task) {
		return this.lifecycle.isWorkerPaused(task);
	}

	/** Whether workers are running. */
	public boolean isRunning() {
		return this.lifecycle.isRunning();
	}

	/**
	 * Stops the workers and the scheduler (releasing its leader lock) and keeps the
	 * connection: dispatching and listening go on, and {@link #start()} starts them
	 * again. Running jobs get up to {@code timeout} to finish; the rest are interrupted
	 * and go back to waiting.
	 */
	public void stop(Duration timeout) {
		this.lifecycle.stop(timeout);
	}

	/**
	 * Stops workers (draining active jobs up to the shutdown timeout) and disconnects.
	 */
	@Override
	public void close() {
		close(this.lifecycle.shutdownTimeout());
	}

	/**
	 * Stops claiming, waits up to {@code timeout} for active jobs to finish, then
	 * interrupts the rest (they go back to waiting for another worker), and disconnects.
	 */
	public void close(Duration timeout) {
		this.lifecycle.close(timeout);
	}

	@Override
	public String toString() {
		return "Taskora[" + this.runtime.adapter() + ", tasks=" + this.runtime.taskNames() + "]";
	}

	/** Configures a {@link Taskora}. */
	public static final class Builder {

		private @Nullable Adapter adapter;

		private Serializer serializer = new JacksonSerializer();

		private final TaskDefaults defaults = new TaskDefaults();

		private Retention retention = Retention.DEFAULT;

		private Duration lockTtl = Duration.ofSeconds(3);

		private Duration shutdownTimeout = Duration.ofSeconds(30);

		private boolean shutdownHook;

		private HandlerExecutorFactory executorFactory = HandlerExecutorFactory.platformThreads();

		private SchedulerOptions schedulerOptions = SchedulerOptions.defaults();

		private boolean validateOnDispatch = true;

		private Builder() {
		}

		/**
		 * Whether {@code dispatch} validates payloads with Bean Validation (default
		 * {@code true}; taskora's {@code validateOnDispatch}). Workers validate inputs
		 * either way. Without a Bean Validation provider on the classpath nothing is
		 * validated.
		 */
		public Builder validateOnDispatch(boolean validateOnDispatch) {
			this.validateOnDispatch = validateOnDispatch;
			return this;
		}

		/**
		 * The storage (default: a new memory adapter, which keeps nothing across
		 * restarts).
		 */
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

		/**
		 * Lock lifetime of an active job (default 3 s): the longest store outage, or
		 * pause of the worker (GC, an overloaded host), after which a job that finished
		 * meanwhile is still recorded once and never run again. Workers renew it every
		 * twentieth of it for as long as the handler runs; in Redis each renewal keeps it
		 * for the adapter's reconnect delay, 200 ms and two renewal periods more, what an
		 * outage costs beyond its own length. A shorter lock lets stall recovery run a
		 * crashed worker's jobs again sooner (4 s plus up to one stall interval with the
		 * defaults). See docs/reliability.md.
		 */
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

		/**
		 * Whether {@link Taskora#start()} registers a JVM shutdown hook that
		 * {@link Taskora#close() closes} the app (default {@code false}): on SIGTERM or
		 * {@code System.exit}, workers stop claiming, running jobs get up to the shutdown
		 * timeout to finish (the rest go back to waiting for another worker) and the
		 * connection is closed, instead of jobs staying active until stall recovery. For
		 * plain Java; under Spring the application context closes taskora.
		 */
		public Builder shutdownHook(boolean shutdownHook) {
			this.shutdownHook = shutdownHook;
			return this;
		}

		/**
		 * Where handlers run (default: a pool of platform threads per task, sized by its
		 * concurrency).
		 */
		public Builder executorFactory(HandlerExecutorFactory executorFactory) {
			this.executorFactory = executorFactory;
			return this;
		}

		/**
		 * How this process takes part in scheduling (default: ticks every second, leader
		 * lock of 30 s, scheduler running once the app defines a schedule).
		 */
		public Builder scheduler(SchedulerOptions schedulerOptions) {
			this.schedulerOptions = Objects.requireNonNull(schedulerOptions, "schedulerOptions must not be null");
			return this;
		}

		/** Runs handlers on virtual threads; requires Java 21 or later. */
		public Builder virtualThreads(boolean virtualThreads) {
			this.executorFactory = virtualThreads ? HandlerExecutorFactory.virtualThreads()
					: HandlerExecutorFactory.platformThreads();
			return this;
		}

		/**
		 * Creates the app from this configuration; workers start with
		 * {@link Taskora#start()}.
		 * @return the app
		 */
		public Taskora build() {
			return new Taskora(this);
		}

	}

}
