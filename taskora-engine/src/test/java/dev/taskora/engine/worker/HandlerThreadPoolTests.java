package dev.taskora.engine.worker;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The handler threads of {@link HandlerExecutorFactory#platformThreads()}: every task
 * runs, never on more than the pool's size, blocking tasks each get a thread, and
 * shutting down behaves as an {@code ExecutorService}'s does.
 */
class HandlerThreadPoolTests {

	private static final long WAIT_MS = Duration.ofSeconds(10).toMillis();

	private final HandlerThreadPool pool = new HandlerThreadPool("taskora-reports-", 4);

	@AfterEach
	void close() {
		this.pool.shutdownNow();
	}

	@Test
	void runsEveryTaskOnAtMostItsSizeOfNamedDaemonThreads() throws InterruptedException {
		Set<Thread> threads = ConcurrentHashMap.newKeySet();
		CountDownLatch done = new CountDownLatch(10_000);
		for (int i = 0; i < 10_000; i++) {
			this.pool.execute(() -> {
				threads.add(Thread.currentThread());
				done.countDown();
			});
		}

		assertThat(done.await(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
		assertThat(threads).hasSizeBetween(1, 4).allSatisfy(thread -> {
			assertThat(thread.getName()).matches("taskora-reports-[1-4]");
			assertThat(thread.isDaemon()).isTrue();
		});
	}

	@Test
	void tasksThatBlockEachGetAThreadUpToItsSize() throws InterruptedException {
		CountDownLatch running = new CountDownLatch(4);
		CountDownLatch release = new CountDownLatch(1);
		for (int i = 0; i < 4; i++) {
			this.pool.execute(() -> {
				running.countDown();
				awaitQuietly(release);
			});
		}

		assertThat(running.await(WAIT_MS, TimeUnit.MILLISECONDS)).as("all four run at once").isTrue();
		release.countDown();
	}

	@Test
	void idleThreadsTakeTasksThatComeLater() throws InterruptedException {
		for (int round = 0; round < 200; round++) {
			CountDownLatch done = new CountDownLatch(3);
			for (int i = 0; i < 3; i++) {
				this.pool.execute(done::countDown);
			}
			assertThat(done.await(WAIT_MS, TimeUnit.MILLISECONDS)).as("round %d", round).isTrue();
		}
	}

	@Test
	void anInterruptLeftByATaskDoesNotReachTheNextOne() throws InterruptedException {
		HandlerThreadPool single = new HandlerThreadPool("taskora-single-", 1);
		try {
			AtomicBoolean interrupted = new AtomicBoolean(true);
			CountDownLatch done = new CountDownLatch(1);
			single.execute(() -> Thread.currentThread().interrupt());
			single.execute(() -> {
				interrupted.set(Thread.currentThread().isInterrupted());
				done.countDown();
			});

			assertThat(done.await(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
			assertThat(interrupted).isFalse();
		}
		finally {
			single.shutdownNow();
		}
	}

	@Test
	void shutdownNowInterruptsRunningTasksRefusesNewOnesAndTerminates() throws InterruptedException {
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch interrupted = new CountDownLatch(1);
		this.pool.execute(() -> {
			running.countDown();
			try {
				new CountDownLatch(1).await();
			}
			catch (InterruptedException ex) {
				interrupted.countDown();
			}
		});
		assertThat(running.await(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();

		List<Runnable> left = this.pool.shutdownNow();

		assertThat(left).isEmpty();
		assertThat(interrupted.await(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
		assertThat(this.pool.awaitTermination(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
		assertThat(this.pool.isShutdown()).isTrue();
		assertThat(this.pool.isTerminated()).isTrue();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.pool.execute(() -> {
		})).withMessageContaining("taskora-reports-");
	}

	@Test
	void shutdownRunsTheTasksAlreadyGivenThenTerminates() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch done = new CountDownLatch(8);
		for (int i = 0; i < 8; i++) {
			this.pool.execute(() -> {
				awaitQuietly(release);
				done.countDown();
			});
		}

		this.pool.shutdown();
		release.countDown();

		assertThat(done.await(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
		assertThat(this.pool.awaitTermination(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
	}

	@Test
	void aPoolThatRanNothingTerminatesOnShutdown() throws InterruptedException {
		this.pool.shutdown();

		assertThat(this.pool.awaitTermination(WAIT_MS, TimeUnit.MILLISECONDS)).isTrue();
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(WAIT_MS, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
