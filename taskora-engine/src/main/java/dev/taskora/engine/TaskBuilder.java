package dev.taskora.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.taskora.engine.contract.MigrationStep;
import dev.taskora.engine.contract.Versioning;
import dev.taskora.engine.flow.Collect;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.internal.Validation;
import dev.taskora.engine.job.TaskOptions;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.retry.StallOptions;
import dev.taskora.engine.schedule.Schedule;
import dev.taskora.engine.serialize.TypeRef;
import org.jspecify.annotations.Nullable;

/**
 * Defines a task: options first, then {@link #handler(TaskHandler)} registers it (or
 * {@link #register()} for a producer-only task whose handler runs in another process), or
 * {@link #collect(Collect)} makes it a task that runs its dispatches in batches.
 *
 * @param <I> input type
 * @param <O> output type
 */
public final class TaskBuilder<I, O> {

	private final Taskora app;

	private final TaskoraRuntime runtime;

	private final String name;

	private final TypeRef<I> inputType;

	private final TypeRef<O> outputType;

	private int concurrency;

	private @Nullable Duration timeout;

	private Retry retry;

	private StallOptions stall;

	private boolean singleton;

	private boolean nonBlocking;

	private int concurrencyLimit;

	private @Nullable Duration ttl;

	private boolean discardExpired;

	private int version = 1;

	private boolean versionSet;

	private int since = 1;

	private @Nullable List<MigrationStep> orderedSteps;

	private @Nullable Map<Integer, MigrationStep> sparseSteps;

	private final List<Middleware> middleware = new ArrayList<>();

	private @Nullable CancelHook<I> onCancel;

	private @Nullable Schedule schedule;

	TaskBuilder(Taskora app, TaskoraRuntime runtime, String name, TypeRef<I> inputType, TypeRef<O> outputType,
			TaskDefaults defaults) {
		this.app = app;
		this.runtime = runtime;
		this.name = Validation.taskName(name);
		this.inputType = inputType;
		this.outputType = outputType;
		this.concurrency = defaults.concurrency();
		this.timeout = defaults.timeout();
		this.retry = defaults.retry();
		this.stall = defaults.stall();
	}

	/** Max jobs of this task one worker runs at once. */
	public TaskBuilder<I, O> concurrency(int concurrency) {
		this.concurrency = Validation.concurrency(concurrency);
		return this;
	}

	/**
	 * Handler timeout; on expiry the handler thread is interrupted and the attempt fails.
	 */
	public TaskBuilder<I, O> timeout(@Nullable Duration timeout) {
		this.timeout = Validation.timeout(timeout);
		return this;
	}

	/** Runs handlers without a time limit. */
	public TaskBuilder<I, O> noTimeout() {
		this.timeout = null;
		return this;
	}

	/**
	 * Retries failed attempts with this policy instead of the app default.
	 * @param retry the policy, e.g. {@code Retry.exponential(5, Duration.ofSeconds(1))}
	 * @return this builder
	 */
	public TaskBuilder<I, O> retry(Retry retry) {
		this.retry = retry;
		return this;
	}

	/**
	 * How this task's stalled jobs (whose worker stopped extending their lock) are
	 * detected and how often they are recovered before they fail.
	 * @param stall the stall options
	 * @return this builder
	 */
	public TaskBuilder<I, O> stall(StallOptions stall) {
		this.stall = stall;
		return this;
	}

	/** Only one job of this task active at a time, across every worker. */
	public TaskBuilder<I, O> singleton(boolean singleton) {
		this.singleton = singleton;
		return this;
	}

	/**
	 * Runs this task's handlers where their jobs arrive, on the store client's I/O thread
	 * (Redis: Lettuce's event loop), as Node runs them on its event loop, instead of on
	 * handler threads: two thread switches fewer per job. Only for handlers that never
	 * block (no I/O, no waiting on a future, a lock or a sleep): while one runs, every
	 * other reply of its connection waits. Nothing interrupts such a handler: a
	 * cancellation or a timeout is seen through its context
	 * ({@link JobContext#isCancelled()}) and ends the job when the handler returns. A
	 * blocking call of the engine's inside it ({@link ResultHandle#await}, the inspector)
	 * throws {@link IllegalStateException} instead of waiting.
	 * @param nonBlocking whether the handlers never block
	 * @return this builder
	 */
	public TaskBuilder<I, O> nonBlocking(boolean nonBlocking) {
		this.nonBlocking = nonBlocking;
		return this;
	}

