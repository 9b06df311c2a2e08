package dev.taskora.engine.adapter;

import java.util.List;

/**
 * What failing or cancelling a workflow did. Pending nodes were cancelled by the store
 * itself (each gets a job in state {@code cancelled}); the jobs of the {@link #active}
 * nodes are waiting or running, and the caller cancels them through
 * {@link JobStore#cancel}, so that a running handler stops and its {@code onCancel} hook
 * runs.
 *
 * @param applied whether the workflow was running
 * @param active the nodes whose jobs were enqueued and not finished
 */
public record WorkflowHalt(boolean applied, List<NodeJob> active) {

	public WorkflowHalt {
		active = List.copyOf(active);
	}

	/** The answer for a workflow that is not running. */
	public static WorkflowHalt ignored() {
		return new WorkflowHalt(false, List.of());
	}

	/**
	 * A node's job.
	 *
	 * @param node the node index
	 * @param task its task
	 * @param jobId its job id
	 */
	public record NodeJob(int node, String task, String jobId) {
	}

}
