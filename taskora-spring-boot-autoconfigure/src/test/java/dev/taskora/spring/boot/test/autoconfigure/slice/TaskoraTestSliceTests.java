package dev.taskora.spring.boot.test.autoconfigure.slice;

import java.time.Duration;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.engine.job.LogEntry;
import dev.taskora.engine.testing.ExecutionResult;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTest;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTestHarness;
import dev.taskora.spring.boot.test.autoconfigure.slice.SliceTestApplication.InvoiceConsumer;
import dev.taskora.spring.boot.test.autoconfigure.slice.SliceTestApplication.Invoicing;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@TaskoraTest(properties = "spring.data.redis.url=redis://127.0.0.1:1")
@Import(Invoicing.class)
class TaskoraTestSliceTests {

	@Autowired
	private TaskoraTestHarness harness;

	@Autowired
	private ApplicationContext context;

	@Test
	void bootsConsumersOnTheMemoryAdapterAndLeavesOtherBeansOut() {
		assertThat(this.context.getBeansOfType(InvoiceConsumer.class)).hasSize(1).doesNotContainKey("invoice");
		assertThat(this.context.getBeansOfType(SliceTestApplication.SyncConsumer.class)).hasSize(1);
		assertThat(this.harness.taskora().inspect().adapterName()).isEqualTo("MemoryAdapter");
		assertThat(this.harness.taskora().isRunning()).isTrue();
	}

	@Test
	void executesThroughTheRealWorkerLoopAndReportsEverything() {
		ExecutionResult<Object> execution = this.harness.execute("invoice", "acme");
		assertThat(execution.state()).isEqualTo(JobState.COMPLETED);
		assertThat(execution.result()).isEqualTo("INV-acme");
		assertThat(execution.error()).isNull();
		assertThat(execution.attempts()).isEqualTo(1);
		assertThat(execution.progress()).isEqualTo(100);
		assertThat(execution.logs()).extracting(LogEntry::message).containsExactly("issuing for acme");
		assertThat(execution.timeline().finishedOn()).isNotNull();
		assertThat(this.context.getBean(Invoicing.class).issued).contains("acme");
		InvoiceConsumer consumer = this.context.getBean(InvoiceConsumer.class);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(consumer.completed).extracting(event -> event.id()).contains(execution.id()));
	}

	@Test
	void retriesPassInVirtualTime() {
		long start = this.harness.clock().millis();
		ExecutionResult<Object> execution = this.harness.execute("sync", "orders");
		assertThat(execution.state()).isEqualTo(JobState.COMPLETED);
		assertThat(execution.result()).isEqualTo("synced orders");
		assertThat(execution.attempts()).isEqualTo(3);
		assertThat(this.harness.clock().millis() - start).isGreaterThanOrEqualTo(Duration.ofHours(2).toMillis());
	}

	@Test
	void reportsFailuresWithoutThrowing() {
		ExecutionResult<Object> execution = this.harness.execute("sync", "always-down");
		assertThat(execution.state()).isEqualTo(JobState.FAILED);
		assertThat(execution.error()).contains("remote down (run 3)");
		assertThat(execution.attempts()).isEqualTo(3);
		assertThat(execution.result()).isNull();
	}

	@Test
	void delayedJobsRunWhenVirtualTimeAdvances() {
		ResultHandle<Object> handle = this.harness.dispatch("invoice", "later",
				DispatchOptions.delay(Duration.ofMinutes(30)));
		assertThat(handle.state()).isEqualTo(JobState.DELAYED);
		this.harness.advanceTime(Duration.ofMinutes(31));
		assertThat(handle.await(Duration.ofSeconds(10))).isEqualTo("INV-later");
		JobSnapshot<Object, Object> job = this.harness.inspect(handle.id()).orElseThrow();
		assertThat(job.state()).isEqualTo(JobState.COMPLETED);
		assertThat(job.timeline().processedOn() - job.timeline().ts())
			.isGreaterThanOrEqualTo(Duration.ofMinutes(30).toMillis());
	}

	@Test
	void executeMovesTimePastADelay() {
		ExecutionResult<Object> execution = this.harness.execute("invoice", "scheduled",
				DispatchOptions.delay(Duration.ofDays(1)));
		assertThat(execution.state()).isEqualTo(JobState.COMPLETED);
	}

	@Test
	void jobsAreClearedBetweenTests() {
		assertThat(this.harness.jobs()).isEmpty();
		this.harness.execute("invoice", "once");
		assertThat(this.harness.jobs()).hasSize(1);
	}

}
