package dev.taskora.spring.boot.autoconfigure;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import dev.taskora.spring.annotation.TaskConsumer;

/** Consumers shared by the actuator, metrics and observation tests. */
public final class ActuatorTestConsumers {

	private ActuatorTestConsumers() {
	}

	/**
	 * Echoes its input; fails on {@code "fail"}, and on the first two runs of an input
	 * starting with {@code "twice"} (two attempts, 1 ms apart).
	 */
	@TaskConsumer(name = "echo", retryAttempts = "2", retryDelay = "1ms")
	public static class EchoConsumer implements TaskHandler<String, String> {

		private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

		@Override
		public String handle(String data, JobContext ctx) {
			int run = this.runs.computeIfAbsent(data, key -> new AtomicInteger()).incrementAndGet();
			if (data.equals("fail") || (data.startsWith("twice") && run <= 2)) {
				throw new IllegalStateException("asked to fail");
			}
			ctx.log().info("echoing " + data);
			ctx.progress(50);
			return data;
		}

	}

	/**
	 * Counts its runs; takes no data, as a task run by a schedule without data does. It
	 * never blocks, so it runs where its jobs arrive.
	 */
	@TaskConsumer(name = "tick", nonBlocking = "true")
	public static class TickConsumer implements TaskHandler<Void, Void> {

		/** How often it ran. */
		public final AtomicInteger runs = new AtomicInteger();

		@Override
		public Void handle(Void data, JobContext ctx) {
			this.runs.incrementAndGet();
			return null;
		}

	}

	/** Blocks until cancelled. */
	@TaskConsumer(name = "block", timeout = "none")
	public static class BlockingConsumer implements TaskHandler<String, String> {

		public final CountDownLatch started = new CountDownLatch(1);

		@Override
		public String handle(String data, JobContext ctx) throws InterruptedException {
			this.started.countDown();
			new CountDownLatch(1).await();
			return data;
		}

	}

}
