package dev.taskora.engine.workflow;

import java.util.Locale;

/**
 * Where a workflow is; the names are taskora's ({@code running}, {@code completed} ...).
 */
public enum WorkflowState {

	/** Nodes are running or waiting for the nodes they depend on. */
	RUNNING,

	/** Every node completed; the result is the terminal nodes' results. */
	COMPLETED,

	/** A node failed for good; the nodes not yet run never will. */
	FAILED,

	/** The workflow was cancelled, and with it its unfinished nodes. */
	CANCELLED;

	/** The stored name. */
	public String wireName() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** Whether the workflow has finished. */
	public boolean isFinished() {
		return this != RUNNING;
	}

	/** The state of a stored name. */
	public static WorkflowState fromWire(String name) {
		for (WorkflowState state : values()) {
			if (state.wireName().equals(name)) {
				return state;
			}
		}
		throw new IllegalArgumentException("Unknown workflow state '" + name + "'");
	}

}
