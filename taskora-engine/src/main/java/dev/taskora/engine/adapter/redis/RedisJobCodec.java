package dev.taskora.engine.adapter.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.taskora.engine.JobState;
import dev.taskora.engine.TaskoraException;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.JobOutcome;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.SettleRequest;
import dev.taskora.engine.adapter.Settlement;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts between the SPI's records and the strings of the job hash and script replies.
 * Payloads pass through untouched; numbers that a foreign writer left malformed read as
 * their defaults, so a damaged hash never hides the job from the engine.
 */
final class RedisJobCodec {

	/** Values per job in ENQUEUE_BULK's ARGV. */
	static final int BULK_STRIDE = 13;

	/**
	 * The job hash field holding a job's headers as a JSON object. This port's own: Node
	 * taskora reads the fields it knows by name, so it ignores this one, and a job it
	 * wrote has none.
	 */
	static final String HEADERS_FIELD = "x-headers";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Values per entry in SETTLE_MANY's ARGV. */
	static final int SETTLE_STRIDE = 7;

	private RedisJobCodec() {
	}

	/** A claim's onExpire argument: what becomes of a job found past its TTL. */
	static String onExpire(boolean discardExpired) {
		return discardExpired ? "discard" : "fail";
	}

	/** A script's yes/no argument. */
	static String flag(boolean value) {
		return value ? "1" : "0";
	}

	/** ENQUEUE's ARGV (see enqueue.lua). */
	static String[] enqueueArgs(String jobPrefix, NewJob job) {
		return new String[] { jobPrefix, job.id(), job.data(), Long.toString(job.timestamp()),
				Integer.toString(job.version()), Integer.toString(job.priority()), Integer.toString(job.maxAttempts()),
				Long.toString(job.expireAt()), nullToEmpty(job.concurrencyKey()), concurrencyLimit(job),
				nullToEmpty(job.workflowId()), workflowNode(job), headers(job) };
	}

	/** ENQUEUE_DELAYED's ARGV (see enqueue_delayed.lua). */
	static String[] enqueueDelayedArgs(String jobPrefix, NewJob job) {
		return new String[] { jobPrefix, job.id(), job.data(), Long.toString(job.timestamp()),
				Integer.toString(job.version()), Long.toString(job.delayMs()), Integer.toString(job.priority()),
				Integer.toString(job.maxAttempts()), Long.toString(job.expireAt()), nullToEmpty(job.concurrencyKey()),
				concurrencyLimit(job), nullToEmpty(job.workflowId()), workflowNode(job), headers(job) };
	}

	/** ENQUEUE_BULK's ARGV (see enqueue_bulk.lua). */
	static String[] bulkArgs(String jobPrefix, List<NewJob> jobs) {
		List<String> args = new ArrayList<>(2 + jobs.size() * BULK_STRIDE);
		args.add(jobPrefix);
		args.add(Integer.toString(jobs.size()));
		for (NewJob job : jobs) {
			args.add(job.id());
			args.add(job.data());
			args.add(Long.toString(job.timestamp()));
			args.add(Integer.toString(job.version()));
			args.add(Integer.toString(job.priority()));
			args.add(Integer.toString(job.maxAttempts()));
			args.add(Long.toString(job.expireAt()));
			args.add(nullToEmpty(job.concurrencyKey()));
			args.add(concurrencyLimit(job));
			args.add(Long.toString(Math.max(0, job.delayMs())));
			args.add(nullToEmpty(job.workflowId()));
			args.add(workflowNode(job));
			args.add(headers(job));
		}
		return args.toArray(String[]::new);
	}

	/**
	 * The headers of a new job as stored in {@link #HEADERS_FIELD}, {@code ""} for none.
	 */
	static String headers(NewJob job) {
		return job.headers().isEmpty() ? "" : JSON.writeValueAsString(job.headers());
	}

	/**
	 * Headers read from {@link #HEADERS_FIELD}; a value that is not a JSON object of
	 * strings (written by something else) reads as none rather than hiding the job.
	 */
	static Map<String, String> headers(@Nullable String stored) {
		if (stored == null || stored.isEmpty()) {
			return Map.of();
		}
		try {
			Map<String, String> headers = new LinkedHashMap<>();
			JsonNode node = JSON.readTree(stored);
			if (!node.isObject()) {
				return Map.of();
			}
			for (Map.Entry<String, JsonNode> entry : node.properties()) {
				if (entry.getValue().isString()) {
					headers.put(entry.getKey(), entry.getValue().asString());
				}
			}
			return headers;
		}
		catch (JacksonException ex) {
			return Map.of();
		}
	}

