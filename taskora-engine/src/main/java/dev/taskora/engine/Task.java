package dev.taskora.engine;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.contract.BeanValidation;
import dev.taskora.engine.contract.PayloadGate;
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

	/** Ids named in the log line of a failed bulk dispatch; the rest are counted. */
	private static final int MAX_IDS_LOGGED = 20;

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

	public String name() {
		return this.name;
	}

	public TypeRef<I> inputType() {
		return this.inputType;
	}

	public TypeRef<O> outputType() {
		return this.outputType;
	}

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
		NewJob job = newJob(data, options);
		return store(job, options,
				(this.collect != null) ? FlowDispatch.collectKey(this.name, this.collect, data) : null);
	}

	/**
	 * Stores one prepared job: into its collect buffer, under its flow option, or
	 * plainly. A refusal by throttle or deduplicate completes {@code enqueued} with
	 * {@code false}, or with the refusal itself under {@code throwOnReject}.
	 */
	private ResultHandle<O> store(NewJob job, DispatchOptions options, @Nullable String collectKey) {
		CompletableFuture<Boolean> enqueued = new CompletableFuture<>();
		ResultHandle<O> handle = new ResultHandle<>(this.runtime, this.name, job.id(), this.outputType.type(),
				enqueued);
		Collect<? super I> config = this.collect;
		if (config != null && collectKey != null) {
			handle.noResult(new UnsupportedOperationException(
					"Task '" + this.name + "' collects its dispatches into batches: an item has no result of its own"),
					null);
			FlowDispatch.collect(this.runtime, this.name, job, config, collectKey)
				.whenComplete((pushed, error) -> settle(enqueued, job, error));
			return handle;
		}
		if (!FlowDispatch.hasFlowOption(options)) {
			this.runtime.connected()
				.thenCompose(connected -> this.runtime.adapter().jobs().enqueue(this.name, job))
				.whenComplete((stored, error) -> settle(enqueued, job, error));
			return handle;
		}
		FlowDispatch.store(this.runtime, this.name, job, options).whenComplete((admission, error) -> {
			if (error != null || admission.admitted()) {
				settle(enqueued, job, error);
				return;
			}
			TaskoraException refusal = FlowDispatch.rejection(job.id(), options, admission);
			handle.noResult(refusal, admission.existingId());
			if (options.throwOnReject()) {
				enqueued.completeExceptionally(refusal);
			}
			else {
				enqueued.complete(Boolean.FALSE);
			}
		});
		return handle;
	}

	private void settle(CompletableFuture<Boolean> enqueued, NewJob job, @Nullable Throwable error) {
		if (error != null) {
			logNotStored(List.of(job.id()), error);
			enqueued.completeExceptionally(error);
		}
		else {
			enqueued.complete(Boolean.TRUE);
		}
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
		List<NewJob> jobs = new ArrayList<>(requests.size());
		List<@Nullable String> collectKeys = new ArrayList<>(requests.size());
		boolean oneByOne = this.collect != null;
		for (DispatchRequest<I> request : requests) {
			jobs.add(newJob(request.data(), request.options()));
			collectKeys
				.add((this.collect != null) ? FlowDispatch.collectKey(this.name, this.collect, request.data()) : null);
			oneByOne |= FlowDispatch.hasFlowOption(request.options());
		}
		if (oneByOne) {
			List<ResultHandle<O>> handles = new ArrayList<>(jobs.size());
			for (int i = 0; i < jobs.size(); i++) {
				handles.add(store(jobs.get(i), requests.get(i).options(), collectKeys.get(i)));
			}
			return handles;
		}
		CompletableFuture<Boolean> enqueued = this.runtime.connected()
			.thenCompose(connected -> this.runtime.adapter().jobs().enqueueBulk(this.name, jobs))
			.thenApply(done -> Boolean.TRUE);
		enqueued.whenComplete((done, error) -> {
			if (error != null) {
				logNotStored(jobs.stream().map(NewJob::id).toList(), error);
			}
		});
		List<ResultHandle<O>> handles = new ArrayList<>(jobs.size());
		for (NewJob job : jobs) {
			handles.add(new ResultHandle<>(this.runtime, this.name, job.id(), this.outputType.type(), enqueued));
		}
		return handles;
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

	/**
	 * A dispatch whose write failed returned a handle all the same, and a caller that
	 * never looks at {@link ResultHandle#enqueued()} would take the job for stored: say
	 * so, once per dispatch call.
	 */
	private void logNotStored(List<String> ids, Throwable error) {
		Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
		if (ids.size() == 1) {
			logger.error("Job {} of task '{}' was not stored and will not run: {}", ids.get(0), this.name,
					cause.getMessage());
		}
		else {
			String shown = (ids.size() <= MAX_IDS_LOGGED) ? String.join(", ", ids)
					: String.join(", ", ids.subList(0, MAX_IDS_LOGGED)) + " and " + (ids.size() - MAX_IDS_LOGGED)
							+ " more";
			logger.error("{} jobs of task '{}' were not stored and will not run ({}): {}", ids.size(), this.name, shown,
					cause.getMessage());
		}
		logger.debug("Enqueue of task '{}' failed", this.name, cause);
	}

	private NewJob newJob(@Nullable I data, DispatchOptions options) {
		// headers (a trace context) travel with a job, not with an item of a batch: they
		// are dropped here
		if (this.collect != null && !options.toBuilder()
			.headers(Map.of())
			.skipValidation(false)
			.build()
			.equals(DispatchOptions.none())) {
			throw new IllegalArgumentException("Task '" + this.name + "' collects its dispatches into batches, so "
					+ "dispatch options do not apply to an item (debounce, throttle and deduplicate included); got "
					+ options);
		}
		checkInputType(data);
		if (this.runtime.validateOnDispatch() && !options.skipValidation()) {
			BeanValidation.check(data, "Payload of task '" + this.name + "'");
		}
		String payload;
		try {
			payload = this.runtime.serializer().serialize(data);
		}
		catch (ValidationException ex) {
			throw new ValidationException(
					"Payload of task '" + this.name + "' cannot be serialized: " + ex.getMessage(), ex);
		}
		long now = this.runtime.clock().millis();
		long expireAt = 0;
		if (options.ttl() != null) {
			expireAt = now + options.ttl().toMillis();
		}
		else if (this.options.ttl() != null) {
			expireAt = now + this.options.ttl().toMillis();
		}
		String concurrencyKey = options.concurrencyKey();
		int concurrencyLimit = 0;
		if (concurrencyKey != null) {
			concurrencyLimit = options.concurrencyLimit() > 0 ? options.concurrencyLimit()
					: Math.max(this.options.concurrencyLimit(), 1);
		}
		return new NewJob(UUID.randomUUID().toString(), payload, now, this.versioning.version(), options.priority(),
				this.options.retry().attempts(), FlowDispatch.delayMs(options), expireAt, concurrencyKey,
				concurrencyLimit, null, 0, options.headers());
	}

	private void checkInputType(@Nullable I data) {
		if (this.collect == null) {
			PayloadGate.checkPayload(data, this.name, this.inputType.type());
		}
		if (data != null && !this.inputType.accepts(data)) {
			throw new ValidationException("Payload of task '" + this.name + "' must be "
					+ this.inputType.type().getTypeName() + ", was " + data.getClass().getName());
		}
	}

	@Override
	public String toString() {
		return "Task[" + this.name + "]";
	}

}
