package dev.taskora.engine.adapter.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.Admission;
import dev.taskora.engine.adapter.CollectBuffer;
import dev.taskora.engine.adapter.CollectPush;
import dev.taskora.engine.adapter.CollectPushed;
import dev.taskora.engine.adapter.FlowStore;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.WireEvent;
import org.jspecify.annotations.Nullable;

/**
 * DEBOUNCE, THROTTLE_ENQUEUE, DEDUPLICATE_ENQUEUE and COLLECT_PUSH, step for step as the
 * Redis adapter's flow scripts, each one section under the store lock. Key expiries (the
 * debounce key, the throttle window, the collect sentinel) run on the adapter's clock.
 */
final class MemoryFlowStore implements FlowStore {

	private final MemoryStore store;

	MemoryFlowStore(MemoryStore store) {
		this.store = store;
	}

	@Override
	public CompletableFuture<Void> debounce(String task, NewJob job, String key) {
		requireKey(key);
		if (job.delayMs() <= 0) {
			throw new IllegalArgumentException("debounce delay must be positive, was " + job.delayMs() + "ms");
		}
		return this.store.update(task, (queue) -> {
			requireFree(queue, job);
			String previous = queue.flow.debounced(key);
			// Only a job still waiting for its window is replaced; one that started runs
			// as it is.
			if (previous != null && queue.delayed.remove(previous)) {
				queue.jobs.remove(previous);
				queue.emit(WireEvent.DEBOUNCED, previous, Map.of("replacedBy", job.id()));
			}
			queue.enqueue(job);
			queue.flow.debounce(key, job.id(), job.delayMs() * 2);
		});
	}

	@Override
	public CompletableFuture<Admission> throttle(String task, NewJob job, String key, int max, long windowMs) {
		requireKey(key);
		if (max < 1 || windowMs <= 0) {
			throw new IllegalArgumentException(
					"throttle needs max >= 1 and a positive window, was max " + max + ", window " + windowMs + "ms");
		}
		return this.store.transition(task, (queue) -> {
			requireFree(queue, job);
			if (queue.flow.throttled(key) >= max) {
				return Admission.THROTTLED;
			}
			queue.flow.admit(key, windowMs);
			queue.enqueue(job);
			return Admission.ADMITTED;
		});
	}

	@Override
	public CompletableFuture<Admission> deduplicate(String task, NewJob job, String key, Set<JobState> blockingStates) {
		requireKey(key);
		Set<JobState> blocking = Set.copyOf(blockingStates);
		return this.store.transition(task, (queue) -> {
			requireFree(queue, job);
			String holder = queue.flow.dedupHolder(key);
			if (holder != null) {
				MemoryJob existing = queue.job(holder);
				if (existing != null && blocking.contains(existing.state)) {
					return Admission.duplicateOf(holder);
				}
				queue.flow.dropDedup(key);
			}
			queue.enqueue(job, key);
			queue.flow.holdDedup(key, job.id());
			return Admission.ADMITTED;
		});
	}

	@Override
	public CompletableFuture<CollectPushed> collect(String task, CollectPush push) {
		Objects.requireNonNull(push, "push must not be null");
		requireKey(push.key());
		if (push.delayMs() <= 0) {
			throw new IllegalArgumentException("collect delay must be positive, was " + push.delayMs() + "ms");
		}
		return this.store.transition(task, (queue) -> {
			if (queue.job(push.id()) != null) {
				throw new IllegalArgumentException("Job id '" + push.id() + "' already exists in task '" + task + "'");
			}
			MemoryFlowState.Buffer buffer = queue.flow.buffer(push.key());
			buffer.items.add(push.item());
			long count = buffer.items.size();
			buffer.lastAt = push.now();
			if (count == 1) {
				buffer.firstAt = push.now();
			}
			String previous = queue.flow.sentinel(buffer);
			if (previous != null) {
				queue.delayed.remove(previous);
				queue.jobs.remove(previous);
			}
			if (push.maxSize() > 0 && count >= push.maxSize()) {
				String batch = Objects.requireNonNull(queue.flow.drain(push.key()));
				queue.enqueue(NewJob.of(push.id(), batch, push.now(), push.version(), 0, push.maxAttempts(), 0));
				return new CollectPushed(true, count);
			}
			long flushAt = push.now() + push.delayMs();
			if (push.maxWaitMs() > 0) {
				flushAt = Math.min(flushAt, buffer.firstAt + push.maxWaitMs());
			}
			MemoryJob sentinel = new MemoryJob(task,
					NewJob.of(push.id(), "[]", push.now(), push.version(), 0, push.maxAttempts(), 0));
			sentinel.state = JobState.DELAYED;
			sentinel.collectKey = push.key();
			queue.jobs.put(sentinel.id, sentinel);
			queue.schedule(sentinel, flushAt);
			long window = (push.maxWaitMs() > 0) ? Math.max(push.delayMs(), push.maxWaitMs()) : push.delayMs();
			queue.flow.sentinel(buffer, sentinel.id, window * 2);
			queue.emit(WireEvent.COLLECT, sentinel.id, Map.of("count", Long.toString(count), "key", push.key()));
			return new CollectPushed(false, count);
		});
	}

