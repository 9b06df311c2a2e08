package dev.taskora.engine.adapter;

/**
 * A successful attempt.
 *
 * @param jobId the job
 * @param token the lock token it is held with
 * @param result serialized result ({@code "null"} for none)
 * @param now completion time (epoch ms)
 */
public record JobCompletion(String jobId, String token, String result, long now) implements JobOutcome {
}
