package dev.taskora.spring.core.reactive;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.EnqueueFailedException;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.flow.DuplicateJobException;
import dev.taskora.engine.flow.ThrottledException;
import dev.taskora.spring.core.TaskoraOperations;
import dev.taskora.spring.core.TaskoraTemplate;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The {@link ReactiveTaskoraOperations} over a {@link TaskoraOperations}: dispatching
 * does not block (the store is written in the background), and the handle is emitted when
 * the store confirms the job, so dispatches are observed as the template's are. Failures
 * are signalled as the blocking {@code enqueue} throws them: a refusal asked for with
 * {@code throwOnReject} as {@link ThrottledException} or {@link DuplicateJobException}, a
 * store that refused the job, could not be reached or did not confirm it within the
 * dispatch timeout as {@link EnqueueFailedException} naming the task and the job.
 */
public class ReactiveTaskoraTemplate implements ReactiveTaskoraOperations {

	private final TaskoraOperations operations;

	private Duration dispatchTimeout = TaskoraTemplate.DEFAULT_DISPATCH_TIMEOUT;

	/**
	 * Creates a reactive template over a blocking one: each dispatch is sent on
	 * subscription and the {@code Mono} completes once the store confirmed it.
	 * @param operations the template that does the work
	 */
	public ReactiveTaskoraTemplate(TaskoraOperations operations) {
		this.operations = operations;
	}

	/**
	 * How long {@code enqueue} waits for the store to confirm a job before it signals
	 * {@link EnqueueFailedException} (default 5 s; {@code taskora.dispatch-timeout} when
	 * auto-configured).
	 * @param dispatchTimeout the longest wait, positive
	 */
	public void setDispatchTimeout(Duration dispatchTimeout) {
		if (dispatchTimeout.isNegative() || dispatchTimeout.isZero()) {
			throw new IllegalArgumentException("dispatchTimeout must be positive, was " + dispatchTimeout);
		}
		this.dispatchTimeout = dispatchTimeout;
	}

	@Override
	public <I, O> Mono<ResultHandle<O>> enqueue(Task<I, O> task, @Nullable I data) {
		return enqueue(task, data, DispatchOptions.none());
	}

	@Override
	public <I, O> Mono<ResultHandle<O>> enqueue(Task<I, O> task, @Nullable I data, DispatchOptions options) {
		return stored(() -> this.operations.dispatch(task, data, options));
	}

	@Override
	public Mono<ResultHandle<Object>> enqueue(String task, @Nullable Object data) {
		return enqueue(task, data, DispatchOptions.none());
	}

	@Override
	public Mono<ResultHandle<Object>> enqueue(String task, @Nullable Object data, DispatchOptions options) {
		return stored(() -> this.operations.dispatch(task, data, options));
	}

	@Override
	public <O> Mono<O> result(ResultHandle<O> handle) {
		return Mono.fromFuture(handle::result);
	}

	@Override
	public <I, O> Mono<O> enqueueAndAwait(Task<I, O> task, @Nullable I data) {
		return enqueue(task, data).flatMap(this::result);
	}

	@Override
	public ResultHandle<Object> job(String task, String jobId) {
		return this.operations.job(task, jobId);
	}

	/**
	 * The operations this template dispatches through.
	 * @return the operations
	 */
	public TaskoraOperations getOperations() {
		return this.operations;
	}

	private <O> Mono<ResultHandle<O>> stored(Supplier<ResultHandle<O>> dispatch) {
		Duration timeout = this.dispatchTimeout;
		return Mono.defer(() -> {
			ResultHandle<O> handle = dispatch.get();
			return Mono.fromFuture(handle.enqueued())
				.timeout(timeout)
				.onErrorMap(error -> !isRefusal(error), error -> notStored(handle, error, timeout))
				.thenReturn(handle);
		});
	}

	private static boolean isRefusal(Throwable error) {
		return error instanceof ThrottledException || error instanceof DuplicateJobException
				|| error instanceof EnqueueFailedException;
	}

	private static EnqueueFailedException notStored(ResultHandle<?> handle, Throwable error, Duration timeout) {
		if (error instanceof TimeoutException) {
			return new EnqueueFailedException(handle.task(), handle.id(),
					"Job " + handle.id() + " of task '" + handle.task() + "' was not confirmed as stored within "
							+ timeout.toMillis() + "ms; it may still be stored",
					error);
		}
		return new EnqueueFailedException(handle.task(), handle.id(),
				"Job " + handle.id() + " of task '" + handle.task() + "' was not stored: " + error.getMessage(), error);
	}

}
