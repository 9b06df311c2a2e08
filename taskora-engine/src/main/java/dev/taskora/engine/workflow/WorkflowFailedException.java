package dev.taskora.engine.workflow;

import dev.taskora.engine.TaskoraException;
import org.jspecify.annotations.Nullable;

/** A workflow failed because one of its nodes failed for good, or it was cancelled. */
public class WorkflowFailedException extends TaskoraException {

	private final String workflowId;

	private final WorkflowState state;

	private final @Nullable String error;

	/**
	 * Creates the exception for a workflow that ended without a result.
	 * @param workflowId the workflow
	 * @param state {@link WorkflowState#FAILED} or {@link WorkflowState#CANCELLED}
	 * @param error the failing node's error or the cancel reason, or {@code null}
	 */
	public WorkflowFailedException(String workflowId, WorkflowState state, @Nullable String error) {
		super("Workflow " + workflowId + " " + state.wireName() + ((error != null) ? ": " + error : ""));
		this.workflowId = workflowId;
		this.state = state;
		this.error = error;
	}

	/**
	 * The id of the workflow, to inspect it.
	 * @return the workflow id
	 */
	public String workflowId() {
		return this.workflowId;
	}

	/** {@link WorkflowState#FAILED} or {@link WorkflowState#CANCELLED}. */
	public WorkflowState state() {
		return this.state;
	}

	/** The failing node's message, or the cancel reason. */
	public @Nullable String error() {
		return this.error;
	}

}
