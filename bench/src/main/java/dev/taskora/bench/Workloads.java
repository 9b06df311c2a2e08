package dev.taskora.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.redis.RedisAdapter;
import dev.taskora.engine.job.Retention;
import org.jspecify.annotations.Nullable;

/**
 * What each benchmark does, through the public API only, as taskora's
 * {@code packages/bench/src/adapters/taskora.ts} does it: a fresh app per run, handlers
 * that return their input, completion counted in the handler (no polling, no event
 * stream).
 * <p>
 * The processing apps keep every job of the run, as taskora's do (see
 * {@link #keeping(int)}). One deliberate difference: the enqueue benchmarks connect
 * before the clock starts. A Node app connects in a few milliseconds; a JVM app also
 * starts Lettuce's Netty event loops, which says nothing about dispatch throughput.
 */
final class Workloads {

	private static final Duration ENQUEUE_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration LATENCY_TIMEOUT = Duration.ofSeconds(60);

	/** The payload of every benchmark but latency: taskora's {@code { i }}. */
	record Item(int i) {
	}

	/**
	 * The latency payload: taskora's {@code { i, t }}, {@code t} on this JVM's
	 * {@link System#nanoTime()} scale.
	 */
	record Stamped(int i, long t) {
	}

	private final String redisUrl;

	private final BenchStore store;

	private final boolean virtualThreads;

	/** Whether the processing tasks' handlers run where their jobs arrive. */
	private final boolean nonBlocking;

	Workloads(String redisUrl, BenchStore store, boolean virtualThreads, boolean nonBlocking) {
		this.redisUrl = redisUrl;
		this.store = store;
		this.virtualThreads = virtualThreads;
		this.nonBlocking = nonBlocking;
	}

	/** Runs {@code jobs} jobs of the benchmark on a task named {@code task}. */
	Measurement run(Benchmark benchmark, int jobs, String task) throws InterruptedException {
		return switch (benchmark) {
			case ENQUEUE_SINGLE -> enqueueSingle(task, jobs);
			case ENQUEUE_BULK -> enqueueBulk(task, jobs, benchmark.batchSize());
			case PROCESS_SINGLE, PROCESS_CONCURRENT ->
				process(task, jobs, benchmark.concurrency(), benchmark.batchSize());
			case LATENCY -> latency(task, jobs, benchmark.concurrency());
		};
	}

	private Measurement enqueueSingle(String name, int jobs) {
		try (Taskora app = newApp()) {
			Task<Item, Item> task = app.task(name, Item.class, Item.class).register();
			app.connect();
			long memoryBefore = this.store.usedMemory();
			Probe probe = new Probe(this.store);
			probe.start();
			for (int i = 0; i < jobs; i++) {
				join(task.dispatch(new Item(i)).enqueued());
			}
			probe.stop();
			return probe.measurement(jobs, this.store.usedMemory() - memoryBefore, null);
		}
	}

	private Measurement enqueueBulk(String name, int jobs, int batchSize) {
		try (Taskora app = newApp()) {
			Task<Item, Item> task = app.task(name, Item.class, Item.class).register();
			app.connect();
			long memoryBefore = this.store.usedMemory();
			Probe probe = new Probe(this.store);
			probe.start();
			for (int offset = 0; offset < jobs; offset += batchSize) {
				awaitEnqueued(task.dispatchMany(items(offset, Math.min(batchSize, jobs - offset))));
			}
			probe.stop();
			return probe.measurement(jobs, this.store.usedMemory() - memoryBefore, null);
		}
	}

