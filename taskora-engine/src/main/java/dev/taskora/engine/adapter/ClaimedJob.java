package dev.taskora.engine.adapter;

/**
 * A job a worker now holds.
 *
 * @param id the job id
 * @param data serialized input
 * @param version payload version ({@code _v})
 * @param attempt 1-based attempt number of this run
 * @param timestamp dispatch time (epoch ms)
 * @param token the lock token
 */
public record ClaimedJob(String id, String data, int version, int attempt, long timestamp, String token) {
}
