package dev.taskora.spring.core.reactive;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Dispatching for reactive (WebFlux) applications: nothing blocks, every method returns a
 * cold {@link Mono} that dispatches when subscribed. Implemented by
 * {@link ReactiveTaskoraTemplate}; an auto-configured bean when Reactor is on the
 * classpath.
 *
 * <pre>{@code
 * &#64;PostMapping("/reports")
 * Mono<String> requestReport(@RequestBody ReportRequest request) {
 *     return this.taskora.enqueue("generate-report", request).map(ResultHandle::id);
 * }
 *
 * &#64;GetMapping("/reports/{id}")
 * Mono<Object> report(@PathVariable String id) {
 *     return this.taskora.result(this.taskora.job("generate-report", id));
 * }
 * }</pre>
 */
public interface ReactiveTaskoraOperations {

	/**
	 * Dispatches a job and emits its handle once the store holds it (a throttle or
	 * deduplicate refusal emits the handle too, {@code enqueued()} being {@code false}).
	 * @param task the task
	 * @param data the payload
	 * @return the handle, once stored
	 */
	<I, O> Mono<ResultHandle<O>> enqueue(Task<I, O> task, @Nullable I data);

	/**
	 * Dispatches a job with options and emits its handle once the store holds it. A
	 * throttle or deduplicate refusal emits the handle ({@code enqueued()} being
	 * {@code false}), unless the options ask for it to be thrown ({@code throwOnReject}):
	 * then it signals {@link dev.taskora.engine.flow.ThrottledException} or
	 * {@link dev.taskora.engine.flow.DuplicateJobException} (naming the job it
	 * duplicates), as the blocking {@code enqueue} throws them.
	 * @param task the task
	 * @param data the payload
	 * @param options delay, priority, flow control ...
	 * @return the handle, once stored
	 */
	<I, O> Mono<ResultHandle<O>> enqueue(Task<I, O> task, @Nullable I data, DispatchOptions options);

	/**
	 * Dispatches a job of the task registered under {@code task} and emits its handle
	 * once the store holds it; an unknown task signals {@link IllegalArgumentException}.
	 */
	Mono<ResultHandle<Object>> enqueue(String task, @Nullable Object data);

	/**
	 * Dispatches a job of a named task with options and emits its handle once the store
	 * holds it; a refusal with {@code throwOnReject} signals an error as in
	 * {@link #enqueue(Task, Object, DispatchOptions)}.
	 * @param task the task's name
	 * @param data the payload
	 * @param options delay, priority, flow control ...
	 * @return the handle, once stored
	 */
	Mono<ResultHandle<Object>> enqueue(String task, @Nullable Object data, DispatchOptions options);

	/**
	 * The job's result when it finishes: empty for a {@code null} result, an error when
	 * the job failed, was cancelled or expired.
	 */
	<O> Mono<O> result(ResultHandle<O> handle);

	/** Dispatches a job and emits its result when it finishes. */
	<I, O> Mono<O> enqueueAndAwait(Task<I, O> task, @Nullable I data);

	/** A handle on an existing job. */
	ResultHandle<Object> job(String task, String jobId);

}
