package dev.taskora.engine.adapter;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A job to store, fully resolved by the engine.
 *
 * @param id client-generated UUID
 * @param data serialized input
 * @param timestamp dispatch time (epoch ms), the {@code ts} ordering key
 * @param version payload version ({@code _v})
 * @param priority higher first; 0 is the plain FIFO lane
 * @param maxAttempts informational copy of the producer's retry attempts
 * @param delayMs run no earlier than {@code timestamp + delayMs}; 0 for now
 * @param expireAt TTL deadline (epoch ms) or 0 for none
 * @param concurrencyKey per-key concurrency group, or {@code null}
 * @param concurrencyLimit max active jobs of the key (used only with a key)
 * @param workflowId owning workflow, or {@code null}
 * @param workflowNode node index in the workflow (used only with a workflow id)
 * @param headers string metadata stored with the job for its runs (trace context), empty
 * for none
 */
public record NewJob(String id, String data, long timestamp, int version, int priority, int maxAttempts, long delayMs,
		long expireAt, @Nullable String concurrencyKey, int concurrencyLimit, @Nullable String workflowId,
		int workflowNode, Map<String, String> headers) {

	/** Copies the headers, so a stored job never changes with the caller's map. */
	public NewJob {
		headers = Map.copyOf(headers);
	}

	/** A job without headers. */
	public NewJob(String id, String data, long timestamp, int version, int priority, int maxAttempts, long delayMs,
			long expireAt, @Nullable String concurrencyKey, int concurrencyLimit, @Nullable String workflowId,
			int workflowNode) {
		this(id, data, timestamp, version, priority, maxAttempts, delayMs, expireAt, concurrencyKey, concurrencyLimit,
				workflowId, workflowNode, Map.of());
	}

	/** A plain job: no TTL, no concurrency key, no workflow. */
	public static NewJob of(String id, String data, long timestamp, int version, int priority, int maxAttempts,
			long delayMs) {
		return new NewJob(id, data, timestamp, version, priority, maxAttempts, delayMs, 0, null, 0, null, 0);
	}

}
