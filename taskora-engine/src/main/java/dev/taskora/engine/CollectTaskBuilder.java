package dev.taskora.engine;

import java.util.List;

import dev.taskora.engine.flow.Collect;
import org.jspecify.annotations.Nullable;

/**
 * The last step of defining a collect task (see {@link TaskBuilder#collect}): its handler
 * takes the batch, a {@code List<I>} in dispatch order, and returns one output for the
 * whole batch. A handler that throws fails the batch as a whole: a retry runs the same
 * items again, none lost, none twice.
 *
 * @param <I> the type of one dispatched item
 * @param <O> output type of a batch
 */
public final class CollectTaskBuilder<I, O> {

	private final TaskBuilder<I, O> task;

	private final Collect<? super I> collect;

	private @Nullable CancelHook<List<I>> onCancel;

	CollectTaskBuilder(TaskBuilder<I, O> task, Collect<? super I> collect) {
		this.task = task;
		this.collect = collect;
	}

	/** Cleanup run when an active batch is cancelled, after its handler stopped. */
	public CollectTaskBuilder<I, O> onCancel(CancelHook<List<I>> onCancel) {
		this.onCancel = onCancel;
		return this;
	}

	/**
	 * Registers the task with its batch handler; workers start with
	 * {@link Taskora#start()}.
	 */
	public Task<I, O> handler(TaskHandler<List<I>, O> handler) {
		if (handler == null) {
			throw new IllegalArgumentException("handler must not be null");
		}
		return this.task.registerCollect(this.collect, handler, this.onCancel);
	}

	/**
	 * Registers the task without a handler: this process only buffers items, for workers
	 * in another process (a Java or Node taskora worker of the same task) to run.
	 */
	public Task<I, O> register() {
		return this.task.registerCollect(this.collect, null, this.onCancel);
	}

}
