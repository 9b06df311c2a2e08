package dev.taskora.engine.internal;

/**
 * What a worker tells the app's workflows after it settled a job that is a workflow node:
 * its completion, which advances the workflow, or its failure for good, which fails it.
 * Called on the worker's thread after the settle, and expected to return once the
 * workflow's transition is stored (it retries a store that is briefly unreachable
 * itself).
 * <p>
 * <strong>Internal, not API:</strong> implemented by the workflow package, called by
 * workers.
 */
public interface WorkflowSteps {

	/** Does nothing: an app without workflow support. */
	WorkflowSteps NONE = new WorkflowSteps() {

		@Override
		public void completed(String task, String workflowId, int node, String result) {
		}

		@Override
		public void failed(String task, String workflowId, int node, String error) {
		}

	};

	/** The node's job completed with {@code result} (serialized). */
	void completed(String task, String workflowId, int node, String result);

	/** The node's job failed for good with {@code error}. */
	void failed(String task, String workflowId, int node, String error);

}
