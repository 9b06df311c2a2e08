package dev.taskora.engine.adapter;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A workflow as read back from the store: taskora's {@code wf:{id}} hash.
 *
 * @param id the workflow id
 * @param graph its graph
 * @param state {@code running}, {@code completed}, {@code failed} or {@code cancelled}
 * @param createdAt creation time (epoch ms)
 * @param result the serialized result once completed
 * @param error the failing node's message, or the cancel reason
 * @param nodes the state of each node, by index
 */
public record StoredWorkflow(String id, WorkflowGraph graph, String state, long createdAt, @Nullable String result,
		@Nullable String error, List<NodeState> nodes) {

	public StoredWorkflow {
		nodes = List.copyOf(nodes);
	}

	/**
	 * One node's progress.
	 *
	 * @param state {@code pending}, {@code active}, {@code completed}, {@code failed} or
	 * {@code cancelled}
	 * @param result its serialized result once completed
	 * @param error its failure message
	 */
	public record NodeState(String state, @Nullable String result, @Nullable String error) {
	}

}
