package dev.taskora.spring.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.DispatchRequest;
import dev.taskora.engine.EnqueueFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.contract.TaskContract;
import dev.taskora.engine.flow.CollectInfo;
import dev.taskora.engine.flow.DuplicateJobException;
import dev.taskora.engine.flow.ThrottledException;
import dev.taskora.engine.inspect.DeadLetters;
import dev.taskora.engine.inspect.Inspector;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.engine.inspect.RetryOutcome;
import dev.taskora.engine.workflow.Signature;
import dev.taskora.spring.core.observation.DefaultTaskoraDispatchObservationConvention;
import dev.taskora.spring.core.observation.TaskoraDispatchContext;
import dev.taskora.spring.core.observation.TaskoraDispatchObservationConvention;
import dev.taskora.spring.core.observation.TaskoraObservation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The {@link TaskoraOperations} over one {@link Taskora} app. Every dispatch is observed
 * as {@code taskora.dispatch} when an {@link ObservationRegistry} is set; the observation
 * ends when the store has the job. What the observation's handlers propagate (a tracer:
 * the trace context) is stored with the job as its {@link DispatchOptions#headers()
 * headers}, so that the job's {@code taskora.process} observation continues the trace.
 */
public class TaskoraTemplate implements TaskoraOperations {

	/**
	 * How long {@code enqueue} waits for the store unless
	 * {@link #setDispatchTimeout(Duration) set}.
	 */
	public static final Duration DEFAULT_DISPATCH_TIMEOUT = Duration.ofSeconds(5);

	private final Taskora taskora;

	private Duration dispatchTimeout = DEFAULT_DISPATCH_TIMEOUT;

	private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

	private @Nullable TaskoraDispatchObservationConvention observationConvention;

	/**
	 * Creates a template over this app.
	 * @param taskora the app to dispatch to
	 */
	public TaskoraTemplate(Taskora taskora) {
		this.taskora = taskora;
	}

	/** Where dispatch observations go (default: nowhere). */
	public void setObservationRegistry(ObservationRegistry observationRegistry) {
		this.observationRegistry = observationRegistry;
	}

	/**
	 * How long {@code enqueue} waits for the store to confirm a job before it throws
	 * {@link EnqueueFailedException}.
	 */
	public void setDispatchTimeout(Duration dispatchTimeout) {
		if (dispatchTimeout.isNegative() || dispatchTimeout.isZero()) {
			throw new IllegalArgumentException("dispatchTimeout must be positive, was " + dispatchTimeout);
		}
		this.dispatchTimeout = dispatchTimeout;
	}

	/** A custom name and tags for dispatch observations. */
	public void setObservationConvention(@Nullable TaskoraDispatchObservationConvention observationConvention) {
		this.observationConvention = observationConvention;
	}

	@Override
	public <I, O> ResultHandle<O> dispatch(Task<I, O> task, @Nullable I data) {
		return dispatch(task, data, DispatchOptions.none());
	}

	@Override
	public <I, O> ResultHandle<O> dispatch(Task<I, O> task, @Nullable I data, DispatchOptions options) {
		return observe(task.name(), 1, headers -> List.of(task.dispatch(data, withHeaders(options, headers)))).get(0);
	}

	@Override
	public ResultHandle<Object> dispatch(String task, @Nullable Object data) {
		return dispatch(requireTask(task), data, DispatchOptions.none());
	}

	@Override
	public ResultHandle<Object> dispatch(String task, @Nullable Object data, DispatchOptions options) {
		return dispatch(requireTask(task), data, options);
	}

	@Override
	public <I, O> ResultHandle<O> enqueue(Task<I, O> task, @Nullable I data) {
		return enqueue(task, data, DispatchOptions.none());
	}

	@Override
	public <I, O> ResultHandle<O> enqueue(Task<I, O> task, @Nullable I data, DispatchOptions options) {
		return awaitStored(dispatch(task, data, options));
	}

	@Override
	public ResultHandle<Object> enqueue(String task, @Nullable Object data) {
		return enqueue(requireTask(task), data, DispatchOptions.none());
	}

	@Override
	public ResultHandle<Object> enqueue(String task, @Nullable Object data, DispatchOptions options) {
		return enqueue(requireTask(task), data, options);
	}

	@Override
	public <I, O> List<ResultHandle<O>> dispatchMany(Task<I, O> task, List<? extends I> items) {
		return dispatchMany(task, items, DispatchOptions.none());
	}

	@Override
	public <I, O> List<ResultHandle<O>> dispatchMany(Task<I, O> task, List<? extends I> items,
			DispatchOptions options) {
		return observe(task.name(), items.size(), headers -> task.dispatchMany(items, withHeaders(options, headers)));
	}

	@Override
	public List<ResultHandle<Object>> dispatchMany(String task, List<?> items) {
		return dispatchMany(requireTask(task), items, DispatchOptions.none());
	}

	@Override
	public List<ResultHandle<Object>> dispatchMany(String task, List<?> items, DispatchOptions options) {
		return dispatchMany(requireTask(task), items, options);
	}

	@Override
	public <I, O> List<ResultHandle<O>> dispatchAll(Task<I, O> task, List<DispatchRequest<I>> requests) {
		return observe(task.name(), requests.size(),
				headers -> task.dispatchAll(headers.isEmpty() ? requests
						: requests.stream()
							.map(request -> DispatchRequest.of(request.data(), withHeaders(request.options(), headers)))
							.toList()));
	}

