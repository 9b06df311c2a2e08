package dev.taskora.engine.workflow;

import java.util.Locale;

/**
 * Where a workflow is; the names are taskora's ({@code running}, {@code completed} ...).
 */
public enum WorkflowState {

	RUNNING, COMPLETED, FAILED, CANCELLED;

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
