package dev.taskora.engine.adapter.redis;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.JobRecord;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

/**
 * Reads, and the writes that need no script (progress and logs). Commands issued together go out
 * pipelined on the shared connection, so each method costs one round trip.
 */
final class JobQueries {

	/** Log entries kept per job, as taskora does. */
	static final long MAX_LOG_ENTRIES = 10_000;

	/** Stream length cap, approximate like taskora's {@code MAXLEN ~ 10000}. */
	static final long MAX_EVENTS = 10_000;

	private final RedisKeys keys;

	private final RedisClusterAsyncCommands<String, String> commands;

	private final RedisErrors errors;

	JobQueries(RedisKeys keys, RedisClusterAsyncCommands<String, String> commands, RedisErrors errors) {
		this.keys = keys;
		this.commands = commands;
		this.errors = errors;
	}

	CompletableFuture<Void> setProgress(String task, String jobId, String value) {
		RedisKeys.Task k = this.keys.task(task);
		RedisFuture<Boolean> stored = this.commands.hset(k.job(jobId), "progress", value);
		RedisFuture<String> announced = this.commands.xadd(k.events(), eventArgs(), "event", "progress", "jobId", jobId,
				"value", value);
		return guard(CompletableFuture.allOf(stored.toCompletableFuture(), announced.toCompletableFuture()), "progress",
				task, jobId);
	}

	CompletableFuture<Void> appendLog(String task, String jobId, String entryJson) {
		RedisKeys.Task k = this.keys.task(task);
		RedisFuture<Long> appended = this.commands.rpush(k.logs(jobId), entryJson);
		RedisFuture<String> capped = this.commands.ltrim(k.logs(jobId), -MAX_LOG_ENTRIES, -1);
		return guard(CompletableFuture.allOf(appended.toCompletableFuture(), capped.toCompletableFuture()), "log", task,
				jobId);
	}

	CompletableFuture<@Nullable JobRecord> findJob(String task, String jobId) {
		CompletableFuture<Map<String, String>> hash = this.commands.hgetall(this.keys.task(task).job(jobId))
			.toCompletableFuture();
		return guard(hash, "find", task, jobId).thenApply(fields -> RedisJobCodec.record(task, jobId, fields));
	}

	CompletableFuture<@Nullable JobState> state(String task, String jobId) {
		CompletableFuture<String> state = this.commands.hget(this.keys.task(task).job(jobId), "state")
			.toCompletableFuture();
		return guard(state, "state", task, jobId).thenApply(JobState::fromWire);
	}

	CompletableFuture<List<String>> logs(String task, String jobId) {
		CompletableFuture<List<String>> logs = this.commands.lrange(this.keys.task(task).logs(jobId), 0, -1)
			.toCompletableFuture();
		return guard(logs, "logs", task, jobId);
	}

	CompletableFuture<Map<JobState, Long>> countByState(String task) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<Long> wait = this.commands.llen(k.waitList()).toCompletableFuture();
		CompletableFuture<Long> prioritized = this.commands.zcard(k.prioritized()).toCompletableFuture();
		CompletableFuture<Long> active = this.commands.llen(k.active()).toCompletableFuture();
		CompletableFuture<Long> delayed = this.commands.zcard(k.delayed()).toCompletableFuture();
		CompletableFuture<Long> completed = this.commands.zcard(k.completed()).toCompletableFuture();
		CompletableFuture<Long> failed = this.commands.zcard(k.failed()).toCompletableFuture();
		CompletableFuture<Long> cancelled = this.commands.zcard(k.cancelled()).toCompletableFuture();
		CompletableFuture<Long> expired = this.commands.zcard(k.expired()).toCompletableFuture();
		CompletableFuture<Void> all = CompletableFuture.allOf(wait, prioritized, active, delayed, completed, failed,
				cancelled, expired);
		return guard(all, "count", task, null).thenApply(ignored -> {
			Map<JobState, Long> counts = new EnumMap<>(JobState.class);
			counts.put(JobState.WAITING, wait.join() + prioritized.join());
			counts.put(JobState.DELAYED, delayed.join());
			counts.put(JobState.ACTIVE, active.join());
			counts.put(JobState.COMPLETED, completed.join());
			counts.put(JobState.FAILED, failed.join());
			// jobs waiting for a retry share the delayed set and are counted there
			counts.put(JobState.RETRYING, 0L);
			counts.put(JobState.CANCELLED, cancelled.join());
			counts.put(JobState.EXPIRED, expired.join());
			return counts;
		});
	}

	CompletableFuture<@Nullable Long> nextDelayedAt(String task) {
		CompletableFuture<List<ScoredValue<String>>> first = this.commands
			.zrangeWithScores(this.keys.task(task).delayed(), 0, 0)
			.toCompletableFuture();
		return guard(first, "next delayed", task, null)
			.thenApply(values -> values.isEmpty() ? null : (long) values.get(0).getScore());
	}

	/** The latest entry id of the task's event stream, or {@code 0-0} when it is empty. */
	CompletableFuture<String> latestEventId(String task) {
		CompletableFuture<String> latest = this.commands
			.xrevrange(this.keys.task(task).events(), Range.create("-", "+"), Limit.from(1))
			.toCompletableFuture()
			.thenApply(entries -> entries.isEmpty() ? "0-0" : entries.get(0).getId());
		return guard(latest, "watch events", task, null);
	}

	private static XAddArgs eventArgs() {
		return XAddArgs.Builder.maxlen(MAX_EVENTS).approximateTrimming(true);
	}

	private <T> CompletableFuture<T> guard(CompletableFuture<T> future, String operation, String task,
			@Nullable String jobId) {
		return this.errors.guard(future, operation, task, jobId);
	}

}
