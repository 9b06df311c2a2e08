package dev.taskora.engine;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.contract.Versioning;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.event.Registration;
import dev.taskora.engine.event.TaskEvent;
import dev.taskora.engine.event.TaskoraEventListener;
import dev.taskora.engine.flow.Collect;
import dev.taskora.engine.flow.CollectInfo;
import dev.taskora.engine.flow.FlowDispatch;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.job.TaskOptions;
import dev.taskora.engine.serialize.TypeRef;
import dev.taskora.engine.workflow.Group;
import dev.taskora.engine.workflow.Signature;
import dev.taskora.engine.workflow.WorkflowHandle;
import dev.taskora.engine.workflow.Workflows;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named, typed unit of work. Dispatching returns a {@link ResultHandle} at once; the
 * job id is known synchronously and the store write completes in the background. Before
 * handing the id to someone who will look the job up, wait for the write with
 * {@link ResultHandle#awaitEnqueued}; a write that fails is logged at ERROR either way.
 *
 * <pre>{@code
 * ResultHandle<Sent> handle = sendEmail.dispatch(new Email("a@b.c", "hi"));
 * Sent sent = handle.await(Duration.ofSeconds(10));
 * String id = sendEmail.dispatch(email).awaitEnqueued(Duration.ofSeconds(5)).id();
 * }</pre>
 *
 * @param <I> input type
 * @param <O> output type
 */
public final class Task<I, O> {

	private static final Logger logger = LoggerFactory.getLogger(Task.class);

	static {
		TaskoraRuntime.registerTaskAccess(task -> task.runtime);
	}

	private final TaskoraRuntime runtime;

	private final String name;

	private final TypeRef<I> inputType;

	private final TypeRef<O> outputType;

	// Set again, once, when a contract registered here is implemented later (see
	// upgrade).
	private volatile TaskOptions options;

	private volatile @Nullable TaskHandler<?, O> handler;

	private volatile @Nullable CancelHook<?> onCancel;

	private volatile Versioning versioning;

	private final @Nullable Collect<? super I> collect;

	private final Type handlerInputType;

	private final TaskEnqueuer<I, O> dispatcher;

	/** A task; with {@code collect}, the handler receives {@code List<I>}. */
	Task(TaskoraRuntime runtime, String name, TypeRef<I> inputType, TypeRef<O> outputType, TaskOptions options,
			Versioning versioning, @Nullable TaskHandler<?, O> handler, @Nullable CancelHook<?> onCancel,
			@Nullable Collect<? super I> collect) {
		this.runtime = runtime;
		this.name = name;
		this.inputType = inputType;
		this.outputType = outputType;
		this.options = options;
		this.versioning = versioning;
		this.handler = handler;
		this.onCancel = onCancel;
		this.collect = collect;
		this.handlerInputType = (collect != null) ? FlowDispatch.batchOf(inputType.type()) : inputType.type();
		this.dispatcher = new TaskEnqueuer<>(runtime, this);
	}

	/**
	 * Gives a task registered without a handler the handler, options and versions of its
	 * implementation, in place: handles and references to this task keep working
	 * (taskora's {@code implement} after {@code register}).
	 */
	void upgrade(Task<I, O> implementation) {
		this.options = implementation.options;
		this.versioning = implementation.versioning;
		this.onCancel = implementation.onCancel;
		this.handler = implementation.handler;
	}

	/**
	 * The task's name: its queue in the store, shared by every process that dispatches to
	 * or works on it.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * The type the task's input is read as on the worker and checked against on dispatch.
	 * @return the input type
	 */
	public TypeRef<I> inputType() {
		return this.inputType;
	}

	/**
	 * The type the task's result is read as by {@link ResultHandle#await}.
	 * @return the output type
	 */
	public TypeRef<O> outputType() {
		return this.outputType;
	}

	/**
	 * The options the task runs with (its own, over the app defaults).
	 * @return the options
	 */
	public TaskOptions options() {
		return this.options;
	}

	/**
	 * The payload version stamped on dispatched jobs, the oldest version a worker still
	 * reads, and the migrations between them.
	 */
	public Versioning versioning() {
		return this.versioning;
	}

	/**
	 * The handler, or {@code null} for a producer-only task. It takes
	 * {@link #handlerInputType()}: the input, or a list of inputs for a collect task.
	 */
	public @Nullable TaskHandler<?, O> handler() {
		return this.handler;
	}

	/**
	 * What the handler receives: the input type, or {@code List<input>} for a collect
	 * task.
	 */
	public Type handlerInputType() {
		return this.handlerInputType;
	}

	/**
	 * How this task batches its dispatches, or {@code null} when each dispatch is a job
	 * of its own.
	 */
	public @Nullable Collect<? super I> collect() {
		return this.collect;
	}

	/**
	 * The cleanup run after a cancelled job's handler stopped; it takes
	 * {@link #handlerInputType()}.
	 */
	public @Nullable CancelHook<?> onCancel() {
		return this.onCancel;
	}

	/** Dispatches a job to run as soon as a worker is free. */
	public ResultHandle<O> dispatch(I data) {
		return dispatch(data, DispatchOptions.none());
	}

	/**
	 * Dispatches a job. The payload is validated (Bean Validation, when a provider is on
	 * the classpath, unless {@link DispatchOptions#skipValidation()} or the app's
	 * {@code validateOnDispatch(false)}) and serialized before this returns, so an
	 * invalid payload throws {@link ValidationException} here, naming each field at
	 * fault, and nothing is written; so do options that do not apply (any option on an
	 * item of a collect task). A dispatch refused by its throttle or deduplicate option
	 * stores nothing: {@link ResultHandle#enqueued()} completes with {@code false}, or,
	 * with {@code throwOnReject}, fails with the refusal.
	 */
	public ResultHandle<O> dispatch(@Nullable I data, DispatchOptions options) {
		return this.dispatcher.dispatch(data, options);
	}

	/** Dispatches many jobs in one store round trip. */
	public List<ResultHandle<O>> dispatchMany(List<? extends I> items) {
		return dispatchMany(items, DispatchOptions.none());
	}

	/** Dispatches many jobs with the same options in one store round trip. */
	public List<ResultHandle<O>> dispatchMany(List<? extends I> items, DispatchOptions options) {
		List<DispatchRequest<I>> requests = new ArrayList<>(items.size());
		for (I item : items) {
			requests.add(new DispatchRequest<>(item, options));
		}
		return dispatchAll(requests);
	}

	/**
	 * Dispatches many jobs, each with its own options, in one store round trip. Every
	 * payload is serialized first: if one fails, none is written. Requests with a
	 * flow-control option, and the items of a collect task, are one store call each (each
	 * is one decision of the store).
	 */
	public List<ResultHandle<O>> dispatchAll(List<DispatchRequest<I>> requests) {
		return this.dispatcher.dispatchAll(requests);
	}

	/**
	 * An unbound signature of this task for a workflow: it receives the previous step's
	 * output.
	 * @see dev.taskora.engine.workflow.Workflows
	 */
	public Signature<I, O> s() {
		return Signature.of(this);
	}

	/**
	 * A signature of this task bound to {@code data}: it runs with that input whatever
	 * the previous step produced, so it may start a workflow.
	 * @see dev.taskora.engine.workflow.Workflows
	 */
	public Signature<Object, O> s(@Nullable I data) {
		return Signature.of(this, data);
	}

	/**
	 * Dispatches one job per item, all in parallel, as a workflow whose result is the
	 * list of their results in item order:
	 * {@code group(task.s(item1), task.s(item2), ...).dispatch()}.
	 * @throws IllegalArgumentException when {@code items} is empty
	 */
	public WorkflowHandle<List<O>> map(List<? extends I> items) {
		return Workflows.<Object, O>group(signatures(items, "map")).dispatch();
	}

	/**
	 * Dispatches the items in batches of {@code size}: each batch runs in parallel, and a
	 * batch starts once the previous one has completed. The result is the list of every
	 * item's result, in item order.
	 * @throws IllegalArgumentException when {@code items} is empty or {@code size} &lt; 1
	 */
	public WorkflowHandle<List<O>> chunk(List<? extends I> items, int size) {
		if (size < 1) {
			throw new IllegalArgumentException("chunk size must be at least 1, was " + size);
		}
		List<Signature<Object, O>> all = signatures(items, "chunk");
		List<Group<Object, O>> batches = new ArrayList<>();
		for (int from = 0; from < all.size(); from += size) {
			batches.add(Workflows.group(all.subList(from, Math.min(from + size, all.size()))));
		}
		return Workflows.dispatchInBatches(batches);
	}

	private List<Signature<Object, O>> signatures(List<? extends I> items, String operation) {
		if (items.isEmpty()) {
			throw new IllegalArgumentException(operation + " items must not be empty (task '" + this.name + "')");
		}
		List<Signature<Object, O>> signatures = new ArrayList<>(items.size());
		for (I item : items) {
			signatures.add(s(item));
		}
		return signatures;
	}

	/**
	 * Listens to this task's events of one type, from every process sharing the store.
	 */
	public <E extends TaskEvent> Registration on(EventType<E> type, TaskoraEventListener<? super E> listener) {
		return this.runtime.events().on(this.name, type, listener);
	}

	/** A handle on an existing job of this task. */
	public ResultHandle<O> handle(String jobId) {
		return new ResultHandle<>(this.runtime, this.name, jobId, this.outputType.type(),
				CompletableFuture.completedFuture(Boolean.TRUE));
	}

	/**
	 * The items buffered under {@code key}, oldest first, without taking them out of the
	 * buffer or moving its flush. Empty when the key has no buffer (never used, or
	 * flushed); an item that cannot be read as the input type is left out.
	 * @throws IllegalStateException if this task does not collect
	 */
	@SuppressWarnings("unchecked")
	public List<I> peekCollect(String key) {
		requireCollect("peekCollect", key);
		return (List<I>) FlowDispatch.peek(this.runtime, this.name, key, this.inputType.type());
	}

	/**
	 * How many items are buffered under {@code key} and since when, without reading them;
	 * empty when the key has no buffer.
	 * @throws IllegalStateException if this task does not collect
	 */
	public Optional<CollectInfo> inspectCollect(String key) {
		requireCollect("inspectCollect", key);
		return FlowDispatch.inspect(this.runtime, this.name, key);
	}

	private void requireCollect(String operation, String key) {
		if (this.collect == null) {
			throw new IllegalStateException("Task '" + this.name + "' does not collect: " + operation
					+ " works on tasks defined with collect(..)");
		}
		if (key.isBlank()) {
			throw new IllegalArgumentException(operation + " key must not be blank");
		}
	}

	@Override
	public String toString() {
		return "Task[" + this.name + "]";
	}

}
