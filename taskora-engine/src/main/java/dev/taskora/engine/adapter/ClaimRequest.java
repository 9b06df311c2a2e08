package dev.taskora.engine.adapter;

/**
 * What a worker asks for when it claims a job.
 *
 * @param token the lock token the claimed job will be held with
 * @param lockTtlMs lock lifetime; the worker extends it periodically
 * @param now the worker's time (epoch ms)
 * @param discardExpired whether a job past its TTL is deleted ({@code true}) or moved to
 * {@code expired} ({@code false})
 * @param singleton whether to claim only when no job of the task is active anywhere
 */
public record ClaimRequest(String token, long lockTtlMs, long now, boolean discardExpired, boolean singleton) {
}