	/** Default max active jobs per concurrency key. */
	public TaskBuilder<I, O> concurrencyLimit(int limit) {
		if (limit < 0) {
			throw new IllegalArgumentException("concurrencyLimit must not be negative, was " + limit);
		}
		this.concurrencyLimit = limit;
		return this;
	}

	/**
	 * Default time-to-live before a job starts; {@code discard} deletes instead of
	 * expiring.
	 */
	public TaskBuilder<I, O> ttl(@Nullable Duration ttl, boolean discard) {
		if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
			throw new IllegalArgumentException("ttl must be positive, was " + ttl);
		}
		this.ttl = ttl;
		this.discardExpired = discard;
		return this;
	}

	/**
	 * Payload version stamped on dispatched jobs ({@code _v}, default 1). A worker hands
	 * jobs of a newer version back for a newer worker and migrates older ones (see
	 * {@link #migrate(List)}).
	 */
	public TaskBuilder<I, O> version(int version) {
		if (version < 1) {
			throw new IllegalArgumentException(
					"version of task '" + this.name + "' must be at least 1, was " + version);
		}
		this.version = version;
		this.versionSet = true;
		return this;
	}

	/**
	 * The oldest job version this task's worker still reads (default 1); an older job
	 * fails permanently. Raise it once {@code inspect().migrations(task)} shows no older
	 * job is left.
	 */
	public TaskBuilder<I, O> since(int since) {
		if (since < 1) {
			throw new IllegalArgumentException("since of task '" + this.name + "' must be at least 1, was " + since);
		}
		this.since = since;
		return this;
	}

	/**
	 * Migrations in order (taskora's tuple form): the first step turns a {@link #since}
	 * payload into the next version, and so on; the version becomes
	 * {@code since + steps.size()}. Steps work on the payload's JSON tree and run on the
	 * worker before the payload is read and validated.
	 *
	 * <pre>{@code
	 * taskora.task("send-email", Email.class, Sent.class)
	 *     .since(1)
	 *     .migrate(List.of(
	 *         v1 -> ((ObjectNode) v1).put("priority", "normal"),                     // v1 -> v2
	 *         v2 -> ((ObjectNode) v2).set("from", ((ObjectNode) v2).remove("sender")))) // v2 -> v3
	 *     .handler(...);                                                              // version 3
	 * }</pre>
	 */
	public TaskBuilder<I, O> migrate(List<MigrationStep> steps) {
		this.orderedSteps = List.copyOf(steps);
		this.sparseSteps = null;
		return this;
	}

	/**
	 * Sparse migrations (taskora's record form) keyed by the version a step migrates
	 * <em>from</em>: key 3 turns a v3 payload into v4. Versions without a step pass
	 * through; set the {@link #version} explicitly.
	 */
	public TaskBuilder<I, O> migrate(Map<Integer, MigrationStep> steps) {
		this.sparseSteps = Map.copyOf(steps);
		this.orderedSteps = null;
		return this;
	}

	/** Version, since and migrations at once. */
	public TaskBuilder<I, O> versioning(Versioning versioning) {
		this.version = versioning.version();
		this.versionSet = true;
		this.since = versioning.since();
		this.sparseSteps = versioning.steps();
		this.orderedSteps = null;
		return this;
	}

	/**
	 * A contract's version: the default that migrations set on this builder may raise.
	 */
	TaskBuilder<I, O> contractVersion(int version) {
		this.version = version;
		return this;
	}

	/** Adds task middleware, run after the app's middleware and before the handler. */
	public TaskBuilder<I, O> middleware(Middleware... middleware) {
		this.middleware.addAll(List.of(middleware));
		return this;
	}

	/** Cleanup run when an active job is cancelled, after its handler stopped. */
	public TaskBuilder<I, O> onCancel(CancelHook<I> onCancel) {
		this.onCancel = onCancel;
		return this;
	}

	/**
	 * Runs the task on a schedule named after the task (taskora's inline
	 * {@code schedule}), checked when the task is registered.
	 *
	 * <pre>{@code
	 * taskora.task("cleanup-expired", Void.class, Void.class)
	 *     .schedule(Schedule.every(Duration.ofHours(6)))
	 *     .handler((data, ctx) -> { sessions.deleteExpired(); return null; });
	 * }</pre>
	 */
	public TaskBuilder<I, O> schedule(Schedule schedule) {
		this.schedule = Objects.requireNonNull(schedule, "schedule must not be null");
		return this;
	}

	/**
	 * Makes this a collect task: dispatches are buffered per key and run as batches, the
	 * handler receiving {@code List<I>}. Set the other options first; then register it
	 * with {@link CollectTaskBuilder#handler} or {@link CollectTaskBuilder#register()}.
	 *
	 * <pre>{@code
	 * Task<Row, Integer> insert = taskora.task("batch-insert", Row.class, Integer.class)
	 *     .retry(Retry.fixed(3, Duration.ofSeconds(1)))
	 *     .collect(Collect.byKey("db-inserts", Duration.ofSeconds(2)).maxSize(100))
	 *     .handler((rows, ctx) -> db.insertAll(rows));
	 * }</pre>
	 */
	public CollectTaskBuilder<I, O> collect(Collect<? super I> collect) {
		if (collect == null) {
			throw new IllegalArgumentException("collect of task '" + this.name + "' must not be null");
		}
		if (this.onCancel != null) {
			throw new IllegalStateException("onCancel of collect task '" + this.name
					+ "' receives the batch: set it with collect(..).onCancel(..) instead");
		}
		return new CollectTaskBuilder<>(this, collect);
	}

	/** Registers a collect task built by {@link CollectTaskBuilder}. */
	Task<I, O> registerCollect(Collect<? super I> collect, @Nullable TaskHandler<List<I>, O> handler,
			@Nullable CancelHook<List<I>> onCancel) {
		Versioning versioning = versioning();
		return this.app.register(new Task<>(this.runtime, this.name, this.inputType, this.outputType,
				options(versioning), versioning, handler, onCancel, collect), this.schedule);
	}

	/**
	 * Registers the task with its handler; workers start with {@link Taskora#start()}.
	 * @throws dev.taskora.engine.schedule.InvalidScheduleException when its
	 * {@link #schedule} is invalid (the task is not registered then)
	 */
	public Task<I, O> handler(TaskHandler<I, O> handler) {
		return this.app.register(build(handler), this.schedule);
	}

	/**
	 * Registers the task without a handler: this process only dispatches it and listens
	 * to it. Registering the same name again with the same types returns the task already
	 * registered.
	 */
	public Task<I, O> register() {
		return this.app.registerProducer(build(null), this.schedule);
	}

	/** The task as configured, not registered. */
	Task<I, O> build(@Nullable TaskHandler<I, O> handler) {
		Versioning versioning = versioning();
		return new Task<>(this.runtime, this.name, this.inputType, this.outputType, options(versioning), versioning,
				handler, this.onCancel, null);
	}

	/** The schedule set with {@link #schedule}, if any. */
	@Nullable Schedule schedule() {
		return this.schedule;
	}

	private Versioning versioning() {
		try {
			if (this.orderedSteps != null) {
				Versioning derived = Versioning.ordered(this.since, this.orderedSteps);
				if (this.versionSet && this.version != derived.version()) {
					throw new IllegalArgumentException(
							"version " + this.version + " does not match since (" + this.since + ") + "
									+ this.orderedSteps.size() + " ordered migration steps = " + derived.version());
				}
				return derived;
			}
			if (this.sparseSteps != null) {
				return Versioning.sparse(this.version, this.since, this.sparseSteps);
			}
			return new Versioning(this.version, this.since, new TreeMap<>());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("Task '" + this.name + "': " + ex.getMessage(), ex);
		}
	}

	private TaskOptions options(Versioning versioning) {
		return new TaskOptions(this.concurrency, this.timeout, this.retry, this.stall, this.singleton,
				this.concurrencyLimit, this.ttl, this.discardExpired, versioning.version(), this.nonBlocking,
				this.middleware);
	}

}
