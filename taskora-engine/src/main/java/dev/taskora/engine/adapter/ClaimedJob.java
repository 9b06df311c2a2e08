package dev.taskora.engine.adapter;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A job a worker now holds.
 *
 * @param id the job id
 * @param data serialized input
 * @param version payload version ({@code _v})
 * @param attempt 1-based attempt number of this run
 * @param timestamp dispatch time (epoch ms)
 * @param token the lock token
 * @param headers the headers the job was dispatched with, empty for none
 * @param defect why the stored job cannot be run, naming the field
 * ({@code "field 'state' is
 * missing"}), or {@code null} for a sound job; the worker fails such a job at once,
 * without retries, so that bad data ends in {@code failed} instead of vanishing
 */
public record ClaimedJob(String id, String data, int version, int attempt, long timestamp, String token,
		Map<String, String> headers, @Nullable String defect) {

	/** Copies the headers. */
	public ClaimedJob {
		headers = Map.copyOf(headers);
	}

	/** A sound job dispatched without headers. */
	public ClaimedJob(String id, String data, int version, int attempt, long timestamp, String token) {
		this(id, data, version, attempt, timestamp, token, Map.of(), null);
	}

	/** A sound job. */
	public ClaimedJob(String id, String data, int version, int attempt, long timestamp, String token,
			Map<String, String> headers) {
		this(id, data, version, attempt, timestamp, token, headers, null);
	}

}
