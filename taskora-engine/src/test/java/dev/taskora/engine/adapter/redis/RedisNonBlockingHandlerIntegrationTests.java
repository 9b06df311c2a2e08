package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.retry.Retry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A non-blocking task's handlers run on Lettuce's event loop, where the claim's reply is
 * read, and settle from there; what a Node process reads of the jobs is what any worker
 * writes.
 */
class RedisNonBlockingHandlerIntegrationTests extends RedisIntegrationTestSupport {

	private Taskora app;

	@AfterEach
	void closeApp() {
		if (this.app != null) {
			this.app.close(Duration.ofSeconds(1));
		}
	}

	@Test
	void handlersRunOnTheEventLoopAndTheirJobsEndCompleted() {
		this.app = Taskora.builder().adapter(this.adapter).build();
		Set<String> threads = ConcurrentHashMap.newKeySet();
		AtomicInteger ran = new AtomicInteger();
		Task<Integer, Integer> one = this.app.task("inline-one", Integer.class, Integer.class)
			.nonBlocking(true)
			.handler((n, ctx) -> {
				threads.add(Thread.currentThread().getName());
				ran.incrementAndGet();
				return n + 1;
			});
		Task<Integer, Integer> four = this.app.task("inline-four", Integer.class, Integer.class)
			.nonBlocking(true)
			.concurrency(4)
			.handler((n, ctx) -> {
				threads.add(Thread.currentThread().getName());
				ran.incrementAndGet();
				return n + 1;
			});
		this.app.start();
		for (int i = 0; i < 200; i++) {
			one.dispatch(i);
			four.dispatch(i);
		}
		await().atMost(WAIT).until(() -> ran.get() == 400);
		ResultHandle<Integer> last = one.dispatch(1_000);
		assertThat(last.await(WAIT)).isEqualTo(1_001);
		// never a handler thread; Lettuce's event loop for every job whose claim was
		// answered after the worker asked (a claim answered first runs where it was sent)
		assertThat(threads).noneMatch(name -> name.startsWith("taskora-inline-"))
			.anyMatch(name -> name.startsWith("lettuce-"));
		assertThat(raw.commands().hget(keys("inline-one").job(last.id()), "state")).isEqualTo("completed");
		assertThat(raw.commands().llen(keys("inline-one").active())).isZero();
		assertThat(raw.commands().llen(keys("inline-four").active())).isZero();
	}

	@Test
	void aTimedOutHandlerFailsItsJobOnceItReturns() {
		this.app = Taskora.builder().adapter(this.adapter).build();
		Task<Integer, Integer> task = this.app.task("inline-timeout", Integer.class, Integer.class)
			.nonBlocking(true)
			.timeout(Duration.ofMillis(50))
			.retry(Retry.none())
			.handler((n, ctx) -> {
				while (n == 1 && !ctx.isCancelled()) {
					Thread.onSpinWait();
				}
				return n;
			});
		this.app.start();
		ResultHandle<Integer> handle = task.dispatch(1);
		assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOf(JobFailedException.class)
			.hasMessageContaining("did not complete within 50ms");
		assertThat(handle.state()).isEqualTo(JobState.FAILED);
		assertThat(task.dispatch(2).await(WAIT)).isEqualTo(2);
	}

	@Test
	void waitingForAnotherJobInsideFailsTheJobInsteadOfStallingTheConnection() {
		this.app = Taskora.builder().adapter(this.adapter).build();
		Task<Integer, Integer> other = this.app.task("elsewhere", Integer.class, Integer.class).register();
		Task<Integer, Integer> task = this.app.task("inline-waits", Integer.class, Integer.class)
			.nonBlocking(true)
			.retry(Retry.none())
			.handler((n, ctx) -> other.dispatch(n).await(WAIT));
		this.app.start();
		assertThatThrownBy(() -> task.dispatch(1).await(WAIT)).isInstanceOf(JobFailedException.class)
			.hasMessageContaining("Task 'inline-waits' is non-blocking");
	}

}
