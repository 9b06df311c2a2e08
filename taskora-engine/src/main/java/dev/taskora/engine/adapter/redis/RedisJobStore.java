package dev.taskora.engine.adapter.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.JobStore;
import dev.taskora.engine.adapter.LockStatus;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.Settlement;
import dev.taskora.engine.adapter.SettleRequest;
import dev.taskora.engine.job.CancelOutcome;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.XAddArgs;
import org.jspecify.annotations.Nullable;

/**
 * The job transitions on Redis: each is exactly one EVALSHA of one script under
 * {@code lua/jobs/}, with the KEYS and ARGV its header comment lists; progress and log
 * writes are plain commands, pipelined, one round trip each.
 */
final class RedisJobStore implements JobStore {

	/** Log entries kept per job, as taskora does. */
	static final long MAX_LOG_ENTRIES = 10_000;

	/** Stream length cap, approximate like taskora's {@code MAXLEN ~ 10000}. */
	static final long MAX_EVENTS = 10_000;

	private final RedisAdapter adapter;

	private final RedisKeys keys;

	private final RedisErrors errors;

	RedisJobStore(RedisAdapter adapter, RedisKeys keys, RedisErrors errors) {
		this.adapter = adapter;
		this.keys = keys;
		this.errors = errors;
	}

	@Override
	public CompletableFuture<Void> enqueue(String task, NewJob job) {
		return this.adapter.dispatching(true, s -> enqueue(s.scripts, task, job));
	}

