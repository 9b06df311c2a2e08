package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.worker.NonBlockingScenarios;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
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
		NonBlockingScenarios.aTimedOutHandlerFailsItsJobOnceItReturns(this.app);
	}

	@Test
	void waitingForAnotherJobInsideFailsTheJobInsteadOfStallingTheConnection() {
		this.app = Taskora.builder().adapter(this.adapter).build();
		NonBlockingScenarios.waitingForAnotherJobInsideFailsTheJobNamingTheTask(this.app);
	}

}
