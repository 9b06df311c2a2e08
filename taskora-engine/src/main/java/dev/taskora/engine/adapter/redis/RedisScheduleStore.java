package dev.taskora.engine.adapter.redis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.adapter.ScheduleStore;
import dev.taskora.engine.adapter.StoredSchedule;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

/**
 * Schedules in taskora's keys: the {@code schedules} hash (name to JSON config), the
 * {@code schedules:next} sorted set (name to next run, absent when paused) and the
 * {@code schedules:lock} string holding the leader's token. Writes that must be atomic
 * are scripts under {@code lua/schedule/}; reads are pipelined commands, one round trip
 * each.
 * <p>
 * Like taskora's, the schedule keys carry no hash tag, so the scripts touching two of
 * them cannot run on a Redis Cluster.
 */
final class RedisScheduleStore implements ScheduleStore {

	private final RedisAdapter adapter;

	private final RedisKeys keys;

	private final RedisErrors errors;

	RedisScheduleStore(RedisAdapter adapter, RedisKeys keys, RedisErrors errors) {
		this.adapter = adapter;
		this.keys = keys;
		this.errors = errors;
	}

	@Override
	public CompletableFuture<Boolean> create(String name, String config, long nextRun) {
		return script("create", name, LuaScript.ADD_SCHEDULE, configKeys(), name, config, Long.toString(nextRun));
	}

	@Override
	public CompletableFuture<Boolean> replace(String name, String expectedConfig, String config,
			@Nullable Long nextRun) {
		return script("update", name, LuaScript.REPLACE_SCHEDULE, configKeys(), name, expectedConfig, config,
				(nextRun != null) ? Long.toString(nextRun) : "");
	}

	@Override
	public CompletableFuture<@Nullable StoredSchedule> get(String name) {
		return this.adapter.withSession(s -> {
			RedisClusterAsyncCommands<String, String> commands = s.commands();
			CompletableFuture<String> config = commands.hget(this.keys.schedules(), name).toCompletableFuture();
			CompletableFuture<Double> score = commands.zscore(this.keys.schedulesNext(), name).toCompletableFuture();
			CompletableFuture<@Nullable StoredSchedule> read = config.thenCombine(score,
					(stored, next) -> (stored != null)
							? new StoredSchedule(name, stored, (next != null) ? next.longValue() : null) : null);
			return guard(read, "read", name);
		});
	}

	@Override
	public CompletableFuture<List<StoredSchedule>> list() {
		return this.adapter.withSession(s -> {
			RedisClusterAsyncCommands<String, String> commands = s.commands();
			CompletableFuture<Map<String, String>> configs = commands.hgetall(this.keys.schedules())
				.toCompletableFuture();
			CompletableFuture<List<ScoredValue<String>>> scores = commands
				.zrangeWithScores(this.keys.schedulesNext(), 0, -1)
				.toCompletableFuture();
			CompletableFuture<List<StoredSchedule>> all = configs.thenCombine(scores, (stored, next) -> {
				Map<String, Long> nextRuns = new HashMap<>();
				next.forEach(scored -> nextRuns.put(scored.getValue(), (long) scored.getScore()));
				List<StoredSchedule> schedules = new ArrayList<>(stored.size());
				stored.forEach((name, config) -> schedules.add(new StoredSchedule(name, config, nextRuns.get(name))));
				return schedules;
			});
			return guard(all, "list", null);
		});
	}

	@Override
	public CompletableFuture<Boolean> pause(String name) {
		return this.adapter.withSession(s -> {
			RedisClusterAsyncCommands<String, String> commands = s.commands();
			CompletableFuture<Long> removed = commands.zrem(this.keys.schedulesNext(), name).toCompletableFuture();
			CompletableFuture<Boolean> exists = commands.hexists(this.keys.schedules(), name).toCompletableFuture();
			return guard(removed.thenCombine(exists, (ignored, known) -> known), "pause", name);
		});
	}

	@Override
	public CompletableFuture<Boolean> resume(String name, long nextRun) {
		return script("resume", name, LuaScript.RESUME_SCHEDULE, configKeys(), name, Long.toString(nextRun));
	}

	@Override
	public CompletableFuture<Boolean> remove(String name) {
		return this.adapter.withSession(s -> {
			RedisClusterAsyncCommands<String, String> commands = s.commands();
			CompletableFuture<Long> deleted = commands.hdel(this.keys.schedules(), name).toCompletableFuture();
			CompletableFuture<Long> unscheduled = commands.zrem(this.keys.schedulesNext(), name).toCompletableFuture();
			return guard(deleted.thenCombine(unscheduled, (count, ignored) -> count > 0), "remove", name);
		});
	}

	@Override
	public CompletableFuture<Boolean> acquireLeadership(String token, long ttlMs) {
		return script("take the lock", null, LuaScript.ACQUIRE_SCHEDULER_LOCK,
				new String[] { this.keys.schedulesLock() }, token, Long.toString(ttlMs));
	}

	@Override
	public CompletableFuture<Void> releaseLeadership(String token) {
		return script("release the lock", null, LuaScript.RELEASE_SCHEDULER_LOCK,
				new String[] { this.keys.schedulesLock() }, token)
			.thenApply(released -> null);
	}

	@Override
	public CompletableFuture<List<StoredSchedule>> claimDue(long now, long leaseUntil) {
		String[] keys = { this.keys.schedulesNext(), this.keys.schedules() };
		return this.adapter.withSession(s -> {
			CompletableFuture<List<Object>> reply = s.scripts.run(LuaScript.CLAIM_DUE_SCHEDULES, keys,
					Long.toString(now), Long.toString(leaseUntil));
			return guard(reply, "claim due", null).thenApply(RedisScheduleStore::claimed);
		});
	}

	private static List<StoredSchedule> claimed(List<Object> reply) {
		List<StoredSchedule> claimed = new ArrayList<>(reply.size() / 3);
		for (int i = 0; i + 2 < reply.size(); i += 3) {
			long due = (long) Double.parseDouble(RedisJobCodec.text(reply.get(i + 2)));
			claimed
				.add(new StoredSchedule(RedisJobCodec.text(reply.get(i)), RedisJobCodec.text(reply.get(i + 1)), due));
		}
		return claimed;
	}

	private String[] configKeys() {
		return new String[] { this.keys.schedules(), this.keys.schedulesNext() };
	}

	private CompletableFuture<Boolean> script(String operation, @Nullable String name, LuaScript script, String[] keys,
			String... args) {
		return this.adapter.withSession(s -> {
			CompletableFuture<Long> reply = s.scripts.run(script, keys, args);
			return guard(reply, operation, name).thenApply(result -> result != null && result == 1L);
		});
	}

	private <T extends @Nullable Object> CompletableFuture<T> guard(CompletableFuture<T> future, String operation,
			@Nullable String name) {
		String subject = operation + " of " + ((name != null) ? "schedule '" + name + "'" : "the schedules");
		return this.errors.guard(future, operation, subject);
	}

}
