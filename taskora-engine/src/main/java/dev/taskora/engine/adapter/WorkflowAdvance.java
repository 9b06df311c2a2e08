package dev.taskora.engine.adapter;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What completing a workflow node did.
 *
 * @param applied whether the workflow was running (a finished workflow ignores the node)
 * @param dispatched indices of the nodes that became ready and were enqueued
 * @param completed whether every terminal node has now completed
 * @param result the workflow's serialized result once completed: the single terminal's
 * result, or a JSON array of the terminals' results
 */
public record WorkflowAdvance(boolean applied, List<Integer> dispatched, boolean completed, @Nullable String result) {

	public WorkflowAdvance {
		dispatched = List.copyOf(dispatched);
	}

	/** The answer for a workflow that is not running. */
	public static WorkflowAdvance ignored() {
		return new WorkflowAdvance(false, List.of(), false, null);
	}

}
