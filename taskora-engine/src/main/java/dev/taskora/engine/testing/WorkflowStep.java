package dev.taskora.engine.testing;

import dev.taskora.engine.JobState;

/**
 * One step of a workflow the test runner ran: a node and its job.
 *
 * @param workflowId the workflow
 * @param node the node index
 * @param task the node's task
 * @param state its job's state
 * @param jobId its job's id
 */
public record WorkflowStep(String workflowId, int node, String task, JobState state, String jobId) {
}
