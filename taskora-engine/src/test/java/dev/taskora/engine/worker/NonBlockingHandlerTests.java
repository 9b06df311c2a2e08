package dev.taskora.engine.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.retry.Retry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A task whose handlers never block runs them where its jobs arrive, one after another,
 * with nothing interrupting them, and refuses the engine's blocking calls inside them.
 */
class NonBlockingHandlerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final Taskora taskora = Taskora.builder().build();

	@AfterEach
	void close() {
		this.taskora.close();
	}

	@Test
	void handlersRunOffTheHandlerPoolOneAfterAnotherNotInsideEachOther() {
		Set<String> threads = ConcurrentHashMap.newKeySet();
		Set<Integer> depths = ConcurrentHashMap.newKeySet();
		List<Integer> seen = new CopyOnWriteArrayList<>();
		Task<Integer, Integer> task = this.taskora.task("inline", Integer.class, Integer.class)
			.nonBlocking(true)
			.handler((n, ctx) -> {
				threads.add(Thread.currentThread().getName());
				depths.add(Thread.currentThread().getStackTrace().length);
				seen.add(n);
				return n * 2;
			});
		List<Integer> items = new ArrayList<>();
		for (int i = 0; i < 2_000; i++) {
			items.add(i);
		}
		List<ResultHandle<Integer>> handles = task.dispatchMany(items);
		this.taskora.start();
		assertThat(handles.get(1_999).await(WAIT)).isEqualTo(3_998);
		assertThat(seen).containsExactlyElementsOf(items);
		assertThat(threads).noneMatch(name -> name.startsWith("taskora-inline-"));
		// a store that answers at once hands each next job over inside the settle of
		// the one before: it runs after it, at the same depth
		assertThat(depths.stream().mapToInt(Integer::intValue).max().orElseThrow()
				- depths.stream().mapToInt(Integer::intValue).min().orElseThrow())
			.isLessThan(40);
	}

	@Test
	void severalRunAtOnceUpToTheConcurrency() {
		AtomicInteger ran = new AtomicInteger();
		Task<Integer, Integer> task = this.taskora.task("inline-many", Integer.class, Integer.class)
			.nonBlocking(true)
			.concurrency(4)
			.handler((n, ctx) -> {
				ran.incrementAndGet();
				return n;
			});
		this.taskora.start();
		for (int i = 0; i < 500; i++) {
			task.dispatch(i);
		}
		await().atMost(WAIT).until(() -> ran.get() == 500);
	}

	@Test
	void jobsClaimedTogetherRunBeforeTheJobsTheirAcksClaim() {
		List<Integer> seen = new CopyOnWriteArrayList<>();
		Task<Integer, Integer> task = this.taskora.task("inline-order", Integer.class, Integer.class)
			.nonBlocking(true)
			.concurrency(4)
			.handler((n, ctx) -> {
				seen.add(n);
				return n;
			});
		List<Integer> items = List.of(0, 1, 2, 3, 4, 5, 6, 7);
		List<ResultHandle<Integer>> handles = task.dispatchMany(items);
		this.taskora.start();
		handles.forEach((handle) -> handle.await(WAIT));
		// the first claim takes four jobs; each of their acks claims one of the rest
		assertThat(seen).containsExactlyElementsOf(items);
	}

	@Test
	void aCancelledHandlerIsNotInterruptedSeesItAndItsJobEndsCancelled() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		AtomicBoolean interrupted = new AtomicBoolean();
		AtomicBoolean hookRan = new AtomicBoolean();
		Task<Integer, Integer> task = this.taskora.task("inline-cancel", Integer.class, Integer.class)
			.nonBlocking(true)
			.onCancel((n, ctx) -> hookRan.set(true))
			.handler((n, ctx) -> {
				if (n == 1) {
					started.countDown();
					while (!ctx.isCancelled()) {
						Thread.onSpinWait();
					}
					interrupted.set(Thread.currentThread().isInterrupted());
				}
				return n;
			});
		this.taskora.start();
		ResultHandle<Integer> spinning = task.dispatch(1);
		assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		spinning.cancel("enough");
		await().atMost(WAIT).until(() -> spinning.state() == JobState.CANCELLED);
		assertThat(interrupted).isFalse();
		assertThat(hookRan).isTrue();
		assertThat(task.dispatch(2).await(WAIT)).isEqualTo(2);
	}

	@Test
	void aTimedOutHandlerFailsItsJobOnceItReturns() {
		NonBlockingScenarios.aTimedOutHandlerFailsItsJobOnceItReturns(this.taskora);
	}

	@Test
	void aFailedAttemptIsRetried() {
		AtomicInteger attempts = new AtomicInteger();
		Task<Integer, Integer> task = this.taskora.task("inline-retry", Integer.class, Integer.class)
			.nonBlocking(true)
			.retry(Retry.fixed(2, Duration.ofMillis(1)))
			.handler((n, ctx) -> {
				if (attempts.incrementAndGet() == 1) {
					throw new IllegalStateException("first attempt fails");
				}
				return n;
			});
		this.taskora.start();
		assertThat(task.dispatch(7).await(WAIT)).isEqualTo(7);
		assertThat(attempts).hasValue(2);
	}

	@Test
	void waitingForAnotherJobInsideFailsTheJobNamingTheTask() {
		NonBlockingScenarios.waitingForAnotherJobInsideFailsTheJobNamingTheTask(this.taskora);
	}

}
