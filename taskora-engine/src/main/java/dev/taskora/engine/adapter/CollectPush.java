package dev.taskora.engine.adapter;

/**
 * One item for a collect buffer.
 *
 * @param id the id the flush job gets if this push creates it (a sentinel or an immediate
 * batch)
 * @param item the serialized item
 * @param now the dispatch time (epoch ms)
 * @param version payload version ({@code _v}) of the flush job
 * @param maxAttempts informational copy of the task's retry attempts
 * @param key the resolved collect key
 * @param delayMs quiet time after the newest item before the buffer flushes (&gt; 0)
 * @param maxSize flush at once at this many items; 0 for no limit
 * @param maxWaitMs flush at the latest this long after the oldest item; 0 for no limit
 */
public record CollectPush(String id, String item, long now, int version, int maxAttempts, String key, long delayMs,
		int maxSize, long maxWaitMs) {
}
