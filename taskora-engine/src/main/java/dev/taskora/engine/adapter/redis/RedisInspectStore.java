package dev.taskora.engine.adapter.redis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.InspectStore;
import dev.taskora.engine.adapter.JobRecord;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

/**
 * Reads on Redis. Commands issued together go out pipelined on the shared connection, so each
 * method costs one round trip, however many tasks it spans (on a Cluster the nodes are asked in
 * parallel).
 */
final class RedisInspectStore implements InspectStore {

	private final RedisAdapter adapter;

	private final RedisKeys keys;

	private final RedisErrors errors;

	RedisInspectStore(RedisAdapter adapter, RedisKeys keys, RedisErrors errors) {
		this.adapter = adapter;
		this.keys = keys;
		this.errors = errors;
	}

	@Override
	public CompletableFuture<@Nullable JobRecord> findJob(String task, String jobId) {
		return this.adapter.withSession(s -> {
			CompletableFuture<Map<String, String>> hash = s.commands()
				.hgetall(this.keys.task(task).job(jobId))
				.toCompletableFuture();
			return this.errors.guard(hash, "find", task, jobId)
				.thenApply(fields -> RedisJobCodec.record(task, jobId, fields));
		});
	}

	@Override
	public CompletableFuture<@Nullable JobRecord> findJob(String jobId, Collection<String> tasks) {
		List<String> names = List.copyOf(tasks);
		if (names.isEmpty()) {
			return CompletableFuture.completedFuture(null);
		}
		return this.adapter.withSession(s -> {
			List<CompletableFuture<Map<String, String>>> hashes = new ArrayList<>(names.size());
			for (String task : names) {
				hashes.add(s.commands().hgetall(this.keys.task(task).job(jobId)).toCompletableFuture());
			}
			CompletableFuture<Void> all = CompletableFuture.allOf(hashes.toArray(CompletableFuture<?>[]::new));
			return this.errors.guard(all, "find", String.join("', '", names), jobId).thenApply(ignored -> {
				for (int i = 0; i < names.size(); i++) {
					JobRecord record = RedisJobCodec.record(names.get(i), jobId, hashes.get(i).join());
					if (record != null) {
						return record;
					}
				}
				return null;
			});
		});
	}

	@Override
	public CompletableFuture<@Nullable JobState> state(String task, String jobId) {
		return this.adapter.withSession(s -> {
			CompletableFuture<String> state = s.commands()
				.hget(this.keys.task(task).job(jobId), "state")
				.toCompletableFuture();
			return this.errors.guard(state, "state", task, jobId).thenApply(JobState::fromWire);
		});
	}

	@Override
	public CompletableFuture<List<String>> logs(String task, String jobId) {
		return this.adapter.withSession(s -> {
			CompletableFuture<List<String>> logs = s.commands()
				.lrange(this.keys.task(task).logs(jobId), 0, -1)
				.toCompletableFuture();
			return this.errors.guard(logs, "logs", task, jobId);
		});
	}

	@Override
	public CompletableFuture<Map<String, Map<JobState, Long>>> countByState(Collection<String> tasks) {
		List<String> names = List.copyOf(tasks);
		if (names.isEmpty()) {
			return CompletableFuture.completedFuture(Map.of());
		}
		return this.adapter.withSession(s -> {
			List<StateCounts> counts = new ArrayList<>(names.size());
			List<CompletableFuture<?>> replies = new ArrayList<>(names.size() * StateCounts.COMMANDS);
			for (String task : names) {
				StateCounts count = new StateCounts(s.commands(), this.keys.task(task));
				counts.add(count);
				count.addTo(replies);
			}
			CompletableFuture<Void> all = CompletableFuture.allOf(replies.toArray(CompletableFuture<?>[]::new));
			return this.errors.guard(all, "count", String.join("', '", names), null).thenApply(ignored -> {
				Map<String, Map<JobState, Long>> byTask = new LinkedHashMap<>();
				for (int i = 0; i < names.size(); i++) {
					byTask.put(names.get(i), counts.get(i).toMap());
				}
				return byTask;
			});
		});
	}

	@Override
	public CompletableFuture<@Nullable Long> nextDelayedAt(String task) {
		return this.adapter.withSession(s -> {
			CompletableFuture<List<ScoredValue<String>>> first = s.commands()
				.zrangeWithScores(this.keys.task(task).delayed(), 0, 0)
				.toCompletableFuture();
			return this.errors.guard(first, "next delayed", task, null)
				.thenApply(values -> values.isEmpty() ? null : (long) values.get(0).getScore());
		});
	}

	/** The eight cardinality commands of one task, issued at once and read after all answered. */
	private static final class StateCounts {

		static final int COMMANDS = 8;

		private final CompletableFuture<Long> wait;

		private final CompletableFuture<Long> prioritized;

		private final CompletableFuture<Long> active;

		private final CompletableFuture<Long> delayed;

		private final CompletableFuture<Long> completed;

		private final CompletableFuture<Long> failed;

		private final CompletableFuture<Long> cancelled;

		private final CompletableFuture<Long> expired;

		StateCounts(RedisClusterAsyncCommands<String, String> commands, RedisKeys.Task k) {
			this.wait = commands.llen(k.waitList()).toCompletableFuture();
			this.prioritized = commands.zcard(k.prioritized()).toCompletableFuture();
			this.active = commands.llen(k.active()).toCompletableFuture();
			this.delayed = commands.zcard(k.delayed()).toCompletableFuture();
			this.completed = commands.zcard(k.completed()).toCompletableFuture();
			this.failed = commands.zcard(k.failed()).toCompletableFuture();
			this.cancelled = commands.zcard(k.cancelled()).toCompletableFuture();
			this.expired = commands.zcard(k.expired()).toCompletableFuture();
		}

		void addTo(List<CompletableFuture<?>> replies) {
			replies.addAll(List.of(this.wait, this.prioritized, this.active, this.delayed, this.completed, this.failed,
					this.cancelled, this.expired));
		}

		Map<JobState, Long> toMap() {
			Map<JobState, Long> counts = new EnumMap<>(JobState.class);
			counts.put(JobState.WAITING, this.wait.join() + this.prioritized.join());
			counts.put(JobState.DELAYED, this.delayed.join());
			counts.put(JobState.ACTIVE, this.active.join());
			counts.put(JobState.COMPLETED, this.completed.join());
			counts.put(JobState.FAILED, this.failed.join());
			// jobs waiting for a retry share the delayed set and are counted there
			counts.put(JobState.RETRYING, 0L);
			counts.put(JobState.CANCELLED, this.cancelled.join());
			counts.put(JobState.EXPIRED, this.expired.join());
			return counts;
		}

	}

}