	/**
	 * The job in a claim reply {@code [id, data, _v, attempt, ts, headers]} starting at
	 * {@code offset}.
	 */
	static @Nullable ClaimedJob claimed(@Nullable List<Object> reply, int offset, String token) {
		if (reply == null || reply.size() < offset + 5) {
			return null;
		}
		String id = text(reply.get(offset));
		if (id.isEmpty()) {
			return null;
		}
		String version = text(reply.get(offset + 2));
		// a claim script reports a job it cannot run as '!' and the defect in the _v slot
		// (claim_lib.lua)
		String defect = version.startsWith("!") ? version.substring(1) : null;
		return new ClaimedJob(id, text(reply.get(offset + 1)), (defect != null) ? 1 : toInt(version, 1),
				toInt(text(reply.get(offset + 3)), 1), toLong(text(reply.get(offset + 4)), 0), token,
				(reply.size() > offset + 5) ? headers(text(reply.get(offset + 5))) : Map.of(), defect);
	}

	/**
	 * MOVE_TO_ACTIVE_MANY's ARGV (see move_to_active_many.lua): the first request's
	 * options, then every request's token.
	 */
	static String[] claimManyArgs(String jobPrefix, List<ClaimRequest> requests) {
		ClaimRequest first = requests.get(0);
		String[] args = new String[5 + requests.size()];
		args[0] = jobPrefix;
		args[1] = Long.toString(first.lockTtlMs());
		args[2] = Long.toString(first.now());
		args[3] = onExpire(first.discardExpired());
		args[4] = flag(first.singleton());
		for (int i = 0; i < requests.size(); i++) {
			args[5 + i] = requests.get(i).token();
		}
		return args;
	}

