package dev.taskora.engine.workflow;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A workflow as stored: its graph and the progress of each node, for the inspector and
 * the board.
 *
 * @param id the workflow id
 * @param name its name (given at dispatch, or a description of its shape)
 * @param state where it is
 * @param createdAt when it was dispatched (epoch ms)
 * @param result the serialized result once completed
 * @param error the failing node's message or the cancel reason
 * @param nodes every node, by index
 * @param terminal the indices of the nodes whose results make the result
 */
public record WorkflowInfo(String id, @Nullable String name, WorkflowState state, long createdAt,
		@Nullable String result, @Nullable String error, List<Node> nodes, List<Integer> terminal) {

	public WorkflowInfo {
		nodes = List.copyOf(nodes);
		terminal = List.copyOf(terminal);
	}

	/** The edges of the graph, each from a dependency to the node waiting for it. */
	public List<Edge> edges() {
		List<Edge> edges = new ArrayList<>();
		for (Node node : this.nodes) {
			for (int dep : node.deps()) {
				edges.add(new Edge(dep, node.index()));
			}
		}
		return edges;
	}

	/**
	 * One node.
	 *
	 * @param index its index
	 * @param task its task
	 * @param jobId its job's id (the job exists once the node was enqueued or cancelled)
	 * @param deps the nodes it waits for
	 * @param state {@code pending}, {@code active}, {@code completed}, {@code failed} or
	 * {@code cancelled}
	 * @param error its failure message
	 */
	public record Node(int index, String task, String jobId, List<Integer> deps, String state, @Nullable String error) {

		public Node {
			deps = List.copyOf(deps);
		}

	}

	/**
	 * An edge of the graph.
	 *
	 * @param from the dependency
	 * @param to the node that waits for it
	 */
	public record Edge(int from, int to) {
	}

}
