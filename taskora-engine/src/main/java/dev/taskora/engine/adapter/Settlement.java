package dev.taskora.engine.adapter;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of an ack or a fail.
 *
 * @param workflowId the workflow the settled job belongs to, if any (set on completion
 * and on permanent failure only)
 * @param workflowNode the job's node index in that workflow
 * @param next the next job claimed in the same round trip, if one was asked for and
 * available
 */
public record Settlement(@Nullable String workflowId, int workflowNode, @Nullable ClaimedJob next) {

	/** A settlement of a job outside any workflow. */
	public static Settlement of(@Nullable ClaimedJob next) {
		return new Settlement(null, -1, next);
	}

}
