package dev.taskora.samples.quickstart;

import java.time.Duration;
import java.util.List;

import dev.taskora.engine.JobState;
import dev.taskora.engine.testing.WorkflowStep;
import dev.taskora.engine.workflow.WorkflowFailedException;
import dev.taskora.engine.workflow.WorkflowHandle;
import dev.taskora.engine.workflow.WorkflowInfo;
import dev.taskora.engine.workflow.WorkflowState;
import dev.taskora.samples.quickstart.OrderPipeline.OrderRequest;
import dev.taskora.samples.quickstart.OrderPipeline.Shipment;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTest;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTestHarness;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TaskoraTest
@Import({ Mailer.class, PaymentGateway.class, JobAudit.class, ReportArchive.class, OrderPipeline.class })
class OrderPipelineTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	private TaskoraTestHarness harness;

	@Autowired
	private OrderPipeline pipeline;

	@Test
	void anOrderIsValidatedChargedAndReservedInParallelThenShipped() {
		WorkflowHandle<Object> handle = this.pipeline
			.place(new OrderRequest("4111000000000000", 1999, List.of("book")));

		Object shipped = handle.await(WAIT);

		assertThat(shipped).isInstanceOfSatisfying(Shipment.class,
				shipment -> assertThat(shipment.trackingId()).startsWith("trk-res-"));
		assertThat(this.harness.steps()).extracting(WorkflowStep::task, WorkflowStep::state)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("validate-order", JobState.COMPLETED),
					org.assertj.core.groups.Tuple.tuple("charge-order", JobState.COMPLETED),
					org.assertj.core.groups.Tuple.tuple("reserve-stock", JobState.COMPLETED),
					org.assertj.core.groups.Tuple.tuple("ship-order", JobState.COMPLETED));
	}

	@Test
	void aDeclinedCardFailsTheOrderAndNothingShips() {
		WorkflowHandle<Object> handle = this.pipeline
			.place(new OrderRequest(PaymentGateway.DECLINED_CARD, 1999, List.of("book")));

		assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOf(WorkflowFailedException.class);
		WorkflowInfo info = handle.info();
		assertThat(info.state()).isEqualTo(WorkflowState.FAILED);
		assertThat(info.nodes()).extracting(WorkflowInfo.Node::task, WorkflowInfo.Node::state)
			.contains(org.assertj.core.groups.Tuple.tuple("charge-order", "failed"),
					org.assertj.core.groups.Tuple.tuple("ship-order", "cancelled"));
	}

}
