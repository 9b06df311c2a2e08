package dev.taskora.engine.adapter;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * Workflows: a DAG of jobs stored as one record (on Redis taskora's {@code wf:{id}}
 * hash), advanced node by node as their jobs finish. Each method is one atomic transition
 * that also touches the queues of the tasks involved: {@link #create} enqueues the root
 * nodes, {@link #advance} the nodes that became ready, {@link #fail} and {@link #cancel}
 * cancel the pending ones. Node jobs carry the workflow id and node index ({@code _wf},
 * {@code _wfNode}), which the job store hands back when they settle ({@link Settlement}).
 * <p>
 * A node's input is its bound data, else its single dependency's result, else a JSON
 * array of its dependencies' results in {@code deps} order: the serialized strings are
 * joined, never parsed.
 */
public interface WorkflowStore {

	/**
	 * Stores the workflow in state {@code running} with every node {@code pending}, then
	 * enqueues each root node (no dependencies; it must have bound data) and marks it
	 * {@code active}.
	 * @throws IllegalArgumentException (as a failed future) when a workflow of that id
	 * exists
	 */
	CompletableFuture<Void> create(String id, WorkflowGraph graph, long now);

	/**
	 * Records that {@code node} completed with {@code result}, enqueues every node whose
	 * dependencies have now all completed, and completes the workflow once every terminal
	 * node has. Completing a node twice changes nothing the second time.
	 */
	CompletableFuture<WorkflowAdvance> advance(String id, int node, String result, long now);

	/**
	 * Fails a running workflow because {@code node} failed for good: the node becomes
	 * {@code failed}, pending nodes {@code cancelled}; the active ones are returned for
	 * the caller to cancel.
	 */
	CompletableFuture<WorkflowHalt> fail(String id, int node, String error, long now);

	/** Cancels a running workflow, like {@link #fail} without a failed node. */
	CompletableFuture<WorkflowHalt> cancel(String id, @Nullable String reason, long now);

	/** The workflow, or {@code null} when there is none of that id. */
	CompletableFuture<@Nullable StoredWorkflow> get(String id);

	/**
	 * The workflow's state and error without its nodes (cheaper than {@link #get} for a
	 * large workflow), or {@code null} when there is none of that id.
	 * @param id the workflow's id
	 * @return its status, or {@code null}
	 */
	default CompletableFuture<@Nullable Status> status(String id) {
		return get(id).thenApply(stored -> (stored != null) ? new Status(stored.state(), stored.error()) : null);
	}

	/**
	 * A workflow's state as stored ({@code running}, {@code completed}, {@code failed},
	 * {@code cancelled}) and the error that halted it.
	 *
	 * @param state the stored state
	 * @param error why it failed or was cancelled, or {@code null}
	 */
	record Status(String state, @Nullable String error) {
	}

	/** The ids of every stored workflow, in no particular order. */
	CompletableFuture<List<String>> ids();

}
