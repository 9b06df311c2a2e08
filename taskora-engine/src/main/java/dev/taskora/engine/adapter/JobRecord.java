package dev.taskora.engine.adapter;

import dev.taskora.engine.JobState;
import org.jspecify.annotations.Nullable;

/**
 * A stored job as read back, the fields of taskora's job hash.
 *
 * @param id the job id
 * @param task the task name
 * @param state current state
 * @param data serialized input
 * @param result serialized result, once completed
 * @param error last failure message
 * @param progress stored progress (decimal number or JSON object)
 * @param attempt current attempt number
 * @param maxAttempts producer's attempts setting
 * @param version payload version
 * @param priority dispatch priority
 * @param timestamp dispatch time (epoch ms)
 * @param delayMs requested delay, 0 if none
 * @param processedOn last claim time, 0 if never
 * @param finishedOn time a terminal state was reached, 0 if not
 * @param stalledCount how often the job stalled
 * @param cancelledAt when an active job was flagged for cancellation, 0 if not
 * @param cancelReason reason given to cancel
 * @param expireAt TTL deadline, 0 if none
 * @param workflowId the workflow the job is a node of ({@code _wf}), or {@code null}
 * @param workflowNode its node index in that workflow ({@code _wfNode}), -1 outside a
 * workflow
 */
public record JobRecord(String id, String task, JobState state, String data, @Nullable String result,
		@Nullable String error, @Nullable String progress, int attempt, int maxAttempts, int version, int priority,
		long timestamp, long delayMs, long processedOn, long finishedOn, int stalledCount, long cancelledAt,
		@Nullable String cancelReason, long expireAt, @Nullable String workflowId, int workflowNode) {
}
