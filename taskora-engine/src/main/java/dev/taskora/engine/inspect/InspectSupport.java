package dev.taskora.engine.inspect;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.taskora.engine.Task;
import dev.taskora.engine.adapter.InspectStore;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.Maintenance;
import dev.taskora.engine.internal.TaskoraRuntime;

/**
 * What the inspector, the listings and the dead letters share: the store, task checks,
 * snapshots.
 */
final class InspectSupport {

	final TaskoraRuntime runtime;

	final Snapshots snapshots;

	InspectSupport(TaskoraRuntime runtime) {
		this.runtime = runtime;
		this.snapshots = new Snapshots(runtime.serializer());
	}

	/**
	 * A read once the adapter is connected, so the first one fails as connecting would,
	 * not otherwise.
	 */
	<T> CompletableFuture<T> read(Function<InspectStore, CompletableFuture<T>> call) {
		return this.runtime.whenConnected(() -> call.apply(this.runtime.adapter().inspect()));
	}

	/** A maintenance call once the adapter is connected. */
	<T> CompletableFuture<T> maintain(Function<Maintenance, CompletableFuture<T>> call) {
		return this.runtime.whenConnected(() -> call.apply(this.runtime.adapter().maintenance()));
	}

	/** "Now" as every transition takes it: the adapter's clock. */
	long now() {
		return this.runtime.clock().millis();
	}

	/** This app's task names, sorted, so listings spanning tasks are stable. */
	List<String> taskNames() {
		return this.runtime.taskNames().stream().sorted().toList();
	}

	/**
	 * The task registered in this app under the name.
	 * @throws IllegalArgumentException naming the task and the app's tasks when there is
	 * none
	 */
	Task<?, ?> requireTask(String name) {
		Task<?, ?> task = this.runtime.task(name);
		if (task == null) {
			throw new IllegalArgumentException("No task '" + name + "' is registered in this app; its tasks: "
					+ taskNames() + ". To look into a task whose jobs run in another process, register it here"
					+ " without a handler: taskora.task(name, Input.class, Output.class).register()");
		}
		return task;
	}

	/**
	 * A snapshot with data and result read as the task's types when they fit (a collect
	 * task's data as its batch), else as plain JSON.
	 */
	JobSnapshot<Object, Object> lenient(JobRecord record, List<String> logs) {
		Task<?, ?> task = this.runtime.task(record.task());
		return this.snapshots.lenient(record, logs, (task != null) ? task.handlerInputType() : null,
				(task != null) ? task.outputType().type() : null);
	}

	/**
	 * A snapshot with data and result read as the task's types (a collect task's data as
	 * its batch, a list of inputs).
	 * @throws dev.taskora.engine.ValidationException when a stored value does not fit
	 * them
	 */
	<I, O> JobSnapshot<I, O> typed(Task<I, O> task, JobRecord record, List<String> logs) {
		return this.snapshots.typed(record, logs, task.handlerInputType(), task.outputType().type());
	}

}
