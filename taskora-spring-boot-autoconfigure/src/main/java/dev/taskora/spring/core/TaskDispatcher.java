package dev.taskora.spring.core;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import org.jspecify.annotations.Nullable;

/**
 * Dispatches jobs of one task, typed: taskora's {@code TaskoraRef.for(task)}, to define
 * once (as a bean, or a field) and reuse. Every dispatch goes through the
 * {@link TaskoraOperations} it came from, so it is observed, bounded by the dispatch
 * timeout and may wait for a transaction.
 *
 * <pre>{@code
 * &#64;Bean
 * TaskDispatcher<Email, Sent> sendEmail(TaskoraOperations taskora) {
 *     return taskora.dispatcher("send-email", Email.class, Sent.class);
 * }
 *

 * &#64;Service
 * class SignupService {
 *
 *     private final TaskDispatcher<Email, Sent> sendEmail;
 *
 *     SignupService(TaskDispatcher<Email, Sent> sendEmail) {
 *         this.sendEmail = sendEmail;
 *     }
 *
 *
&#64;Transactional
 *     void signUp(User user) {
 *         this.users.save(user);
 *         this.sendEmail.dispatchAfterCommit(new Email(user.email(), "Welcome"));
 *     }
 *
 * }
 * }</pre>
 *
 * The task is looked up (or registered for another process to handle) on first use, so a
 * dispatcher may be created before the {@code @TaskConsumer} of its task is registered;
 * its types are checked then.
 *
 * @param <I> input type
 * @param <O> output type
 */
public final class TaskDispatcher<I, O> {

	private final TaskoraOperations operations;

	private final String name;

	private final Supplier<Task<I, O>> resolver;

	private volatile @Nullable Task<I, O> task;

	TaskDispatcher(TaskoraOperations operations, String name, Supplier<Task<I, O>> resolver) {
		this.operations = operations;
		this.name = name;
		this.resolver = resolver;
	}

	/** The task's name. */
	public String name() {
		return this.name;
	}

	/**
	 * The task, resolved on first use.
	 * @throws IllegalArgumentException when the task is registered with other types
	 */
	public Task<I, O> task() {
		Task<I, O> resolved = this.task;
		if (resolved == null) {
			resolved = this.resolver.get();
			this.task = resolved;
		}
		return resolved;
	}

	/** Dispatches a job; see {@link TaskoraOperations#dispatch(Task, Object)}. */
	public ResultHandle<O> dispatch(@Nullable I data) {
		return this.operations.dispatch(task(), data);
	}

	/**
	 * Dispatches a job with options; see
	 * {@link TaskoraOperations#dispatch(Task, Object, DispatchOptions)}.
	 */
	public ResultHandle<O> dispatch(@Nullable I data, DispatchOptions options) {
		return this.operations.dispatch(task(), data, options);
	}

	/**
	 * Dispatches a job and returns once the store holds it; see
	 * {@link TaskoraOperations#enqueue(Task, Object)}.
	 */
	public ResultHandle<O> enqueue(@Nullable I data) {
		return this.operations.enqueue(task(), data);
	}

	/** Dispatches a job with options and returns once the store holds it. */
	public ResultHandle<O> enqueue(@Nullable I data, DispatchOptions options) {
		return this.operations.enqueue(task(), data, options);
	}

	/** Dispatches many jobs in one store round trip. */
	public List<ResultHandle<O>> dispatchMany(List<? extends I> items) {
		return this.operations.dispatchMany(task(), items);
	}

	/**
	 * Dispatches a job when the surrounding transaction commits, and never if it rolls
	 * back; see
	 * {@link TaskoraOperations#dispatchAfterCommit(Task, Object, DispatchOptions)}.
	 */
	public CompletableFuture<ResultHandle<O>> dispatchAfterCommit(@Nullable I data) {
		return this.operations.dispatchAfterCommit(task(), data, DispatchOptions.none());
	}

	/** Dispatches a job with options when the surrounding transaction commits. */
	public CompletableFuture<ResultHandle<O>> dispatchAfterCommit(@Nullable I data, DispatchOptions options) {
		return this.operations.dispatchAfterCommit(task(), data, options);
	}

	@Override
	public String toString() {
		return "TaskDispatcher[" + this.name + "]";
	}

}