	@Override
	@SuppressWarnings("unchecked")
	public <I, O> Task<I, O> task(String name, Class<I> input, Class<O> output) {
		Task<?, ?> existing = this.taskora.findTask(name).orElse(null);
		if (existing == null) {
			try {
				return this.taskora.task(name, input, output).register();
			}
			catch (IllegalStateException ex) {
				// Registered concurrently: check the winner's types below.
				existing = this.taskora.findTask(name).orElseThrow(() -> ex);
			}
		}
		if (!existing.inputType().type().equals(input) || !existing.outputType().type().equals(output)) {
			throw new IllegalArgumentException("Task '" + name + "' is registered as " + existing.inputType() + " -> "
					+ existing.outputType() + ", not " + input.getName() + " -> " + output.getName());
		}
		return (Task<I, O>) existing;
	}

	@Override
	public <I, O> Task<I, O> task(TaskContract<I, O> contract) {
		return this.taskora.register(contract);
	}

	@Override
	public Optional<Task<?, ?>> findTask(String name) {
		return this.taskora.findTask(name);
	}

	@Override
	public ResultHandle<Object> job(String task, String jobId) {
		return this.taskora.job(task, jobId);
	}

	@Override
	public Optional<JobSnapshot<Object, Object>> findJob(String jobId) {
		return this.taskora.inspect().find(jobId);
	}

	@Override
	public Optional<JobSnapshot<Object, Object>> findJob(String task, String jobId) {
		return this.taskora.inspect().find(task, jobId);
	}

	@Override
	public Map<JobState, Long> counts(String task) {
		return this.taskora.inspect().counts(task);
	}

	@Override
	public List<Object> peekCollect(String task, String key) {
		return requireTask(task).peekCollect(key);
	}

	@Override
	public Optional<CollectInfo> inspectCollect(String task, String key) {
		return requireTask(task).inspectCollect(key);
	}

	@Override
	public boolean retry(String jobId) {
		return this.taskora.deadLetters().retry(jobId) == RetryOutcome.RETRIED;
	}

	@Override
	public CancelResult cancel(String jobId, @Nullable String reason) {
		Optional<JobSnapshot<Object, Object>> job = this.taskora.inspect().find(jobId);
		if (job.isEmpty()) {
			return CancelResult.NOT_FOUND;
		}
		return switch (this.taskora.job(job.get().task(), jobId).cancel(reason)) {
			case CANCELLED -> CancelResult.CANCELLED;
			case FLAGGED -> CancelResult.CANCELLING;
			case NOT_CANCELLABLE -> CancelResult.NOT_CANCELLABLE;
			case NOT_FOUND -> CancelResult.NOT_FOUND;
		};
	}

	@Override
	public Inspector inspect() {
		return this.taskora.inspect();
	}

	@Override
	public DeadLetters deadLetters() {
		return this.taskora.deadLetters();
	}

	@Override
	public Signature<Object, Object> signature(String task) {
		return requireTask(task).s();
	}

	@Override
	public Signature<Object, Object> signature(String task, @Nullable Object data) {
		return requireTask(task).s(data);
	}

	@Override
	public Taskora taskora() {
		return this.taskora;
	}

	@SuppressWarnings("unchecked")
	private Task<Object, Object> requireTask(String name) {
		return (Task<Object, Object>) this.taskora.findTask(name)
			.orElseThrow(() -> new IllegalArgumentException("No task '" + name + "' is registered; known tasks: "
					+ this.taskora.tasks().stream().map(Task::name).sorted().toList()
					+ ". Define it with a @TaskConsumer bean, or with task(name, input, output) for a task handled"
					+ " by another process"));
	}

	/**
	 * Observes a dispatch; {@code dispatch} gets the headers the observation's handlers
	 * propagated (empty without a tracer) to store with the job(s).
	 */
	private <O> List<ResultHandle<O>> observe(String task, int jobs,
			Function<Map<String, String>, List<ResultHandle<O>>> dispatch) {
		TaskoraDispatchContext context = new TaskoraDispatchContext(task, jobs);
		Observation observation = TaskoraObservation.DISPATCH.observation(this.observationConvention,
				DefaultTaskoraDispatchObservationConvention.INSTANCE, () -> context, this.observationRegistry);
		observation.start();
		List<ResultHandle<O>> handles;
		try (Observation.Scope scope = observation.openScope()) {
			handles = dispatch.apply(context.getHeaders());
		}
		catch (RuntimeException ex) {
			observation.error(ex);
			observation.stop();
			throw ex;
		}
		if (handles.size() == 1) {
			context.setJobId(handles.get(0).id());
		}
		List<CompletableFuture<Boolean>> stored = new ArrayList<>(handles.size());
		handles.forEach(handle -> stored.add(handle.enqueued()));
		CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).whenComplete((done, error) -> {
			if (error != null) {
				observation.error(unwrap(error));
			}
			observation.stop();
		});
		return handles;
	}

	/**
	 * Waits for the store; a refusal the options ask to be thrown (throwOnReject) comes
	 * out of {@code awaitEnqueued} as ThrottledException or DuplicateJobException, one
	 * that they don't as a handle whose {@code enqueued()} is {@code false}.
	 */
	private <O> ResultHandle<O> awaitStored(ResultHandle<O> handle) {
		return handle.awaitEnqueued(this.dispatchTimeout);
	}

	/**
	 * The options with the propagated headers added (they win over headers of the same
	 * name).
	 */
	private static DispatchOptions withHeaders(DispatchOptions options, Map<String, String> headers) {
		return headers.isEmpty() ? options : options.toBuilder().headers(headers).build();
	}

	private static Throwable unwrap(Throwable error) {
		return (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
	}

}
