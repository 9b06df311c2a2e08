package dev.taskora.engine.adapter.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.Admission;
import dev.taskora.engine.adapter.CollectBuffer;
import dev.taskora.engine.adapter.CollectPush;
import dev.taskora.engine.adapter.CollectPushed;
import dev.taskora.engine.adapter.FlowStore;
import dev.taskora.engine.adapter.NewJob;
import org.jspecify.annotations.Nullable;

/**
 * Flow control on Redis: each write is one call of a script under {@code lua/flow/} with
 * the KEYS and ARGV of taskora's DEBOUNCE, THROTTLE_ENQUEUE, DEDUPLICATE_ENQUEUE and
 * COLLECT_PUSH, so Node producers and Java workers share the keys; the buffer reads are
 * one plain command each.
 */
final class RedisFlowStore implements FlowStore {

	private final RedisAdapter adapter;

	private final RedisKeys keys;

	private final RedisErrors errors;

	RedisFlowStore(RedisAdapter adapter, RedisKeys keys, RedisErrors errors) {
		this.adapter = adapter;
		this.keys = keys;
		this.errors = errors;
	}

	@Override
	public CompletableFuture<Void> debounce(String task, NewJob job, String key) {
		requireKey(key);
		if (job.delayMs() <= 0) {
			throw new IllegalArgumentException("debounce delay must be positive, was " + job.delayMs() + "ms");
		}
		RedisKeys.Task k = this.keys.task(task);
		String[] args = { k.jobPrefix(), job.id(), job.data(), Long.toString(job.timestamp()),
				Integer.toString(job.version()), Long.toString(job.delayMs()), Integer.toString(job.priority()),
				Integer.toString(job.maxAttempts()), k.debounce(key), Long.toString(job.expireAt()),
				nullToEmpty(job.concurrencyKey()), concurrencyLimit(job), RedisJobCodec.headers(job) };
		return this.<Long>run(LuaScript.DEBOUNCE, task, job.id(), keys(k.delayed(), k.events(), k.marker()), args)
			.thenApply(ignored -> null);
	}

	@Override
	public CompletableFuture<Admission> throttle(String task, NewJob job, String key, int max, long windowMs) {
		requireKey(key);
		if (max < 1 || windowMs <= 0) {
			throw new IllegalArgumentException(
					"throttle needs max >= 1 and a positive window, was max " + max + ", window " + windowMs + "ms");
		}
		RedisKeys.Task k = this.keys.task(task);
		String[] args = { k.jobPrefix(), job.id(), job.data(), Long.toString(job.timestamp()),
				Integer.toString(job.version()), Integer.toString(job.priority()), Integer.toString(job.maxAttempts()),
				k.throttle(key), Integer.toString(max), Long.toString(windowMs),
				Long.toString(Math.max(0, job.delayMs())), Long.toString(job.expireAt()),
				nullToEmpty(job.concurrencyKey()), concurrencyLimit(job), RedisJobCodec.headers(job) };
		return this
			.<Long>run(LuaScript.THROTTLE_ENQUEUE, task, job.id(),
					keys(k.waitList(), k.delayed(), k.events(), k.marker(), k.prioritized()), args)
			.thenApply(stored -> (stored == 1) ? Admission.ADMITTED : Admission.THROTTLED);
	}

	@Override
	public CompletableFuture<Admission> deduplicate(String task, NewJob job, String key, Set<JobState> blockingStates) {
		requireKey(key);
		RedisKeys.Task k = this.keys.task(task);
		List<String> args = new ArrayList<>(13 + blockingStates.size());
		args.addAll(List.of(k.jobPrefix(), job.id(), job.data(), Long.toString(job.timestamp()),
				Integer.toString(job.version()), Integer.toString(job.priority()), Integer.toString(job.maxAttempts()),
				k.dedup(key), Long.toString(Math.max(0, job.delayMs())), Long.toString(job.expireAt()),
				nullToEmpty(job.concurrencyKey()), concurrencyLimit(job), RedisJobCodec.headers(job)));
		for (JobState state : blockingStates) {
			args.add(state.wireName());
		}
		return this.<List<Object>>run(LuaScript.DEDUPLICATE_ENQUEUE, task, job.id(),
				keys(k.waitList(), k.delayed(), k.events(), k.marker(), k.prioritized()), args.toArray(String[]::new))
			.thenApply(reply -> (RedisJobCodec.toLong(RedisJobCodec.text(reply.get(0)), 0) == 1) ? Admission.ADMITTED
					: Admission.duplicateOf(RedisJobCodec.text(reply.get(1))));
	}

