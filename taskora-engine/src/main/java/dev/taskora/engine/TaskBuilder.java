package dev.taskora.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.taskora.engine.flow.Collect;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.internal.Validation;
import dev.taskora.engine.job.TaskOptions;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.retry.StallOptions;
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

	private int concurrencyLimit;

	private @Nullable Duration ttl;

	private boolean discardExpired;

	private int version = 1;

	private final List<Middleware> middleware = new ArrayList<>();

	private @Nullable CancelHook<I> onCancel;

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

	/** Handler timeout; on expiry the handler thread is interrupted and the attempt fails. */
	public TaskBuilder<I, O> timeout(@Nullable Duration timeout) {
		this.timeout = Validation.timeout(timeout);
		return this;
	}

	/** Runs handlers without a time limit. */
	public TaskBuilder<I, O> noTimeout() {
		this.timeout = null;
		return this;
	}

	public TaskBuilder<I, O> retry(Retry retry) {
		this.retry = retry;
		return this;
	}

	public TaskBuilder<I, O> stall(StallOptions stall) {
		this.stall = stall;
		return this;
	}

	/** Only one job of this task active at a time, across every worker. */
	public TaskBuilder<I, O> singleton(boolean singleton) {
		this.singleton = singleton;
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

	/** Default time-to-live before a job starts; {@code discard} deletes instead of expiring. */
	public TaskBuilder<I, O> ttl(@Nullable Duration ttl, boolean discard) {
		if (ttl != null && (ttl.isZero() || ttl.isNegative())) {
			throw new IllegalArgumentException("ttl must be positive, was " + ttl);
		}
		this.ttl = ttl;
		this.discardExpired = discard;
		return this;
	}

	/** Payload version stamped on dispatched jobs (default 1). */
	public TaskBuilder<I, O> version(int version) {
		if (version < 1) {
			throw new IllegalArgumentException("version must be at least 1, was " + version);
		}
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
	 * Makes this a collect task: dispatches are buffered per key and run as batches, the handler
	 * receiving {@code List<I>}. Set the other options first; then register it with
	 * {@link CollectTaskBuilder#handler} or {@link CollectTaskBuilder#register()}.
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
		return this.app.register(new Task<>(this.runtime, this.name, this.inputType, this.outputType, options(), handler,
				onCancel, collect));
	}

	/** Registers the task with its handler; workers start with {@link Taskora#start()}. */
	public Task<I, O> handler(TaskHandler<I, O> handler) {
		return this.app.register(new Task<>(this.runtime, this.name, this.inputType, this.outputType, options(), handler,
				this.onCancel, null));
	}

	/** Registers the task without a handler: this process only dispatches it and listens to it. */
	public Task<I, O> register() {
		return this.app.register(new Task<>(this.runtime, this.name, this.inputType, this.outputType, options(), null,
				this.onCancel, null));
	}

	private TaskOptions options() {
		return new TaskOptions(this.concurrency, this.timeout, this.retry, this.stall, this.singleton,
				this.concurrencyLimit, this.ttl, this.discardExpired, this.version, this.middleware);
	}

}
