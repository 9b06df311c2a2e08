package dev.taskora.engine.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.workflow.WorkflowHandle;
import dev.taskora.engine.workflow.WorkflowInfo;
import dev.taskora.engine.workflow.WorkflowOptions;
import dev.taskora.engine.workflow.WorkflowState;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static dev.taskora.engine.workflow.Workflows.chain;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test runner with workflows: steps run in-process and show, TTLs pass in virtual
 * time.
 */
class TestRunnerWorkflowTests {

	private final TestRunner runner = TestRunner.create();

	@AfterEach
	void close() {
		this.runner.close();
	}

	@Test
	void aChainRunsInProcessWithItsStepsVisible() {
		Task<Integer, Integer> add = this.runner.app()
			.task("add", Integer.class, Integer.class)
			.handler((n, ctx) -> n + 3);
		Task<Integer, Integer> doubler = this.runner.app()
			.task("double", Integer.class, Integer.class)
			.handler((n, ctx) -> n * 2);

		WorkflowHandle<Integer> handle = this.runner.dispatch(chain(add.s(4), doubler.s()));

		assertThat(handle.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(handle.await(Duration.ofSeconds(5))).isEqualTo(14);
		assertThat(this.runner.steps()).extracting(WorkflowStep::node, WorkflowStep::task, WorkflowStep::state)
			.containsExactly(Tuple.tuple(0, "add", JobState.COMPLETED), Tuple.tuple(1, "double", JobState.COMPLETED));
	}

	@Test
	void aChunkOfTenThousandItemsRunsItsBatchesOfAHundredOneAfterTheOther() {
		AtomicInteger done = new AtomicInteger();
		List<String> violations = new ArrayList<>();
		Task<Integer, Integer> square = this.runner.app()
			.task("square", Integer.class, Integer.class)
			.handler((n, ctx) -> {
				// batch k may start only once the 100 * k items of the batches before it
				// are
				// done
				if (done.get() < (n / 100) * 100) {
					violations.add("item " + n + " ran with " + done.get() + " items done");
				}
				done.incrementAndGet();
				return n % 7;
			});
		List<Integer> items = IntStream.range(0, 10_000).boxed().toList();

		WorkflowHandle<List<Integer>> handle = square.chunk(items, 100);
		this.runner.processAll();

		assertThat(handle.await(Duration.ofSeconds(30))).isEqualTo(items.stream().map(n -> n % 7).toList());
		assertThat(violations).isEmpty();
		assertThat(done).hasValue(10_000);
	}

	@Test
	void aWorkflowPastItsTtlIsCancelledInVirtualTime() {
		AtomicInteger cleanups = new AtomicInteger();
		Task<Integer, Integer> flaky = this.runner.app()
			.task("flaky", Integer.class, Integer.class)
			.retry(Retry.fixed(3, Duration.ofMinutes(10)))
			.handler((n, ctx) -> {
				throw new IllegalStateException("upstream down");
			});
		Task<Integer, Integer> notify = this.runner.app()
			.task("notify", Integer.class, Integer.class)
			.onCancel((n, ctx) -> cleanups.incrementAndGet())
			.handler((n, ctx) -> n);

		WorkflowHandle<Integer> handle = this.runner.dispatch(chain(flaky.s(1), notify.s()),
				WorkflowOptions.ttl(Duration.ofMinutes(5)));
		assertThat(handle.state()).isEqualTo(WorkflowState.RUNNING);
		this.runner.advanceTime(Duration.ofMinutes(4));
		assertThat(handle.state()).isEqualTo(WorkflowState.RUNNING);
		this.runner.advanceTime(Duration.ofMinutes(1));

		WorkflowInfo info = handle.info();
		assertThat(info.state()).isEqualTo(WorkflowState.CANCELLED);
		assertThat(info.error()).isEqualTo("workflow timeout");
		assertThat(info.nodes()).extracting(WorkflowInfo.Node::state).containsExactly("cancelled", "cancelled");
		assertThat(this.runner.steps()).extracting(WorkflowStep::state)
			.containsExactly(JobState.CANCELLED, JobState.CANCELLED);
		this.runner.advanceTime(Duration.ofHours(1));
		assertThat(this.runner.steps()).extracting(WorkflowStep::state)
			.containsExactly(JobState.CANCELLED, JobState.CANCELLED);
	}

}
