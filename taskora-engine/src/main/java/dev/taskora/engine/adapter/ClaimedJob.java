package dev.taskora.engine.adapter;

import java.util.Map;

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
 */
public record ClaimedJob(String id, String data, int version, int attempt, long timestamp, String token,
		Map<String, String> headers) {

	/** Copies the headers. */
	public ClaimedJob {
		headers = Map.copyOf(headers);
	}

	/** A job dispatched without headers. */
	public ClaimedJob(String id, String data, int version, int attempt, long timestamp, String token) {
		this(id, data, version, attempt, timestamp, token, Map.of());
	}

}
