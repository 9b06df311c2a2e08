package dev.taskora.spring.boot.test.autoconfigure.slice;

import java.time.Duration;

import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.testing.ExecutionResult;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTest;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTestHarness;
import dev.taskora.spring.boot.test.autoconfigure.slice.SliceTestApplication.Invoicing;
import dev.taskora.spring.boot.test.autoconfigure.slice.SliceTestApplication.ShipConsumer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/** Handler timeouts run on the harness's virtual clock, as delays and backoff do. */
@TaskoraTest
@Import(Invoicing.class)
class TaskoraTestTimeoutTests {

	@Autowired
	private TaskoraTestHarness harness;

	@Autowired
	private ShipConsumer shipping;

	@Test
	void aRunningHandlerTimesOutWhenTheClockIsMovedPastItsTimeout() {
		// "ship" works for two hours with a one-hour timeout: only virtual time lets this
		// pass.
		ResultHandle<Object> handle = this.harness.dispatch("ship", "slow");
		assertThat(this.harness.awaitActive(handle)).isEqualTo(JobState.ACTIVE);
		this.harness.advanceTime(Duration.ofMinutes(59));
		assertThat(handle.state()).isEqualTo(JobState.ACTIVE);
		this.harness.advanceTime(Duration.ofMinutes(1));
		ExecutionResult<Object> execution = this.harness.settle(handle);
		assertThat(execution.state()).isEqualTo(JobState.FAILED);
		assertThat(execution.error()).isEqualTo("Job " + handle.id() + " did not complete within 3600000ms");
		assertThat(execution.attempts()).isEqualTo(1);
		assertThat(this.shipping.interrupted).contains("slow");
		assertThat(execution.timeline().finishedOn() - execution.timeline().processedOn())
			.isGreaterThanOrEqualTo(Duration.ofHours(1).toMillis());
	}

}
