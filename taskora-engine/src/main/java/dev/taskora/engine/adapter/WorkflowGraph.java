package dev.taskora.engine.adapter;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A workflow flattened to a DAG, as taskora stores it in the {@code graph} field of its
 * workflow hash: nodes in creation order, each with the indices of the nodes it waits
 * for, and the terminal nodes whose results make the workflow's result.
 *
 * @param nodes the nodes, indexed from 0
 * @param terminal indices of the terminal nodes, in result order
 * @param name a readable description ({@code chain(a → b)}), or {@code null}
 */
public record WorkflowGraph(List<Node> nodes, List<Integer> terminal, @Nullable String name) {

	public WorkflowGraph {
		nodes = List.copyOf(nodes);
		terminal = List.copyOf(terminal);
	}

	/**
	 * One task invocation of a workflow.
	 *
	 * @param task the task name
	 * @param deps indices of the nodes whose results it waits for (and receives when
	 * unbound)
	 * @param jobId the pre-generated id of its job
	 * @param version the task's payload version ({@code _v}) when the workflow was built
	 * @param data serialized bound input, or {@code null} when the node receives its
	 * dependencies' results
	 */
	public record Node(String task, List<Integer> deps, String jobId, int version, @Nullable String data) {

		public Node {
			deps = List.copyOf(deps);
		}

	}

}
