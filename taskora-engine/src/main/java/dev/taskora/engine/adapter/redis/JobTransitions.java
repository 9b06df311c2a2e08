package dev.taskora.engine.adapter.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.CancelOutcome;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.LockStatus;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.Settlement;
import dev.taskora.engine.adapter.StallSweep;
import org.jspecify.annotations.Nullable;

/**
 * The state-changing half of the SPI: each method is exactly one EVALSHA of one transition script,
 * with the KEYS and ARGV its header comment lists.
 */
final class JobTransitions {

	private final RedisKeys keys;

	private final ScriptRunner scripts;

	private final RedisErrors errors;

	JobTransitions(RedisKeys keys, ScriptRunner scripts, RedisErrors errors) {
		this.keys = keys;
		this.scripts = scripts;
		this.errors = errors;
	}

	CompletableFuture<Void> enqueue(String task, NewJob job) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<Long> stored = (job.delayMs() > 0)
				? this.scripts.run(LuaScript.ENQUEUE_DELAYED, keys(k.delayed(), k.events(), k.marker()),
						RedisJobCodec.enqueueDelayedArgs(k.jobPrefix(), job))
				: this.scripts.run(LuaScript.ENQUEUE, keys(k.waitList(), k.events(), k.marker(), k.prioritized()),
						RedisJobCodec.enqueueArgs(k.jobPrefix(), job));
		return guard(stored, "enqueue", task, job.id()).thenApply(ignored -> null);
	}

	CompletableFuture<Void> enqueueBulk(String task, List<NewJob> jobs) {
		if (jobs.isEmpty()) {
			return CompletableFuture.completedFuture(null);
		}
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<Long> stored = this.scripts.run(LuaScript.ENQUEUE_BULK,
				keys(k.waitList(), k.delayed(), k.events(), k.marker(), k.prioritized()),
				RedisJobCodec.bulkArgs(k.jobPrefix(), jobs));
		return guard(stored, "bulk enqueue", task, null).thenApply(ignored -> null);
	}

	CompletableFuture<@Nullable ClaimedJob> claim(String task, ClaimRequest request) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<List<Object>> reply = this.scripts.run(LuaScript.MOVE_TO_ACTIVE, claimKeys(k),
				k.jobPrefix(), Long.toString(request.lockTtlMs()), request.token(), Long.toString(request.now()),
				onExpire(request), flag(request.singleton()));
		return guard(reply, "claim", task, null).thenApply(r -> RedisJobCodec.claimed(r, 0, request.token()));
	}

	CompletableFuture<Settlement> ack(String task, JobCompletion completion, @Nullable ClaimRequest next) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<List<Object>> reply;
		if (next == null) {
			reply = this.scripts.run(LuaScript.ACK, keys(k.active(), k.completed(), k.events(), k.marker(), k.stalled()),
					k.jobPrefix(), completion.jobId(), completion.token(), completion.result(),
					Long.toString(completion.now()));
		}
		else {
			reply = this.scripts.run(LuaScript.ACK_AND_MOVE_TO_ACTIVE,
					keys(k.waitList(), k.active(), k.delayed(), k.events(), k.marker(), k.expired(), k.completed(),
							k.prioritized(), k.stalled()),
					k.jobPrefix(), completion.jobId(), completion.token(), completion.result(),
					Long.toString(completion.now()), Long.toString(next.lockTtlMs()), next.token(), onExpire(next),
					flag(next.singleton()), Long.toString(next.now()));
		}
		return guard(reply, "ack", task, completion.jobId())
			.thenApply(r -> RedisJobCodec.settlement(r, (next != null) ? next.token() : null));
	}

	CompletableFuture<Settlement> fail(String task, JobFailure failure, @Nullable ClaimRequest next) {
		RedisKeys.Task k = this.keys.task(task);
		String retryDelay = Long.toString(failure.willRetry() ? failure.retryDelayMs() : JobFailure.PERMANENT);
		CompletableFuture<List<Object>> reply;
		if (next == null) {
			reply = this.scripts.run(LuaScript.FAIL,
					keys(k.active(), k.failed(), k.events(), k.delayed(), k.marker(), k.stalled()), k.jobPrefix(),
					failure.jobId(), failure.token(), failure.error(), Long.toString(failure.now()), retryDelay);
		}
		else {
			reply = this.scripts.run(LuaScript.FAIL_AND_MOVE_TO_ACTIVE,
					keys(k.waitList(), k.active(), k.delayed(), k.events(), k.marker(), k.expired(), k.failed(),
							k.prioritized(), k.stalled()),
					k.jobPrefix(), failure.jobId(), failure.token(), failure.error(), Long.toString(failure.now()),
					retryDelay, Long.toString(next.lockTtlMs()), next.token(), onExpire(next), flag(next.singleton()),
					Long.toString(next.now()));
		}
		return guard(reply, "fail", task, failure.jobId())
			.thenApply(r -> RedisJobCodec.settlement(r, (next != null) ? next.token() : null));
	}

	CompletableFuture<Void> nack(String task, String jobId, String token) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<Long> reply = this.scripts.run(LuaScript.NACK,
				keys(k.active(), k.waitList(), k.events(), k.marker(), k.prioritized(), k.stalled()), k.jobPrefix(), jobId,
				token);
		return guard(reply, "nack", task, jobId).thenApply(ignored -> null);
	}

	CompletableFuture<LockStatus> extendLock(String task, String jobId, String token, long ttlMs) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<Long> reply = this.scripts.run(LuaScript.EXTEND_LOCK, keys(k.stalled()), k.jobPrefix(), jobId,
				token, Long.toString(ttlMs));
		return guard(reply, "extend lock", task, jobId).thenApply(code -> {
			if (code == 1) {
				return LockStatus.HELD;
			}
			return (code == -1) ? LockStatus.CANCELLED : LockStatus.LOST;
		});
	}

	CompletableFuture<CancelOutcome> cancel(String task, String jobId, @Nullable String reason, long now) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<Long> reply = this.scripts.run(LuaScript.CANCEL,
				keys(k.waitList(), k.delayed(), k.cancelled(), k.events(), k.marker(), k.cancelChannel(), k.prioritized()),
				k.jobPrefix(), jobId, (reason != null) ? reason : "", Long.toString(now));
		return guard(reply, "cancel", task, jobId).thenApply(code -> switch (code.intValue()) {
			case 1 -> CancelOutcome.CANCELLED;
			case 2 -> CancelOutcome.FLAGGED;
			case 3 -> CancelOutcome.NOT_CANCELLABLE;
			default -> CancelOutcome.NOT_FOUND;
		});
	}

	CompletableFuture<Void> finishCancel(String task, String jobId, String token, long now) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<Long> reply = this.scripts.run(LuaScript.FINISH_CANCEL,
				keys(k.active(), k.cancelled(), k.events(), k.marker(), k.stalled()), k.jobPrefix(), jobId, token,
				Long.toString(now));
		return guard(reply, "finish cancel", task, jobId).thenApply(ignored -> null);
	}

	CompletableFuture<StallSweep> checkStalled(String task, int maxStalledCount, long now) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<List<Object>> reply = this.scripts.run(LuaScript.STALLED_CHECK,
				keys(k.stalled(), k.active(), k.waitList(), k.failed(), k.events(), k.marker(), k.cancelled(),
						k.prioritized()),
				k.jobPrefix(), Integer.toString(maxStalledCount), Long.toString(now));
		return guard(reply, "stall check", task, null).thenApply(JobTransitions::stallSweep);
	}

	CompletableFuture<Integer> trim(String task, JobState state, long cutoff, int maxItems) {
		RedisKeys.Task k = this.keys.task(task);
		String set = switch (state) {
			case COMPLETED -> k.completed();
			case FAILED -> k.failed();
			case CANCELLED -> k.cancelled();
			case EXPIRED -> k.expired();
			default -> throw new IllegalArgumentException("trim needs a terminal state, was " + state);
		};
		CompletableFuture<Long> reply = this.scripts.run(LuaScript.TRIM, keys(set), k.jobPrefix(), Long.toString(cutoff),
				Integer.toString(maxItems));
		return guard(reply, "trim", task, null).thenApply(Long::intValue);
	}

	CompletableFuture<Boolean> retryFailed(String task, String jobId, long now) {
		RedisKeys.Task k = this.keys.task(task);
		CompletableFuture<Long> reply = this.scripts.run(LuaScript.RETRY_DLQ,
				keys(k.failed(), k.waitList(), k.events(), k.marker(), k.prioritized()), k.jobPrefix(), jobId,
				Long.toString(now));
		return guard(reply, "retry", task, jobId).thenApply(code -> code == 1);
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

	private static String[] claimKeys(RedisKeys.Task k) {
		return keys(k.waitList(), k.active(), k.delayed(), k.events(), k.marker(), k.expired(), k.prioritized());
	}

	private static String onExpire(ClaimRequest request) {
		return request.discardExpired() ? "discard" : "fail";
	}

	private static String flag(boolean value) {
		return value ? "1" : "0";
	}

	private static String[] keys(String... keys) {
		return keys;
	}

	private <T> CompletableFuture<T> guard(CompletableFuture<T> future, String operation, String task,
			@Nullable String jobId) {
		return this.errors.guard(future, operation, task, jobId);
	}

}