	@Override
	public CompletableFuture<List<String>> peekCollect(String task, String key) {
		requireKey(key);
		return this.store.read(task, (queue) -> {
			MemoryFlowState.Buffer buffer = queue.flow.existingBuffer(key);
			return (buffer != null) ? List.copyOf(buffer.items) : List.of();
		}, List.of());
	}

	@Override
	public CompletableFuture<@Nullable CollectBuffer> inspectCollect(String task, String key) {
		requireKey(key);
		return this.store.read(task, (queue) -> {
			MemoryFlowState.Buffer buffer = queue.flow.existingBuffer(key);
			return (buffer == null || buffer.items.isEmpty()) ? null
					: new CollectBuffer(buffer.items.size(), buffer.firstAt, buffer.lastAt);
		}, null);
	}

	/**
	 * Turns buffers into waiting jobs now, as if their flush were due: the key's, or
	 * every buffer of the task when {@code key} is {@code null}. Returns the ids of the
	 * jobs the buffers became.
	 */
	CompletableFuture<List<String>> flush(String task, @Nullable String key) {
		return this.store.transition(task, (queue) -> {
			List<String> keys = (key != null) ? List.of(key) : queue.flow.bufferKeys();
			List<String> flushed = new ArrayList<>(keys.size());
			for (String each : keys) {
				String id = flushNow(queue, each);
				if (id != null) {
					flushed.add(id);
				}
			}
			return flushed;
		});
	}

	/**
	 * The buffer as one waiting job (its sentinel, if it still has one); {@code null}
	 * when empty.
	 */
	private static @Nullable String flushNow(MemoryTaskQueue queue, String key) {
		MemoryJob sentinel = findSentinel(queue, key);
		String batch = queue.flow.drain(key);
		if (batch == null) {
			return null;
		}
		if (sentinel == null) {
			String id = UUID.randomUUID().toString();
			queue.enqueue(NewJob.of(id, batch, queue.clock.millis(), 1, 0, 1, 0));
			return id;
		}
		queue.delayed.remove(sentinel.id);
		queue.removeWaiting(sentinel.id);
		sentinel.data = batch;
		sentinel.collectKey = null;
		queue.pushWaiting(sentinel, sentinel.timestamp);
		queue.signalWork();
		queue.emit(WireEvent.WAITING, sentinel.id);
		return sentinel.id;
	}

	private static @Nullable MemoryJob findSentinel(MemoryTaskQueue queue, String key) {
		MemoryFlowState.Buffer buffer = queue.flow.existingBuffer(key);
		String id = (buffer != null) ? queue.flow.sentinel(buffer) : null;
		MemoryJob job = (id != null) ? queue.job(id) : null;
		if (job != null) {
			return job;
		}
		// The sentinel key lapsed while its job still waits: look the job up by its
		// collect key.
		for (MemoryJob each : queue.jobs.values()) {
			if (key.equals(each.collectKey) && (each.state == JobState.DELAYED || each.state == JobState.WAITING)) {
				return each;
			}
		}
		return null;
	}

	private static void requireFree(MemoryTaskQueue queue, NewJob job) {
		if (queue.job(job.id()) != null) {
			throw new IllegalArgumentException("Job id '" + job.id() + "' already exists in task '" + queue.task + "'");
		}
	}

	private static void requireKey(String key) {
		if (key.isBlank()) {
			throw new IllegalArgumentException("flow key must not be blank");
		}
	}

}
