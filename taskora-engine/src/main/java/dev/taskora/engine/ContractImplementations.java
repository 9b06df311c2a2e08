package dev.taskora.engine;

import java.util.Objects;
import java.util.function.Consumer;

import dev.taskora.engine.contract.TaskContract;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.schedule.Schedule;
import dev.taskora.engine.schedule.Scheduler;
import org.jspecify.annotations.Nullable;

/**
 * Turns contracts into tasks of an app: registering one for dispatch, implementing one
 * (also upgrading a task registered for dispatch before), and checking that a task of the
 * contract's name takes the contract's types. {@link Taskora#register(TaskContract)} and
 * {@link Taskora#implement} delegate here, holding the app's lock.
 */
final class ContractImplementations {

	private final Taskora app;

	private final TaskoraRuntime runtime;

	private final Scheduler scheduler;

	private final AppLifecycle lifecycle;

	ContractImplementations(Taskora app, TaskoraRuntime runtime, Scheduler scheduler, AppLifecycle lifecycle) {
		this.app = app;
		this.runtime = runtime;
		this.scheduler = scheduler;
		this.lifecycle = lifecycle;
	}

	<I, O> Task<I, O> register(TaskContract<I, O> contract) {
		Task<I, O> existing = existing(contract);
		if (existing != null) {
			return existing;
		}
		return this.app.register(fromContract(contract).build(null), null);
	}

	<I, O> Task<I, O> implement(TaskContract<I, O> contract, TaskHandler<I, O> handler,
			Consumer<TaskBuilder<I, O>> worker) {
		Objects.requireNonNull(handler, "handler of contract '" + contract.name() + "' must not be null");
		Task<I, O> existing = existing(contract);
		if (existing != null && existing.handler() != null) {
			throw new IllegalStateException(
					"Contract '" + contract.name() + "' is already implemented in this process");
		}
		if (existing != null && existing.collect() != null) {
			throw new IllegalStateException("Contract '" + contract.name()
					+ "' is registered here as a collect task; implement it with the task builder's collect(..)");
		}
		TaskBuilder<I, O> builder = fromContract(contract);
		worker.accept(builder);
		Task<I, O> implementation = builder.build(handler);
		if (implementation.versioning().version() < contract.version()) {
			throw new IllegalArgumentException("Contract '" + contract.name() + "' is at version " + contract.version()
					+ " but its implementation reads versions up to " + implementation.versioning().version());
		}
		Schedule schedule = builder.schedule();
		if (existing == null) {
			return this.app.register(implementation, schedule);
		}
		if (schedule != null) {
			this.scheduler.validate(existing.name(), implementation, schedule);
		}
		existing.upgrade(implementation);
		if (schedule != null) {
			this.scheduler.define(existing.name(), existing, schedule);
		}
		this.lifecycle.implemented(existing);
		return existing;
	}

	/**
	 * The task of the contract's name, checked to take the contract's types, or
	 * {@code null}.
	 */
	@SuppressWarnings("unchecked")
	private <I, O> @Nullable Task<I, O> existing(TaskContract<I, O> contract) {
		Task<?, ?> task = this.runtime.task(contract.name());
		if (task == null) {
			return null;
		}
		if (!task.inputType().type().equals(contract.inputType().type())
				|| !task.outputType().type().equals(contract.outputType().type())) {
			throw new IllegalArgumentException(
					"Contract '" + contract.name() + "' takes " + contract.inputType().type().getTypeName()
							+ " and returns " + contract.outputType().type().getTypeName() + ", but task '"
							+ task.name() + "' is defined here with " + task.inputType().type().getTypeName() + " and "
							+ task.outputType().type().getTypeName());
		}
		return (Task<I, O>) task;
	}

	private <I, O> TaskBuilder<I, O> fromContract(TaskContract<I, O> contract) {
		TaskBuilder<I, O> builder = this.app.task(contract.name(), contract.inputType(), contract.outputType());
		if (contract.retry() != null) {
			builder.retry(contract.retry());
		}
		if (contract.timeout() != null) {
			builder.timeout(contract.timeout());
		}
		if (contract.stall() != null) {
			builder.stall(contract.stall());
		}
		return builder.contractVersion(contract.version());
	}

}
