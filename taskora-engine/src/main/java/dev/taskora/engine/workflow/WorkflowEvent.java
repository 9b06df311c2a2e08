package dev.taskora.engine.workflow;

import org.jspecify.annotations.Nullable;

/**
 * A workflow finished. Published in the process that made the transition: the worker that
 * completed its last node or saw a node fail for good, or the process that cancelled it
 * (a TTL timer included). Listen with {@code taskora.workflows().on(listener)}.
 */
public sealed interface WorkflowEvent {

	/** The workflow's id. */
	String workflowId();

	/**
	 * Every terminal node completed.
	 *
	 * @param workflowId the workflow
	 * @param result the serialized result (one value, or a JSON array of the terminal
	 * results)
	 */
	record Completed(String workflowId, String result) implements WorkflowEvent {
	}

	/**
	 * A node failed for good; the rest was cancelled.
	 *
	 * @param workflowId the workflow
	 * @param node the failed node's index
	 * @param task its task
	 * @param error its failure message
	 */
	record Failed(String workflowId, int node, String task, String error) implements WorkflowEvent {
	}

	/**
	 * The workflow was cancelled (by a handle, or by its TTL with reason
	 * {@code workflow timeout}).
	 *
	 * @param workflowId the workflow
	 * @param reason the reason given, or {@code null}
	 */
	record Cancelled(String workflowId, @Nullable String reason) implements WorkflowEvent {
	}

}
