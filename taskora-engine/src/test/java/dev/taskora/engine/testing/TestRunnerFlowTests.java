package dev.taskora.engine.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.flow.Collect;
import dev.taskora.engine.flow.Debounce;
import dev.taskora.engine.flow.Throttle;
import dev.taskora.engine.retry.Retry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The test runner with flow control: collect buffers flush on demand, windows pass in
 * virtual time.
 */
class TestRunnerFlowTests {

	private final TestRunner runner = TestRunner.create();

	private final List<List<String>> batches = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.runner.close();
	}

	private Task<String, Integer> collecting(Collect<? super String> collect) {
		return this.runner.app().task("batch", String.class, Integer.class).collect(collect).handler((items, ctx) -> {
			this.batches.add(List.copyOf(items));
			return items.size();
		});
	}

	@Test
	void flushRunsABufferAtOnceWithoutMovingTimeAndReportsTheBatch() {
		Task<String, Integer> task = collecting(Collect.byKey("db-inserts", Duration.ofHours(1)));
		this.runner.dispatch(task, "alice");
		this.runner.dispatch(task, "bob");
		Instant before = this.runner.clock().instant();

		List<ExecutionResult<Integer>> flushed = this.runner.flush(task, "db-inserts");

		assertThat(flushed).singleElement().satisfies(batch -> {
			assertThat(batch.state()).isEqualTo(JobState.COMPLETED);
			assertThat(batch.result()).isEqualTo(2);
		});
		assertThat(this.batches).containsExactly(List.of("alice", "bob"));
		assertThat(this.runner.clock().instant()).isEqualTo(before);
		assertThat(task.inspectCollect("db-inserts")).isEmpty();
		assertThat(this.runner.flush(task, "db-inserts")).as("nothing left to flush").isEmpty();
		assertThat(this.batches).hasSize(1);
	}

	@Test
	void flushWithoutAKeyRunsEveryBufferOfTheTask() {
		Task<String, Integer> task = collecting(Collect.<String>by(s -> s.substring(0, 1), Duration.ofHours(1)));
		this.runner.dispatch(task, "a1");
		this.runner.dispatch(task, "b1");
		this.runner.dispatch(task, "a2");

		assertThat(this.runner.flush(task)).extracting(ExecutionResult::result).containsExactly(2, 1);
		assertThat(this.batches).containsExactly(List.of("a1", "a2"), List.of("b1"));
	}

	@Test
	void aFlushedBatchThatFailsIsRetriedInVirtualTime() {
		Task<String, Integer> task = this.runner.app()
			.task("flaky-batch", String.class, Integer.class)
			.retry(Retry.fixed(3, Duration.ofMinutes(1)).jitter(false))
			.collect(Collect.byKey("k", Duration.ofHours(1)))
			.handler((items, ctx) -> {
				this.batches.add(List.copyOf(items));
				if (ctx.attempt() < 3) {
					throw new IllegalStateException("database down");
				}
				return items.size();
			});
		this.runner.dispatch(task, "x");
		this.runner.dispatch(task, "y");

		ExecutionResult<Integer> batch = this.runner.flush(task, "k").get(0);

		assertThat(batch.state()).isEqualTo(JobState.COMPLETED);
		assertThat(batch.attempts()).isEqualTo(3);
		assertThat(this.batches).containsExactly(List.of("x", "y"), List.of("x", "y"), List.of("x", "y"));
	}

	@Test
	void advancingTimePastTheDelayRunsTheBufferAsAWorkerWould() {
		Task<String, Integer> task = collecting(Collect.byKey("k", Duration.ofSeconds(2)));
		this.runner.dispatch(task, "x");
		this.runner.advanceTime(Duration.ofMillis(1999));
		assertThat(this.batches).isEmpty();
		this.runner.advanceTime(Duration.ofMillis(1));
		assertThat(this.batches).containsExactly(List.of("x"));
	}

	@Test
	void runBatchCallsTheBatchHandlerDirectly() {
		Task<String, Integer> task = collecting(Collect.byKey("k", Duration.ofSeconds(2)));
		assertThat(this.runner.runBatch(task, List.of("a", "b", "c"))).isEqualTo(3);
		assertThat(this.batches).containsExactly(List.of("a", "b", "c"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.runner.run(task, "a"))
			.withMessageContaining("runBatch");
	}

	@Test
	void flushingATaskThatDoesNotCollectIsAnError() {
		Task<String, String> plain = this.runner.app().task("plain", String.class, String.class).handler((s, ctx) -> s);
		assertThatIllegalStateException().isThrownBy(() -> this.runner.flush(plain, "k"))
			.withMessageContaining("plain");
		assertThatIllegalArgumentException().isThrownBy(() -> this.runner.runBatch(plain, List.of("a")))
			.withMessageContaining("run(task, data)");
	}

	@Test
	void debouncedDispatchesRunOnceInVirtualTime() {
		List<String> ran = new CopyOnWriteArrayList<>();
		Task<String, String> index = this.runner.app().task("reindex", String.class, String.class).handler((s, ctx) -> {
			ran.add(s);
			return s;
		});
		DispatchOptions debounce = DispatchOptions.builder()
			.debounce(new Debounce("doc-7", Duration.ofSeconds(2)))
			.build();
		for (int version = 1; version <= 5; version++) {
			this.runner.dispatch(index, "v" + version, debounce);
		}
		this.runner.advanceTime(Duration.ofSeconds(2));
		assertThat(ran).containsExactly("v5");
	}

	@Test
	void theResultOfADebouncedJobFailsNamingTheDispatchThatReplacedIt() {
		Task<String, String> index = this.runner.app()
			.task("reindex", String.class, String.class)
			.handler((s, ctx) -> s);
		DispatchOptions debounce = DispatchOptions.builder()
			.debounce(new Debounce("doc-8", Duration.ofSeconds(2)))
			.build();
		ResultHandle<String> replaced = this.runner.dispatch(index, "v1", debounce);
		// the memory store answers at once: the wait is set up, and has read the job,
		// before the replacement
		replaced.result();
		ResultHandle<String> replacement = this.runner.dispatch(index, "v2", debounce);

		assertThatThrownBy(() -> replaced.await(Duration.ofSeconds(10))).isInstanceOf(JobFailedException.class)
			.hasMessage("Job " + replaced.id() + " of task 'reindex' was replaced by job " + replacement.id()
					+ ", a later dispatch with the same debounce key");
		this.runner.advanceTime(Duration.ofSeconds(2));
		assertThat(replacement.await(Duration.ofSeconds(10))).isEqualTo("v2");
	}

	@Test
	void aThrottleWindowPassesInVirtualTime() {
		Task<String, String> call = this.runner.app().task("call", String.class, String.class).handler((s, ctx) -> s);
		DispatchOptions throttle = DispatchOptions.builder()
			.throttle(new Throttle("api", 1, Duration.ofMinutes(1)))
			.build();
		assertThat(this.runner.dispatch(call, "a", throttle).enqueued().join()).isTrue();
		assertThat(this.runner.dispatch(call, "b", throttle).enqueued().join()).isFalse();
		this.runner.advanceTime(Duration.ofMinutes(1));
		assertThat(this.runner.dispatch(call, "c", throttle).enqueued().join()).isTrue();
	}

}