	@Override
	public CompletableFuture<CollectPushed> collect(String task, CollectPush push) {
		Objects.requireNonNull(push, "push must not be null");
		requireKey(push.key());
		if (push.delayMs() <= 0) {
			throw new IllegalArgumentException("collect delay must be positive, was " + push.delayMs() + "ms");
		}
		RedisKeys.Task k = this.keys.task(task);
		String[] args = { k.jobPrefix(), push.id(), push.item(), Long.toString(push.now()),
				Integer.toString(push.version()), Long.toString(push.delayMs()),
				Integer.toString(Math.max(0, push.maxSize())), Long.toString(Math.max(0, push.maxWaitMs())), push.key(),
				Integer.toString(push.maxAttempts()) };
		return this
			.<List<Object>>run(LuaScript.COLLECT_PUSH, task, push.id(),
					keys(k.delayed(), k.events(), k.marker(), k.waitList()), args)
			.thenApply(reply -> new CollectPushed(RedisJobCodec.toLong(RedisJobCodec.text(reply.get(0)), 0) == 1,
					RedisJobCodec.toLong(RedisJobCodec.text(reply.get(1)), 0)));
	}

	@Override
	public CompletableFuture<List<String>> peekCollect(String task, String key) {
		requireKey(key);
		String items = this.keys.task(task).collectItems(key);
		return this.adapter.withSession(s -> this.errors
			.guard(s.link.commands().lrange(items, 0, -1).toCompletableFuture(), "peek collect", task, null));
	}

	@Override
	public CompletableFuture<@Nullable CollectBuffer> inspectCollect(String task, String key) {
		requireKey(key);
		String meta = this.keys.task(task).collectMeta(key);
		CompletableFuture<Map<String, String>> read = this.adapter.withSession(s -> this.errors
			.guard(s.link.commands().hgetall(meta).toCompletableFuture(), "inspect collect", task, null));
		return read.thenApply(RedisFlowStore::buffer);
	}

	/** An empty or missing meta hash means no buffer: never pushed to, or drained. */
	private static @Nullable CollectBuffer buffer(Map<String, String> meta) {
		long count = RedisJobCodec.toLong(meta.get("count"), 0);
		if (count <= 0) {
			return null;
		}
		return new CollectBuffer(count, RedisJobCodec.toLong(meta.get("firstAt"), 0),
				RedisJobCodec.toLong(meta.get("lastAt"), 0));
	}

	/**
	 * One call of the script on the open session (connecting first if needed), waiting
	 * out an outage as a dispatch does.
	 */
	private <T extends @Nullable Object> CompletableFuture<T> run(LuaScript script, String task, String jobId,
			String[] scriptKeys, String[] args) {
		return this.adapter.dispatching(false,
				s -> this.errors.guard(s.scripts.<T>run(script, scriptKeys, args), operation(script), task, jobId));
	}

	private static String[] keys(String... keys) {
		return keys;
	}

	private static String operation(LuaScript script) {
		return switch (script) {
			case DEBOUNCE -> "debounce";
			case THROTTLE_ENQUEUE -> "throttle";
			case DEDUPLICATE_ENQUEUE -> "deduplicate";
			default -> "collect";
		};
	}

	private static void requireKey(String key) {
		if (key.isBlank()) {
			throw new IllegalArgumentException("flow key must not be blank");
		}
	}

	private static String nullToEmpty(@Nullable String value) {
		return (value == null) ? "" : value;
	}

	private static String concurrencyLimit(NewJob job) {
		return (job.concurrencyKey() != null) ? Integer.toString(Math.max(1, job.concurrencyLimit())) : "0";
	}

}