	/**
	 * MOVE_TO_ACTIVE_MANY's reply, 6 values per claimed job; the i-th job holds the i-th
	 * request's token.
	 */
	static List<ClaimedJob> claimedMany(@Nullable List<Object> reply, List<ClaimRequest> requests) {
		if (reply == null) {
			return List.of();
		}
		int count = Math.min(reply.size() / 6, requests.size());
		List<ClaimedJob> claimed = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			ClaimedJob job = claimed(reply, i * 6, requests.get(i).token());
			if (job != null) {
				claimed.add(job);
			}
		}
		return claimed;
	}

	/**
	 * A settle reply {@code [wf, wfNode]} or, fused,
	 * {@code [wf, wfNode, nextId, nextData, nextV,
	 * nextAttempt, nextTs, nextHeaders]}.
	 */
	static Settlement settlement(List<Object> reply, @Nullable String nextToken) {
		String workflowId = reply.isEmpty() ? "" : text(reply.get(0));
		ClaimedJob next = (nextToken != null) ? claimed(reply, 2, nextToken) : null;
		if (workflowId.isEmpty()) {
			return Settlement.of(next);
		}
		return new Settlement(workflowId, toInt(text(reply.get(1)), -1), next);
	}

	/**
	 * SETTLE_MANY's ARGV (see settle_many.lua); the claims share the first claiming
	 * entry's options.
	 */
	static String[] settleManyArgs(String jobPrefix, List<SettleRequest> requests) {
		ClaimRequest claim = null;
		for (SettleRequest request : requests) {
			if (request.next() != null) {
				claim = request.next();
				break;
			}
		}
		String[] args = new String[6 + requests.size() * SETTLE_STRIDE];
		args[0] = jobPrefix;
		args[1] = Integer.toString(requests.size());
		args[2] = (claim != null) ? Long.toString(claim.lockTtlMs()) : "0";
		args[3] = onExpire(claim != null && claim.discardExpired());
		args[4] = flag(claim != null && claim.singleton());
		args[5] = (claim != null) ? Long.toString(claim.now()) : "0";
		int i = 6;
		for (SettleRequest request : requests) {
			JobOutcome outcome = request.outcome();
			if (outcome instanceof JobCompletion completion) {
				args[i] = "c";
				args[i + 3] = completion.result();
				args[i + 5] = "";
			}
			else {
				JobFailure failure = (JobFailure) outcome;
				args[i] = "f";
				args[i + 3] = failure.error();
				args[i + 5] = Long.toString(failure.willRetry() ? failure.retryDelayMs() : JobFailure.PERMANENT);
			}
			args[i + 1] = outcome.jobId();
			args[i + 2] = outcome.token();
			args[i + 4] = Long.toString(outcome.now());
			ClaimRequest next = request.next();
			args[i + 6] = (next != null) ? next.token() : "";
			i += SETTLE_STRIDE;
		}
		return args;
	}

	/**
	 * SETTLE_MANY's reply, 9 values per entry: status, wf, wfNode, then the claimed job
	 * with its headers.
	 */
	static List<@Nullable Settlement> settlements(List<Object> reply, List<SettleRequest> requests) {
		List<@Nullable Settlement> settlements = new ArrayList<>(requests.size());
		for (int i = 0; i < requests.size(); i++) {
			int at = i * 9;
			if (!"ok".equals(text(reply.get(at)))) {
				settlements.add(null);
				continue;
			}
			ClaimRequest next = requests.get(i).next();
			ClaimedJob claimed = (next != null) ? claimed(reply, at + 3, next.token()) : null;
			String workflowId = text(reply.get(at + 1));
			settlements.add(workflowId.isEmpty() ? Settlement.of(claimed)
					: new Settlement(workflowId, toInt(text(reply.get(at + 2)), -1), claimed));
		}
		return settlements;
	}

	/**
	 * The stored job, or {@code null} for a hash without a state (no job, or a stray
	 * progress write).
	 */
	static @Nullable JobRecord record(String task, String id, Map<String, String> hash) {
		String stateName = hash.get("state");
		if (stateName == null || stateName.isEmpty()) {
			return null;
		}
		JobState state = JobState.fromWire(stateName);
		if (state == null) {
			throw new TaskoraException(
					"Job " + id + " of task '" + task + "' has an unknown state '" + stateName + "' in Redis");
		}
		return new JobRecord(id, task, state, hash.getOrDefault("data", ""), emptyToNull(hash.get("result")),
				emptyToNull(hash.get("error")), emptyToNull(hash.get("progress")), toInt(hash.get("attempt"), 1),
				toInt(hash.get("maxAttempts"), 1), toInt(hash.get("_v"), 1), toInt(hash.get("priority"), 0),
				toLong(hash.get("ts"), 0), toLong(hash.get("delay"), 0), toLong(hash.get("processedOn"), 0),
				toLong(hash.get("finishedOn"), 0), toInt(hash.get("stalledCount"), 0),
				toLong(hash.get("cancelledAt"), 0), emptyToNull(hash.get("cancelReason")),
				toLong(hash.get("expireAt"), 0), emptyToNull(hash.get("_wf")),
				present(hash.get("_wf")) ? toInt(hash.get("_wfNode"), 0) : -1);
	}

	/** A hash as a script returns it, {@code [field, value, field, value, ...]}. */
	static Map<String, String> hash(@Nullable Object flat) {
		if (!(flat instanceof List<?> values)) {
			return Map.of();
		}
		Map<String, String> hash = new HashMap<>(values.size() / 2 + 1);
		for (int i = 0; i + 1 < values.size(); i += 2) {
			hash.put(text(values.get(i)), text(values.get(i + 1)));
		}
		return hash;
	}

	/** Strings of a script's array reply (an empty list for anything else). */
	static List<String> texts(@Nullable Object array) {
		if (!(array instanceof List<?> values)) {
			return List.of();
		}
		List<String> texts = new ArrayList<>(values.size());
		values.forEach(value -> texts.add(text(value)));
		return texts;
	}

	static String text(@Nullable Object value) {
		return (value == null) ? "" : value.toString();
	}

	static int toInt(@Nullable String value, int fallback) {
		long parsed = toLong(value, fallback);
		return (parsed > Integer.MAX_VALUE || parsed < Integer.MIN_VALUE) ? fallback : (int) parsed;
	}

	static long toLong(@Nullable String value, long fallback) {
		if (value == null || value.isEmpty()) {
			return fallback;
		}
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			try {
				// scores and times written by Lua without formatting may arrive as
				// "1.7e+12"
				double number = Double.parseDouble(value);
				return Double.isFinite(number) ? (long) number : fallback;
			}
			catch (NumberFormatException notANumber) {
				return fallback;
			}
		}
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		// Node stores an undefined result as "": read it as "no value"
		return (value == null || value.isEmpty()) ? null : value;
	}

	private static boolean present(@Nullable String value) {
		return value != null && !value.isEmpty();
	}

	private static String nullToEmpty(@Nullable String value) {
		return (value == null) ? "" : value;
	}

	private static String concurrencyLimit(NewJob job) {
		return (job.concurrencyKey() != null) ? Integer.toString(Math.max(1, job.concurrencyLimit())) : "0";
	}

	private static String workflowNode(NewJob job) {
		return (job.workflowId() != null) ? Integer.toString(job.workflowNode()) : "";
	}

}
