package dev.taskora.engine.adapter.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.Maintenance;
import dev.taskora.engine.adapter.StallSweep;

/**
 * Stall sweeps, retention, cleaning and dead-letter retries on Redis: one script each
 * under {@code lua/maintenance/}.
 */
final class RedisMaintenance implements Maintenance {

	private final RedisAdapter adapter;

	private final RedisKeys keys;

	private final RedisErrors errors;

	RedisMaintenance(RedisAdapter adapter, RedisKeys keys, RedisErrors errors) {
		this.adapter = adapter;
		this.keys = keys;
		this.errors = errors;
	}

	@Override
	public CompletableFuture<StallSweep> checkStalled(String task, int maxStalledCount, long now) {
		return this.adapter.withSession(s -> {
			RedisKeys.Task k = this.keys.task(task);
			CompletableFuture<List<Object>> reply = s.scripts.run(LuaScript.STALLED_CHECK,
					new String[] { k.stalled(), k.active(), k.waitList(), k.failed(), k.events(), k.marker(),
							k.cancelled(), k.prioritized() },
					k.jobPrefix(), Integer.toString(maxStalledCount), Long.toString(now));
			return this.errors.guard(reply, "stall check", task, null).thenApply(RedisMaintenance::stallSweep);
		});
	}

	@Override
	public CompletableFuture<Integer> trim(String task, JobState state, long cutoff, int maxItems) {
		return this.adapter.withSession(s -> {
			RedisKeys.Task k = this.keys.task(task);
			String set = finishedSet(k, state);
			CompletableFuture<Long> reply = s.scripts.run(LuaScript.TRIM, new String[] { set }, k.jobPrefix(),
					Long.toString(cutoff), Integer.toString(maxItems));
			return this.errors.guard(reply, "trim", task, null).thenApply(Long::intValue);
		});
	}

	@Override
	public CompletableFuture<Boolean> retry(String task, String jobId, JobState from, long now) {
		if (from != JobState.FAILED && from != JobState.CANCELLED) {
			throw new IllegalArgumentException("from must be FAILED or CANCELLED, was " + from);
		}
		return this.adapter.withSession(s -> {
			RedisKeys.Task k = this.keys.task(task);
			String set = (from == JobState.FAILED) ? k.failed() : k.cancelled();
			CompletableFuture<Long> reply = s.scripts.run(LuaScript.RETRY_DLQ,
					new String[] { set, k.waitList(), k.events(), k.marker(), k.prioritized() }, k.jobPrefix(), jobId,
					Long.toString(now));
			return this.errors.guard(reply, "retry", task, jobId).thenApply(code -> code == 1);
		});
	}

	@Override
	public CompletableFuture<Integer> retryFailedBatch(String task, long failedUpTo, int limit, long now) {
		int batch = Math.max(0, Math.min(limit, BATCH));
		return this.adapter.withSession(s -> {
			RedisKeys.Task k = this.keys.task(task);
			CompletableFuture<Long> reply = s.scripts.run(LuaScript.RETRY_ALL_DLQ,
					new String[] { k.failed(), k.waitList(), k.events(), k.marker(), k.prioritized() }, k.jobPrefix(),
					Integer.toString(batch), Long.toString(now), Long.toString(failedUpTo));
			return this.errors.guard(reply, "retry all", task, null).thenApply(Long::intValue);
		});
	}

	@Override
	public CompletableFuture<Integer> clean(String task, JobState state, long cutoff, int limit) {
		int batch = Math.max(0, Math.min(limit, BATCH));
		return this.adapter.withSession(s -> {
			RedisKeys.Task k = this.keys.task(task);
			CompletableFuture<Long> reply = s.scripts.run(LuaScript.CLEAN_JOBS, new String[] { finishedSet(k, state) },
					k.jobPrefix(), Long.toString(cutoff), Integer.toString(batch));
			return this.errors.guard(reply, "clean", task, null).thenApply(Long::intValue);
		});
	}

	private static String finishedSet(RedisKeys.Task k, JobState state) {
		return switch (state) {
			case COMPLETED -> k.completed();
			case FAILED -> k.failed();
			case CANCELLED -> k.cancelled();
			case EXPIRED -> k.expired();
			default -> throw new IllegalArgumentException("state must be a finished state, was " + state);
		};
	}

	private static StallSweep stallSweep(List<Object> reply) {
		int recoveredCount = RedisJobCodec.toInt(RedisJobCodec.text(reply.get(0)), 0);
		List<String> recovered = new ArrayList<>(recoveredCount);
		for (int i = 1; i <= recoveredCount; i++) {
			recovered.add(RedisJobCodec.text(reply.get(i)));
		}
		int failedAt = recoveredCount + 1;
		int failedCount = RedisJobCodec.toInt(RedisJobCodec.text(reply.get(failedAt)), 0);
		List<String> failed = new ArrayList<>(failedCount);
		for (int i = failedAt + 1; i <= failedAt + failedCount; i++) {
			failed.add(RedisJobCodec.text(reply.get(i)));
		}
		return (recovered.isEmpty() && failed.isEmpty()) ? StallSweep.NONE
				: new StallSweep(List.copyOf(recovered), List.copyOf(failed));
	}

}