	private Measurement process(String name, int jobs, int concurrency, int loadBatch) throws InterruptedException {
		CountDownLatch done = new CountDownLatch(1);
		AtomicInteger handled = new AtomicInteger();
		try (Taskora app = newApp(keeping(jobs))) {
			Task<Item, Item> task = app.task(name, Item.class, Item.class)
				.concurrency(concurrency)
				.nonBlocking(this.nonBlocking)
				.handler((item, ctx) -> {
					if (handled.incrementAndGet() == jobs) {
						done.countDown();
					}
					return item;
				});
			for (int offset = 0; offset < jobs; offset += loadBatch) {
				awaitEnqueued(task.dispatchMany(items(offset, Math.min(loadBatch, jobs - offset))));
			}
			Probe probe = new Probe(this.store);
			probe.start();
			app.start();
			await(done, PROCESS_TIMEOUT, name, handled, jobs);
			probe.stop();
			return probe.measurement(jobs, -1, null);
		}
	}

	private Measurement latency(String name, int jobs, int concurrency) throws InterruptedException {
		CountDownLatch done = new CountDownLatch(1);
		AtomicInteger slot = new AtomicInteger();
		AtomicInteger handled = new AtomicInteger();
		AtomicLongArray samples = new AtomicLongArray(jobs);
		try (Taskora app = newApp(keeping(jobs))) {
			Task<Stamped, Stamped> task = app.task(name, Stamped.class, Stamped.class)
				.concurrency(concurrency)
				.nonBlocking(this.nonBlocking)
				.handler((stamped, ctx) -> {
					long latency = System.nanoTime() - stamped.t();
					int index = slot.getAndIncrement();
					if (index < jobs) {
						samples.set(index, latency);
					}
					// counted after the sample is stored, so the latch publishes every
					// sample
					if (handled.incrementAndGet() == jobs) {
						done.countDown();
					}
					return stamped;
				});
			app.start();
			Probe probe = new Probe(this.store);
			probe.start();
			for (int i = 0; i < jobs; i++) {
				join(task.dispatch(new Stamped(i, System.nanoTime())).enqueued());
			}
			await(done, LATENCY_TIMEOUT, name, handled, jobs);
			probe.stop();
			long[] latencies = new long[jobs];
			for (int i = 0; i < jobs; i++) {
				latencies[i] = samples.get(i);
			}
			return probe.measurement(jobs, -1, latencies);
		}
	}

	private Taskora newApp() {
		return newApp(Retention.DEFAULT);
	}

	private Taskora newApp(Retention retention) {
		return Taskora.builder()
			.adapter(RedisAdapter.connect(this.redisUrl))
			.retention(retention)
			.shutdownTimeout(Duration.ofSeconds(10))
			.virtualThreads(this.virtualThreads)
			.build();
	}

	/**
	 * The retention taskora's suite gives its processing apps: every job of the run is
	 * kept (completed: an hour, {@code jobs} + 1,000; failed: an hour, 1,000), so neither
	 * library trims while the clock runs.
	 */
	private static Retention keeping(int jobs) {
		Duration hour = Duration.ofHours(1);
		return new Retention(new Retention.Rule(hour, jobs + 1_000), new Retention.Rule(hour, 1_000));
	}

	private static List<Item> items(int offset, int count) {
		List<Item> items = new ArrayList<>(count);
		for (int j = 0; j < count; j++) {
			items.add(new Item(offset + j));
		}
		return items;
	}

	/**
	 * Waits for a batch; its handles share one future, as the batch is one round trip.
	 */
	private static void awaitEnqueued(List<? extends ResultHandle<?>> handles) {
		@Nullable CompletableFuture<Boolean> previous = null;
		for (ResultHandle<?> handle : handles) {
			if (handle.enqueued() != previous) {
				previous = handle.enqueued();
				join(previous);
			}
		}
	}

	private static void join(CompletableFuture<Boolean> enqueued) {
		try {
			enqueued.get(ENQUEUE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while enqueueing", ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Enqueue failed: " + ex.getCause(), ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("Enqueue did not complete in " + ENQUEUE_TIMEOUT.toSeconds() + "s", ex);
		}
	}

	private static void await(CountDownLatch done, Duration timeout, String task, AtomicInteger handled, int jobs)
			throws InterruptedException {
		if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("Task '" + task + "' ran " + handled.get() + " of " + jobs + " jobs in "
					+ timeout.toSeconds() + "s");
		}
	}

}