	private CompletableFuture<Void> enqueue(ScriptRunner scripts, String task, NewJob job) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<Long> stored = (job.delayMs() > 0)
				? scripts.run(LuaScript.ENQUEUE_DELAYED, keys(k.delayed(), k.events(), k.marker()),
						RedisJobCodec.enqueueDelayedArgs(k.jobPrefix(), job))
				: scripts.run(LuaScript.ENQUEUE, k.enqueueKeys, RedisJobCodec.enqueueArgs(k.jobPrefix(), job));
		return this.errors.guard(stored, "enqueue", task, job.id()).thenApply(ignored -> null);
	}

	@Override
	public CompletableFuture<Void> enqueueBulk(String task, List<NewJob> jobs) {
		return this.adapter.dispatching(true, s -> enqueueBulk(s.scripts, task, jobs));
	}

	private CompletableFuture<Void> enqueueBulk(ScriptRunner scripts, String task, List<NewJob> jobs) {
		if (jobs.isEmpty()) {
			return CompletableFuture.completedFuture(null);
		}
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<Long> stored = scripts.run(LuaScript.ENQUEUE_BULK,
				keys(k.waitList(), k.delayed(), k.events(), k.marker(), k.prioritized()),
				RedisJobCodec.bulkArgs(k.jobPrefix(), jobs));
		return this.errors.guard(stored, "bulk enqueue", task, null).thenApply(ignored -> null);
	}

	@Override
	public CompletableFuture<@Nullable ClaimedJob> claim(String task, ClaimRequest request) {
		return this.adapter.withSession(s -> claim(s.scripts, task, request));
	}

	private CompletableFuture<@Nullable ClaimedJob> claim(ScriptRunner scripts, String task, ClaimRequest request) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<List<Object>> reply = scripts.run(LuaScript.MOVE_TO_ACTIVE, k.claimKeys, k.jobPrefix(),
				Long.toString(request.lockTtlMs()), request.token(), Long.toString(request.now()),
				RedisJobCodec.onExpire(request.discardExpired()), RedisJobCodec.flag(request.singleton()));
		return this.errors.guard(reply, "claim", task, null)
			.thenApply(r -> RedisJobCodec.claimed(r, 0, request.token()));
	}

	@Override
	public CompletableFuture<List<ClaimedJob>> claimMany(String task, List<ClaimRequest> requests) {
		if (requests.isEmpty()) {
			return CompletableFuture.completedFuture(List.of());
		}
		return this.adapter.withSession(s -> claimMany(s.scripts, task, requests));
	}

	private CompletableFuture<List<ClaimedJob>> claimMany(ScriptRunner scripts, String task,
			List<ClaimRequest> requests) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<List<Object>> reply = scripts.run(LuaScript.MOVE_TO_ACTIVE_MANY, k.claimKeys,
				RedisJobCodec.claimManyArgs(k.jobPrefix(), requests));
		return this.errors.guard(reply, "claim", task, null).thenApply(r -> RedisJobCodec.claimedMany(r, requests));
	}

	@Override
	public CompletableFuture<Settlement> ack(String task, JobCompletion completion, @Nullable ClaimRequest next) {
		return this.adapter.withSession(s -> ack(s.scripts, task, completion, next));
	}

	private CompletableFuture<Settlement> ack(ScriptRunner scripts, String task, JobCompletion completion,
			@Nullable ClaimRequest next) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<List<Object>> reply;
		if (next == null) {
			reply = scripts.run(LuaScript.ACK, k.ackKeys, k.jobPrefix(), completion.jobId(), completion.token(),
					completion.result(), Long.toString(completion.now()));
		}
		else {
			reply = scripts.run(LuaScript.ACK_AND_MOVE_TO_ACTIVE, k.ackAndClaimKeys, k.jobPrefix(), completion.jobId(),
					completion.token(), completion.result(), Long.toString(completion.now()),
					Long.toString(next.lockTtlMs()), next.token(), RedisJobCodec.onExpire(next.discardExpired()),
					RedisJobCodec.flag(next.singleton()), Long.toString(next.now()));
		}
		return this.errors.guard(reply, "ack", task, completion.jobId())
			.thenApply(r -> RedisJobCodec.settlement(r, (next != null) ? next.token() : null));
	}

	@Override
	public CompletableFuture<Settlement> fail(String task, JobFailure failure, @Nullable ClaimRequest next) {
		return this.adapter.withSession(s -> fail(s.scripts, task, failure, next));
	}

	private CompletableFuture<Settlement> fail(ScriptRunner scripts, String task, JobFailure failure,
			@Nullable ClaimRequest next) {
		RedisKeys.Task k = this.keys.task(task);
		String retryDelay = Long.toString(failure.willRetry() ? failure.retryDelayMs() : JobFailure.PERMANENT);
		CompletableFuture<List<Object>> reply;
		if (next == null) {
			reply = scripts.run(LuaScript.FAIL, k.failKeys, k.jobPrefix(), failure.jobId(), failure.token(),
					failure.error(), Long.toString(failure.now()), retryDelay);
		}
		else {
			reply = scripts.run(LuaScript.FAIL_AND_MOVE_TO_ACTIVE, k.failAndClaimKeys, k.jobPrefix(), failure.jobId(),
					failure.token(), failure.error(), Long.toString(failure.now()), retryDelay,
					Long.toString(next.lockTtlMs()), next.token(), RedisJobCodec.onExpire(next.discardExpired()),
					RedisJobCodec.flag(next.singleton()), Long.toString(next.now()));
		}
		return this.errors.guard(reply, "fail", task, failure.jobId())
			.thenApply(r -> RedisJobCodec.settlement(r, (next != null) ? next.token() : null));
	}

	@Override
	public CompletableFuture<List<@Nullable Settlement>> settleMany(String task, List<SettleRequest> requests) {
		if (requests.isEmpty()) {
			return CompletableFuture.completedFuture(List.of());
		}
		return this.adapter.withSession(s -> settleMany(s.scripts, task, requests));
	}

	private CompletableFuture<List<@Nullable Settlement>> settleMany(ScriptRunner scripts, String task,
			List<SettleRequest> requests) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<List<Object>> reply = scripts.run(LuaScript.SETTLE_MANY, k.settleManyKeys,
				RedisJobCodec.settleManyArgs(k.jobPrefix(), requests));
		return this.errors.guard(reply, "settle", task, null).thenApply(r -> RedisJobCodec.settlements(r, requests));
	}

	@Override
	public CompletableFuture<Void> nack(String task, String jobId, String token) {
		return this.adapter.withSession(s -> nack(s.scripts, task, jobId, token));
	}

	private CompletableFuture<Void> nack(ScriptRunner scripts, String task, String jobId, String token) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<Long> reply = scripts.run(LuaScript.NACK,
				keys(k.active(), k.waitList(), k.events(), k.marker(), k.prioritized(), k.stalled()), k.jobPrefix(),
				jobId, token);
		return this.errors.guard(reply, "nack", task, jobId).thenApply(ignored -> null);
	}

	@Override
	public CompletableFuture<LockStatus> extendLock(String task, String jobId, String token, long ttlMs) {
		return this.adapter.withSession(s -> extendLock(s.scripts, task, jobId, token, ttlMs));
	}

	private CompletableFuture<LockStatus> extendLock(ScriptRunner scripts, String task, String jobId, String token,
			long ttlMs) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<Long> reply = scripts.run(LuaScript.EXTEND_LOCK, keys(k.stalled()), k.jobPrefix(), jobId,
				token, Long.toString(ttlMs));
		return this.errors.guard(reply, "extend lock", task, jobId).thenApply(code -> {
			if (code == 1) {
				return LockStatus.HELD;
			}
			return (code == -1) ? LockStatus.CANCELLED : LockStatus.LOST;
		});
	}

	@Override
	public CompletableFuture<List<LockStatus>> extendLocks(String task, List<HeldLock> locks, long ttlMs) {
		if (locks.isEmpty()) {
			return CompletableFuture.completedFuture(List.of());
		}
		return this.adapter.withSession(s -> extendLocks(s.scripts, task, locks, ttlMs));
	}

	private CompletableFuture<List<LockStatus>> extendLocks(ScriptRunner scripts, String task, List<HeldLock> locks,
			long ttlMs) {
		RedisKeys.Task k = this.keys.task(task);
		String[] args = new String[2 + 2 * locks.size()];
		args[0] = k.jobPrefix();
		args[1] = Long.toString(ttlMs);
		for (int i = 0; i < locks.size(); i++) {
			args[2 + 2 * i] = locks.get(i).jobId();
			args[3 + 2 * i] = locks.get(i).token();
		}
		CompletableFuture<List<Object>> reply = scripts.run(LuaScript.EXTEND_LOCKS, keys(k.stalled()), args);
		return this.errors.guard(reply, "extend locks", task, null).thenApply(codes -> {
			List<LockStatus> statuses = new ArrayList<>(codes.size());
			for (Object code : codes) {
				long value = ((Number) code).longValue();
				statuses.add((value == 1) ? LockStatus.HELD : (value == -1) ? LockStatus.CANCELLED : LockStatus.LOST);
			}
			return statuses;
		});
	}

	@Override
	public CompletableFuture<CancelOutcome> cancel(String task, String jobId, @Nullable String reason, long now) {
		return this.adapter.withSession(s -> cancel(s.scripts, task, jobId, reason, now));
	}

	private CompletableFuture<CancelOutcome> cancel(ScriptRunner scripts, String task, String jobId,
			@Nullable String reason, long now) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<Long> reply = scripts.run(
				LuaScript.CANCEL, keys(k.waitList(), k.delayed(), k.cancelled(), k.events(), k.marker(),
						k.cancelChannel(), k.prioritized()),
				k.jobPrefix(), jobId, (reason != null) ? reason : "", Long.toString(now));
		return this.errors.guard(reply, "cancel", task, jobId).thenApply(code -> switch (code.intValue()) {
			case 1 -> CancelOutcome.CANCELLED;
			case 2 -> CancelOutcome.FLAGGED;
			case 3 -> CancelOutcome.NOT_CANCELLABLE;
			default -> CancelOutcome.NOT_FOUND;
		});
	}

	@Override
	public CompletableFuture<Void> finishCancel(String task, String jobId, String token, long now) {
		return this.adapter.withSession(s -> finishCancel(s.scripts, task, jobId, token, now));
	}

	private CompletableFuture<Void> finishCancel(ScriptRunner scripts, String task, String jobId, String token,
			long now) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<Long> reply = scripts.run(LuaScript.FINISH_CANCEL,
				keys(k.active(), k.cancelled(), k.events(), k.marker(), k.stalled()), k.jobPrefix(), jobId, token,
				Long.toString(now));
		return this.errors.guard(reply, "finish cancel", task, jobId).thenApply(ignored -> null);
	}

	@Override
	public CompletableFuture<Void> setProgress(String task, String jobId, String value) {
		return this.adapter.withSession(s -> {
			RedisKeys.Task k = this.keys.task(task);
			RedisFuture<Boolean> stored = s.commands().hset(k.job(jobId), "progress", value);
			RedisFuture<String> announced = s.commands()
				.xadd(k.events(), eventArgs(), "event", "progress", "jobId", jobId, "value", value);
			return this.errors.guard(
					CompletableFuture.allOf(stored.toCompletableFuture(), announced.toCompletableFuture()), "progress",
					task, jobId);
		});
	}

	@Override
	public CompletableFuture<Void> appendLog(String task, String jobId, String entryJson) {
		return this.adapter.withSession(s -> {
			RedisKeys.Task k = this.keys.task(task);
			RedisFuture<Long> appended = s.commands().rpush(k.logs(jobId), entryJson);
			RedisFuture<String> capped = s.commands().ltrim(k.logs(jobId), -MAX_LOG_ENTRIES, -1);
			return this.errors.guard(
					CompletableFuture.allOf(appended.toCompletableFuture(), capped.toCompletableFuture()), "log", task,
					jobId);
		});
	}

	private static String[] keys(String... keys) {
		return keys;
	}

	private static XAddArgs eventArgs() {
		return XAddArgs.Builder.maxlen(MAX_EVENTS).approximateTrimming(true);
	}

}
