package dev.taskora.engine.workflow;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.Task;
import dev.taskora.engine.internal.TaskoraRuntime;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatches a composition: flattens it (every check before anything is written), then
 * stores the graph and enqueues its root nodes in one store transition.
 */
final class WorkflowDispatcher {

	private static final Logger logger = LoggerFactory.getLogger(WorkflowDispatcher.class);

	private WorkflowDispatcher() {
	}

	static <O> WorkflowHandle<O> dispatch(Workflow<?, O> workflow, WorkflowOptions options, boolean allTerminal) {
		TaskoraRuntime runtime = TaskoraRuntime.of(workflow.first().task());
		String name = (options.name() != null) ? options.name() : workflow.describe();
		GraphBuilder.Built built = GraphBuilder.build(workflow, runtime.serializer(), allTerminal, name);
		for (Task<?, ?> task : built.tasks()) {
			if (TaskoraRuntime.of(task) != runtime) {
				throw new IllegalArgumentException("Task '" + task.name() + "' belongs to another app than task '"
						+ workflow.first().task().name() + "': a workflow runs in one app");
			}
		}
		WorkflowManager manager = WorkflowManager.of(runtime);
		String id = UUID.randomUUID().toString();
		long now = runtime.clock().millis();
		CompletableFuture<Void> created = runtime.connected()
			.thenCompose(connected -> runtime.adapter().workflows().create(id, built.graph(), now));
		created.whenComplete((done, error) -> {
			if (error != null) {
				logger.error("Workflow {} ({}) was not stored and will not run: {}", id, name, error.getMessage());
			}
			else if (options.ttl() != null) {
				manager.scheduleTimeout(id, options.ttl());
			}
		});
		return new WorkflowHandle<>(manager, id, built.graph(), allTerminal || workflow.listOutput(), created);
	}

}
