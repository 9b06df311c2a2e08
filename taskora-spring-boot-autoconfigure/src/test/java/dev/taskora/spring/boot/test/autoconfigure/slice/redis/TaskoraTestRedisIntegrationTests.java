package dev.taskora.spring.boot.test.autoconfigure.slice.redis;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.redis.RedisTestServer;
import dev.taskora.engine.job.LogEntry;
import dev.taskora.engine.testing.ExecutionResult;
import dev.taskora.engine.testing.WorkflowStep;
import dev.taskora.engine.workflow.WorkflowHandle;
import dev.taskora.engine.workflow.WorkflowState;
import dev.taskora.engine.workflow.Workflows;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTest;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTestHarness;
import dev.taskora.spring.boot.test.autoconfigure.TestAdapter;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code @TaskoraTest(adapter = REDIS)}: the slice's consumers against a real Redis from
 * spring.data.redis.*.
 */
// tag::redis-slice[]
@TaskoraTest(adapter = TestAdapter.REDIS)
class TaskoraTestRedisIntegrationTests {

	private static final String PREFIX = RedisTestServer.uniquePrefix();

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> RedisTestServer.get().url());
		registry.add("taskora.prefix", () -> PREFIX);
	}

	@Autowired
	private TaskoraTestHarness harness;

	// end::redis-slice[]

	@Autowired
	private StringRedisTemplate redis;

	@Test
	void executesAgainstRedisThroughSpringDataRedis() {
		assertThat(this.harness.taskora().inspect().adapterName()).isEqualTo("RedisAdapter");
		ExecutionResult<Object> execution = this.harness.execute("receipt", "acme");
		assertThat(execution.state()).isEqualTo(JobState.COMPLETED);
		assertThat(execution.result()).isEqualTo("RCPT-acme");
		assertThat(execution.logs()).extracting(LogEntry::message).containsExactly("receipt for acme");
		assertThat(this.redis.keys("*" + PREFIX + "*")).isNotEmpty();
	}

	@Test
	void runsAWorkflowToItsEndOnRedisAndReadsItsSteps() {
		TaskoraOperations operations = this.harness.operations();
		WorkflowHandle<Object> receipts = this.harness
			.execute(Workflows.chain(operations.signature("receipt", "acme"), operations.signature("receipt")));
		assertThat(receipts.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(receipts.result()).isCompletedWithValue("RCPT-RCPT-acme");
		assertThat(this.harness.steps(receipts)).extracting(WorkflowStep::task, WorkflowStep::state)
			.containsExactly(tuple("receipt", JobState.COMPLETED), tuple("receipt", JobState.COMPLETED));
	}

	@Test
	void virtualTimeIsOnlyForTheMemoryAdapter() {
		assertThatIllegalStateException().isThrownBy(() -> this.harness.clock())
			.withMessageContaining("Virtual time needs the memory adapter");
	}

}
