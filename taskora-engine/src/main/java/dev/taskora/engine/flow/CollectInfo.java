package dev.taskora.engine.flow;

import java.time.Instant;

/**
 * What a collect buffer holds right now, without its items.
 *
 * @param count buffered items
 * @param oldestAt when the oldest item was dispatched (the start of the maxWait deadline)
 * @param newestAt when the newest item was dispatched (the start of the delay)
 */
public record CollectInfo(long count, Instant oldestAt, Instant newestAt) {
}
