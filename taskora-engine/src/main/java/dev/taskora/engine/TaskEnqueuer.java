package dev.taskora.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.contract.BeanValidation;
import dev.taskora.engine.contract.PayloadGate;
import dev.taskora.engine.flow.Collect;
import dev.taskora.engine.flow.FlowDispatch;
import dev.taskora.engine.internal.TaskoraRuntime;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a task's inputs into stored jobs: checks and serializes each payload before
 * anything is written, then stores the jobs plainly, in bulk, into a collect buffer or
 * under their flow-control option, completing each handle's {@code enqueued} future.
 * {@link Task}'s dispatch methods delegate here.
 *
 * @param <I> input type
 * @param <O> output type
 */
final class TaskEnqueuer<I, O> {

	// logged under Task, the category users already configure
	private static final Logger logger = LoggerFactory.getLogger(Task.class);

	/** Ids named in the log line of a failed bulk dispatch; the rest are counted. */
	private static final int MAX_IDS_LOGGED = 20;

	private final TaskoraRuntime runtime;

	/**
	 * Read on every dispatch: options and versions change once if the task is upgraded.
	 */
	private final Task<I, O> task;

	TaskEnqueuer(TaskoraRuntime runtime, Task<I, O> task) {
		this.runtime = runtime;
		this.task = task;
	}

	/** See {@link Task#dispatch(Object, DispatchOptions)}. */
	ResultHandle<O> dispatch(@Nullable I data, DispatchOptions options) {
		NewJob job = newJob(data, options);
		Collect<? super I> collect = this.task.collect();
		return store(job, options, (collect != null) ? FlowDispatch.collectKey(this.task.name(), collect, data) : null);
	}

