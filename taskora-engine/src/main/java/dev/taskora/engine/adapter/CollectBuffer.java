package dev.taskora.engine.adapter;

/**
 * The meta of a non-empty collect buffer.
 *
 * @param count buffered items
 * @param oldestAt when the oldest item was pushed (epoch ms)
 * @param newestAt when the newest item was pushed (epoch ms)
 */
public record CollectBuffer(long count, long oldestAt, long newestAt) {
}
