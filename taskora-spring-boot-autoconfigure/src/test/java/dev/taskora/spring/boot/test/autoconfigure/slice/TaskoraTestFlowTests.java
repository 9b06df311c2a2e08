package dev.taskora.spring.boot.test.autoconfigure.slice;

import java.time.Duration;
import java.util.List;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.flow.Debounce;
import dev.taskora.engine.flow.Deduplicate;
import dev.taskora.engine.flow.Throttle;
import dev.taskora.engine.testing.ExecutionResult;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTest;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTestHarness;
import dev.taskora.spring.boot.test.autoconfigure.slice.SliceTestApplication.AuditConsumer;
import dev.taskora.spring.boot.test.autoconfigure.slice.SliceTestApplication.Invoicing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Flow control in a {@code @TaskoraTest}: collect buffers flush on demand, windows pass
 * in virtual time.
 */
@TaskoraTest
@Import(Invoicing.class)
class TaskoraTestFlowTests {

	@Autowired
	private TaskoraTestHarness harness;

	@Autowired
	private AuditConsumer audit;

	@BeforeEach
	void forgetEarlierBatches() {
		// the consumer bean lives as long as the cached context; the harness resets only
		// the store
		this.audit.written.clear();
	}

	@Test
	void flushRunsACollectConsumersBufferAtOnceAndReportsTheBatch() {
		this.harness.dispatch("audit", "login ada");
		this.harness.dispatch("audit", "logout ada");
		long before = this.harness.clock().millis();

		List<ExecutionResult<Object>> batches = this.harness.flush("audit", "audit-log");

		assertThat(batches).singleElement().satisfies(batch -> {
			assertThat(batch.state()).isEqualTo(JobState.COMPLETED);
			assertThat(batch.result()).isEqualTo(2);
		});
		assertThat(this.audit.written).containsExactly(List.of("login ada", "logout ada"));
		assertThat(this.harness.clock().millis()).as("no time passed").isEqualTo(before);
		assertThat(this.harness.flush("audit")).as("nothing left").isEmpty();
	}

	@Test
	void aBatchThatFailsIsRetriedWholeInVirtualTime() {
		this.harness.dispatch("audit", "poison");
		this.harness.dispatch("audit", "fine");

		ExecutionResult<Object> batch = this.harness.flush("audit", "audit-log").get(0);

		assertThat(batch.state()).isEqualTo(JobState.COMPLETED);
		assertThat(batch.attempts()).isEqualTo(2);
		assertThat(this.audit.written).containsExactly(List.of("poison", "fine"));
	}

	@Test
	void theBufferRunsOnItsOwnOnceVirtualTimePassesItsDelay() {
		this.harness.dispatch("audit", "entry");
		assertThat(this.harness.operations().inspectCollect("audit", "audit-log")).isPresent();
		this.harness.advanceTime(Duration.ofMinutes(1));
		org.awaitility.Awaitility.await()
			.atMost(Duration.ofSeconds(10))
			.until(() -> this.audit.written.contains(List.of("entry")));
		assertThat(this.harness.operations().inspectCollect("audit", "audit-log")).isEmpty();
	}

	@Test
	void flushingATaskThatDoesNotCollectFailsNamingIt() {
		assertThatIllegalStateException().isThrownBy(() -> this.harness.flush("invoice", "k"))
			.withMessageContaining("'invoice' does not collect");
	}

	@Test
	void debounceAndThrottleWindowsPassInVirtualTime() {
		DispatchOptions debounced = DispatchOptions.builder()
			.debounce(new Debounce("customer:acme", Duration.ofMinutes(5)))
			.build();
		this.harness.dispatch("invoice", "draft", debounced);
		ResultHandle<Object> last = this.harness.dispatch("invoice", "acme", debounced);
		ExecutionResult<Object> invoiced = this.harness.settle(last);
		assertThat(invoiced.state()).isEqualTo(JobState.COMPLETED);
		assertThat(invoiced.result()).isEqualTo("INV-acme");
		assertThat(this.harness.jobs()).hasSize(1);

		DispatchOptions throttled = DispatchOptions.builder()
			.throttle(new Throttle("invoices", 1, Duration.ofHours(1)))
			.build();
		assertThat(this.harness.dispatch("invoice", "a", throttled).enqueued().join()).isTrue();
		assertThat(this.harness.dispatch("invoice", "b", throttled).enqueued().join()).isFalse();
		this.harness.advanceTime(Duration.ofHours(1));
		assertThat(this.harness.dispatch("invoice", "c", throttled).enqueued().join()).isTrue();
	}

	@Test
	void aDeduplicatedDispatchIsRefusedWhileTheFirstWaits() {
		DispatchOptions once = DispatchOptions.builder()
			.deduplicate(new Deduplicate("invoice:acme"))
			.delay(Duration.ofMinutes(10))
			.build();
		ResultHandle<Object> first = this.harness.dispatch("invoice", "acme", once);
		ResultHandle<Object> again = this.harness.dispatch("invoice", "acme", once);
		assertThat(again.enqueued().join()).isFalse();
		assertThat(again.existingId()).isEqualTo(first.id());
		assertThat(this.harness.settle(first).state()).isEqualTo(JobState.COMPLETED);
		assertThat(this.harness.dispatch("invoice", "acme", once).enqueued().join()).as("released").isTrue();
	}

}
