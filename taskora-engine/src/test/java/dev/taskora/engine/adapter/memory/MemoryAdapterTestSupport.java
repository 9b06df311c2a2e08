package dev.taskora.engine.adapter.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.LockMismatchException;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.Settlement;
import dev.taskora.engine.adapter.WorkWaiter;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The memory adapter under a hand-moved clock, with the helpers its unit tests share. */
abstract class MemoryAdapterTestSupport {

	static final String TASK = "send-email";

	static final long START = 1_700_000_000_000L;

	static final long LOCK_TTL = 30_000;

	final TestClock clock = new TestClock(START);

	final MemoryAdapter adapter = MemoryAdapter.create(this.clock);

	final List<AdapterEvent> events = new CopyOnWriteArrayList<>();

	final AtomicInteger tokens = new AtomicInteger();

	@AfterEach
	void disconnect() {
		this.adapter.disconnect().join();
	}

	// ---- helpers

	long now() {
		return this.clock.millis();
	}

	ClaimRequest request() {
		return new ClaimRequest("token-" + this.tokens.incrementAndGet(), LOCK_TTL, now(), false, false);
	}

	ClaimRequest singleton() {
		return new ClaimRequest("token-" + this.tokens.incrementAndGet(), LOCK_TTL, now(), false, true);
	}

	@Nullable ClaimedJob claim() {
		return this.adapter.jobs().claim(TASK, request()).join();
	}

	void ack(ClaimedJob job, String result) {
		this.adapter.jobs().ack(TASK, new JobCompletion(job.id(), job.token(), result, now()), null).join();
	}

	Settlement fail(ClaimedJob job, String error, long retryDelayMs) {
		return this.adapter.jobs()
			.fail(TASK, new JobFailure(job.id(), job.token(), error, now(), retryDelayMs), null)
			.join();
	}

	JobRecord find(String id) {
		JobRecord record = this.adapter.inspect().findJob(TASK, id).join();
		assertThat(record).as("job %s", id).isNotNull();
		return record;
	}

	Map<JobState, Long> counts() {
		return this.adapter.inspect().countByState(TASK).join();
	}

	void recordEvents() {
		this.adapter.events().subscribe(this.events::add).watch(TASK).join();
	}

	void awaitEvents(int count) {
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() >= count);
	}

	/** Every recorded event as "type jobId". */
	List<String> types() {
		return this.events.stream().map((event) -> event.type().wireName() + " " + event.jobId()).toList();
	}

	static NewJob job(String id, long timestamp) {
		return NewJob.of(id, "{\"id\":\"" + id + "\"}", timestamp, 1, 0, 1, 0);
	}

	static NewJob prioritized(String id, long timestamp, int priority) {
		return NewJob.of(id, "{}", timestamp, 1, priority, 1, 0);
	}

	static NewJob keyed(String id, long timestamp, String key, int limit) {
		return new NewJob(id, "{}", timestamp, 1, 0, 1, 0, 0, key, limit, null, 0);
	}

	static NewJob withTtl(String id, long timestamp, long expireAt) {
		return new NewJob(id, "{}", timestamp, 1, 0, 1, 0, expireAt, null, 0, null, 0);
	}

	static void assertLockMismatch(CompletableFuture<?> future) {
		assertThat(future).isCompletedExceptionally();
		assertThatThrownBy(future::join).isInstanceOf(CompletionException.class)
			.hasCauseInstanceOf(LockMismatchException.class);
	}

	static void assertReturnsQuickly(Awaiting body) throws Exception {
		long started = System.nanoTime();
		body.run();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@FunctionalInterface
	interface Awaiting {

		void run() throws Exception;

	}

	/**
	 * An {@code await} running on its own thread, observed to be parked before the test
	 * goes on.
	 */
	static final class BlockedWait {

		final Thread thread;

		final CompletableFuture<Void> done = new CompletableFuture<>();

		BlockedWait(WorkWaiter waiter, Duration max) {
			this.thread = new Thread(() -> {
				try {
					waiter.await(max);
					this.done.complete(null);
				}
				catch (Throwable ex) {
					this.done.completeExceptionally(ex);
				}
			}, "test-waiter");
			this.thread.setDaemon(true);
		}

		static BlockedWait start(WorkWaiter waiter, Duration max) {
			BlockedWait wait = new BlockedWait(waiter, max);
			wait.thread.start();
			Supplier<Thread.State> state = wait.thread::getState;
			await().atMost(Duration.ofSeconds(5)).until(() -> state.get() == Thread.State.TIMED_WAITING);
			assertThat(wait.done).isNotDone();
			return wait;
		}

		void assertReturnsWithin(Duration timeout) throws Exception {
			this.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}

	}

	/** A clock the test moves by hand. */
	static final class TestClock extends Clock {

		final AtomicLong millis;

		TestClock(long start) {
			this.millis = new AtomicLong(start);
		}

		void advance(long delta) {
			this.millis.addAndGet(delta);
		}

		@Override
		public long millis() {
			return this.millis.get();
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(millis());
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("a test clock has one zone");
		}

	}

}
