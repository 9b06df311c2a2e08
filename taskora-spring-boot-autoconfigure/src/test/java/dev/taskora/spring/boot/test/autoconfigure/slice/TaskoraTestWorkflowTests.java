package dev.taskora.spring.boot.test.autoconfigure.slice;

import java.time.Duration;

import dev.taskora.engine.JobState;
import dev.taskora.engine.testing.WorkflowStep;
import dev.taskora.engine.workflow.WorkflowHandle;
import dev.taskora.engine.workflow.WorkflowOptions;
import dev.taskora.engine.workflow.WorkflowState;
import dev.taskora.engine.workflow.Workflows;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTest;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTestHarness;
import dev.taskora.spring.boot.test.autoconfigure.slice.SliceTestApplication.Invoicing;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Workflows in a {@code @TaskoraTest}: the harness dispatches one, runs it to its end
 * through its steps' retries in virtual time, and reads its state and steps.
 */
@TaskoraTest
@Import(Invoicing.class)
class TaskoraTestWorkflowTests {

	@Autowired
	private TaskoraTestHarness harness;

	@Test
	void executeRunsAWorkflowToItsEndThroughItsStepsRetriesInVirtualTime() {
		// tag::harness-workflow[]
		TaskoraOperations operations = this.harness.operations();
		long before = this.harness.clock().millis();

		WorkflowHandle<Object> billing = this.harness
			.execute(Workflows.chain(operations.signature("sync", "acme"), operations.signature("invoice")));

		assertThat(billing.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(billing.result()).isCompletedWithValue("INV-synced acme");
		assertThat(this.harness.steps(billing)).extracting(WorkflowStep::task, WorkflowStep::state)
			.containsExactly(tuple("sync", JobState.COMPLETED), tuple("invoice", JobState.COMPLETED));
		// sync failed twice, an hour apart: two hours passed on the virtual clock
		assertThat(this.harness.clock().millis() - before).isGreaterThanOrEqualTo(Duration.ofHours(2).toMillis());
		// end::harness-workflow[]
	}

	@Test
	void aWorkflowWhoseStepFailsForGoodEndsFailedWithTheRestCancelled() {
		TaskoraOperations operations = this.harness.operations();
		WorkflowHandle<Object> billing = this.harness.dispatch(
				Workflows.chain(operations.signature("sync", "always-down"), operations.signature("invoice")),
				new WorkflowOptions(null, "nightly-billing"));

		this.harness.settle(billing);

		assertThat(billing.state()).isEqualTo(WorkflowState.FAILED);
		assertThat(billing.info().name()).isEqualTo("nightly-billing");
		assertThat(this.harness.steps(billing)).extracting(WorkflowStep::task, WorkflowStep::state)
			.containsExactly(tuple("sync", JobState.FAILED), tuple("invoice", JobState.CANCELLED));
		assertThat(this.harness.steps()).extracting(WorkflowStep::workflowId).containsOnly(billing.id());
	}

}
