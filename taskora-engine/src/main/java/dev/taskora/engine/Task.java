package dev.taskora.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.event.Registration;
import dev.taskora.engine.event.TaskEvent;
import dev.taskora.engine.event.TaskoraEventListener;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.job.TaskOptions;
import dev.taskora.engine.serialize.TypeRef;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named, typed unit of work. Dispatching returns a {@link ResultHandle} at once; the job id is
 * known synchronously and the store write completes in the background. Before handing the id to
 * someone who will look the job up, wait for the write with {@link ResultHandle#awaitEnqueued}; a
 * write that fails is logged at ERROR either way.
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

	/** Ids named in the log line of a failed bulk dispatch; the rest are counted. */
	private static final int MAX_IDS_LOGGED = 20;

	private final TaskoraRuntime runtime;

	private final String name;

	private final TypeRef<I> inputType;

	private final TypeRef<O> outputType;

	private final TaskOptions options;

	private final @Nullable TaskHandler<I, O> handler;

	private final @Nullable CancelHook<I> onCancel;

	Task(TaskoraRuntime runtime, String name, TypeRef<I> inputType, TypeRef<O> outputType, TaskOptions options,
			@Nullable TaskHandler<I, O> handler, @Nullable CancelHook<I> onCancel) {
		this.runtime = runtime;
		this.name = name;
		this.inputType = inputType;
		this.outputType = outputType;
		this.options = options;
		this.handler = handler;
		this.onCancel = onCancel;
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

	/** The handler, or {@code null} for a producer-only task. */
	public @Nullable TaskHandler<I, O> handler() {
		return this.handler;
	}

	public @Nullable CancelHook<I> onCancel() {
		return this.onCancel;
	}

	/** Dispatches a job to run as soon as a worker is free. */
	public ResultHandle<O> dispatch(I data) {
		return dispatch(data, DispatchOptions.none());
	}

	/**
	 * Dispatches a job. The payload is serialized before this returns, so a payload that cannot be
	 * serialized throws {@link ValidationException} here and nothing is written.
	 */
	public ResultHandle<O> dispatch(@Nullable I data, DispatchOptions options) {
		NewJob job = newJob(data, options);
		CompletableFuture<Boolean> enqueued = this.runtime.connected()
			.thenCompose(connected -> this.runtime.adapter().jobs().enqueue(this.name, job))
			.thenApply(done -> Boolean.TRUE);
		enqueued.whenComplete((done, error) -> {
			if (error != null) {
				logNotStored(List.of(job.id()), error);
			}
		});
		return new ResultHandle<>(this.runtime, this.name, job.id(), this.outputType.type(), enqueued);
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
	 * Dispatches many jobs, each with its own options, in one store round trip. Every payload is
	 * serialized first: if one fails, none is written.
	 */
	public List<ResultHandle<O>> dispatchAll(List<DispatchRequest<I>> requests) {
		List<NewJob> jobs = new ArrayList<>(requests.size());
		for (DispatchRequest<I> request : requests) {
			jobs.add(newJob(request.data(), request.options()));
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

	/** Listens to this task's events of one type, from every process sharing the store. */
	public <E extends TaskEvent> Registration on(EventType<E> type, TaskoraEventListener<? super E> listener) {
		return this.runtime.events().on(this.name, type, listener);
	}

	/** A handle on an existing job of this task. */
	public ResultHandle<O> handle(String jobId) {
		return new ResultHandle<>(this.runtime, this.name, jobId, this.outputType.type(),
				CompletableFuture.completedFuture(Boolean.TRUE));
	}

	/**
	 * A dispatch whose write failed returned a handle all the same, and a caller that never looks at
	 * {@link ResultHandle#enqueued()} would take the job for stored: say so, once per dispatch call.
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
		rejectUnsupported(options);
		checkInputType(data);
		String payload;
		try {
			payload = this.runtime.serializer().serialize(data);
		}
		catch (ValidationException ex) {
			throw new ValidationException("Payload of task '" + this.name + "' cannot be serialized: " + ex.getMessage(),
					ex);
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
		return new NewJob(UUID.randomUUID().toString(), payload, now, this.options.version(), options.priority(),
				this.options.retry().attempts(), options.delay().toMillis(), expireAt, concurrencyKey, concurrencyLimit,
				null, 0);
	}

	private void checkInputType(@Nullable I data) {
		if (data != null && !this.inputType.accepts(data)) {
			throw new ValidationException("Payload of task '" + this.name + "' must be "
					+ this.inputType.type().getTypeName() + ", was " + data.getClass().getName());
		}
	}

	private void rejectUnsupported(DispatchOptions options) {
		if (options.debounce() != null || options.throttle() != null || options.deduplicate() != null) {
			// The option types exist so the flow-control issue adds behaviour, not API; until then
			// silently ignoring them would dispatch jobs the caller meant to drop.
			throw new UnsupportedOperationException(
					"debounce, throttle and deduplicate are not supported yet (task '" + this.name + "')");
		}
	}

	@Override
	public String toString() {
		return "Task[" + this.name + "]";
	}

}