	/**
	 * Stores one prepared job: into its collect buffer, under its flow option, or
	 * plainly. A refusal by throttle or deduplicate completes {@code enqueued} with
	 * {@code false}, or with the refusal itself under {@code throwOnReject}.
	 */
	private ResultHandle<O> store(NewJob job, DispatchOptions options, @Nullable String collectKey) {
		CompletableFuture<Boolean> enqueued = new CompletableFuture<>();
		ResultHandle<O> handle = new ResultHandle<>(this.runtime, this.task.name(), job.id(),
				this.task.outputType().type(), enqueued);
		Collect<? super I> config = this.task.collect();
		if (config != null && collectKey != null) {
			handle.noResult(new UnsupportedOperationException("Task '" + this.task.name()
					+ "' collects its dispatches into batches: an item has no result of its own"), null);
			FlowDispatch.collect(this.runtime, this.task.name(), job, config, collectKey)
				.whenComplete((pushed, error) -> settle(enqueued, job, error));
			return handle;
		}
		if (!FlowDispatch.hasFlowOption(options)) {
			this.runtime.whenConnected(() -> this.runtime.adapter().jobs().enqueue(this.task.name(), job))
				.whenComplete((stored, error) -> settle(enqueued, job, error));
			return handle;
		}
		FlowDispatch.store(this.runtime, this.task.name(), job, options).whenComplete((admission, error) -> {
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

	/** See {@link Task#dispatchAll(List)}. */
	List<ResultHandle<O>> dispatchAll(List<DispatchRequest<I>> requests) {
		List<NewJob> jobs = new ArrayList<>(requests.size());
		List<@Nullable String> collectKeys = new ArrayList<>(requests.size());
		Collect<? super I> collect = this.task.collect();
		boolean oneByOne = collect != null;
		for (DispatchRequest<I> request : requests) {
			jobs.add(newJob(request.data(), request.options()));
			collectKeys
				.add((collect != null) ? FlowDispatch.collectKey(this.task.name(), collect, request.data()) : null);
			oneByOne |= FlowDispatch.hasFlowOption(request.options());
		}
		if (oneByOne) {
			List<ResultHandle<O>> handles = new ArrayList<>(jobs.size());
			for (int i = 0; i < jobs.size(); i++) {
				handles.add(store(jobs.get(i), requests.get(i).options(), collectKeys.get(i)));
			}
			return handles;
		}
		CompletableFuture<Boolean> enqueued = this.runtime
			.whenConnected(() -> this.runtime.adapter().jobs().enqueueBulk(this.task.name(), jobs))
			.thenApply(done -> Boolean.TRUE);
		enqueued.whenComplete((done, error) -> {
			if (error != null) {
				logNotStored(jobs.stream().map(NewJob::id).toList(), error);
			}
		});
		List<ResultHandle<O>> handles = new ArrayList<>(jobs.size());
		for (NewJob job : jobs) {
			handles.add(new ResultHandle<>(this.runtime, this.task.name(), job.id(), this.task.outputType().type(),
					enqueued));
		}
		return handles;
	}

	/**
	 * A dispatch whose write failed returned a handle all the same, and a caller that
	 * never looks at {@link ResultHandle#enqueued()} would take the job for stored: say
	 * so, once per dispatch call.
	 */
	private void logNotStored(List<String> ids, Throwable error) {
		Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
		if (ids.size() == 1) {
			logger.error("Job {} of task '{}' was not stored and will not run: {}", ids.get(0), this.task.name(),
					cause.getMessage());
		}
		else {
			String shown = (ids.size() <= MAX_IDS_LOGGED) ? String.join(", ", ids)
					: String.join(", ", ids.subList(0, MAX_IDS_LOGGED)) + " and " + (ids.size() - MAX_IDS_LOGGED)
							+ " more";
			logger.error("{} jobs of task '{}' were not stored and will not run ({}): {}", ids.size(), this.task.name(),
					shown, cause.getMessage());
		}
		logger.debug("Enqueue of task '{}' failed", this.task.name(), cause);
	}

	private NewJob newJob(@Nullable I data, DispatchOptions options) {
		// headers (a trace context) travel with a job, not with an item of a batch: they
		// are dropped here
		if (this.task.collect() != null && !options.toBuilder()
			.headers(Map.of())
			.skipValidation(false)
			.build()
			.equals(DispatchOptions.none())) {
			throw new IllegalArgumentException("Task '" + this.task.name()
					+ "' collects its dispatches into batches, so "
					+ "dispatch options do not apply to an item (debounce, throttle and deduplicate included); got "
					+ options);
		}
		checkInputType(data);
		if (this.runtime.validateOnDispatch() && !options.skipValidation()) {
			if (this.task.collect() == null) {
				// the worker checks it all the same, for data sent unvalidated
				PayloadGate.checkPayload(data, this.task.name(), this.task.inputType().type());
			}
			BeanValidation.check(data, "Payload of task '" + this.task.name() + "'");
		}
		String payload;
		try {
			payload = this.runtime.serializer().serialize(data);
		}
		catch (ValidationException ex) {
			throw new ValidationException(
					"Payload of task '" + this.task.name() + "' cannot be serialized: " + ex.getMessage(), ex);
		}
		long now = this.runtime.clock().millis();
		long expireAt = 0;
		if (options.ttl() != null) {
			expireAt = now + options.ttl().toMillis();
		}
		else if (this.task.options().ttl() != null) {
			expireAt = now + this.task.options().ttl().toMillis();
		}
		String concurrencyKey = options.concurrencyKey();
		int concurrencyLimit = 0;
		if (concurrencyKey != null) {
			concurrencyLimit = options.concurrencyLimit() > 0 ? options.concurrencyLimit()
					: Math.max(this.task.options().concurrencyLimit(), 1);
		}
		return new NewJob(UUID.randomUUID().toString(), payload, now, this.task.versioning().version(),
				options.priority(), this.task.options().retry().attempts(), FlowDispatch.delayMs(options), expireAt,
				concurrencyKey, concurrencyLimit, null, 0, options.headers());
	}

	private void checkInputType(@Nullable I data) {
		if (data != null && !this.task.inputType().accepts(data)) {
			throw new ValidationException("Payload of task '" + this.task.name() + "' must be "
					+ this.task.inputType().type().getTypeName() + ", was " + data.getClass().getName());
		}
	}

}
