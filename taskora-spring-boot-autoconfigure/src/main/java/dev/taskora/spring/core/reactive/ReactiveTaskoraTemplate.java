package dev.taskora.spring.core.reactive;

import java.util.function.Supplier;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.spring.core.TaskoraOperations;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The {@link ReactiveTaskoraOperations} over a {@link TaskoraOperations}: dispatching
 * does not block (the store is written in the background), and the handle is emitted when
 * the store confirms the job, so dispatches are observed as the template's are.
 */
public class ReactiveTaskoraTemplate implements ReactiveTaskoraOperations {

	private final TaskoraOperations operations;

	/**
	 * Creates a reactive template over a blocking one: each dispatch is sent on
	 * subscription and the {@code Mono} completes once the store confirmed it.
	 * @param operations the template that does the work
	 */
	public ReactiveTaskoraTemplate(TaskoraOperations operations) {
		this.operations = operations;
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

	/** The operations this template dispatches through. */
	public TaskoraOperations getOperations() {
		return this.operations;
	}

	private static <O> Mono<ResultHandle<O>> stored(Supplier<ResultHandle<O>> dispatch) {
		return Mono.defer(() -> {
			ResultHandle<O> handle = dispatch.get();
			return Mono.fromFuture(handle.enqueued()).thenReturn(handle);
		});
	}

}
