package dev.taskora.spring.boot.test.autoconfigure.slice;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.testing.ExecutionResult;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTest;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTestHarness;
import dev.taskora.spring.boot.test.autoconfigure.slice.SliceTestApplication.Invoicing;
import dev.taskora.spring.boot.test.autoconfigure.slice.SliceTestApplication.ShipConsumer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first test leaves work behind — a running follow-up job its handler dispatched, a
 * job delayed into the future, a moved clock, a pending result waiter — and the second
 * starts from an empty, idle app all the same.
 */
@TaskoraTest
@Import(Invoicing.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TaskoraTestIsolationTests {

	/** A result waiter of the first test's running job. */
	private static @Nullable CompletableFuture<Object> leftWaiting;

	@Autowired
	private TaskoraTestHarness harness;

	@Autowired
	private ShipConsumer shipping;

	@Test
	@Order(1)
	void leavesWorkBehind() {
		assertThat(this.harness.clock().instant()).isEqualTo(this.harness.clock().start());
		ExecutionResult<Object> order = this.harness.execute("order", "o-1");
		assertThat(order.state()).isEqualTo(JobState.COMPLETED);
		// The shipment it dispatched is running (for two hours) when this test ends.
		await().atMost(Duration.ofSeconds(10)).until(() -> this.shipping.running.get() == 1);
		JobRecord shipment = this.harness.jobs()
			.stream()
			.filter(job -> job.task().equals("ship"))
			.findFirst()
			.orElseThrow();
		leftWaiting = this.harness.taskora().job("ship", shipment.id()).result();
		this.harness.dispatch("invoice", "next-month", DispatchOptions.delay(Duration.ofDays(30)));
		this.harness.advanceTime(Duration.ofMinutes(10));
		assertThat(this.harness.jobs()).extracting(JobRecord::state)
			.containsExactlyInAnyOrder(JobState.COMPLETED, JobState.ACTIVE, JobState.DELAYED);
	}

	@Test
	@Order(2)
	void startsFromAnEmptyIdleApp() {
		assertThat(this.harness.jobs()).isEmpty();
		assertThat(this.shipping.running).hasValue(0);
		assertThat(this.shipping.interrupted).contains("o-1");
		assertThat(this.harness.clock().instant()).isEqualTo(this.harness.clock().start());
		assertThat(this.harness.clock().pendingTimers()).isZero();
		assertThat(leftWaiting).isCompletedExceptionally();
		for (String task : new String[] { "order", "ship", "invoice" }) {
			assertThat(this.harness.operations().counts(task)).allSatisfy((state, count) -> assertThat(count).isZero());
		}
		// The workers run again.
		assertThat(this.harness.taskora().isRunning()).isTrue();
		ExecutionResult<Object> invoice = this.harness.execute("invoice", "acme");
		assertThat(invoice.state()).isEqualTo(JobState.COMPLETED);
		assertThat(this.harness.jobs()).hasSize(1);
	}

}
