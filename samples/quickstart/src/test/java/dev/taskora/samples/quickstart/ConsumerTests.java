package dev.taskora.samples.quickstart;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Map;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.flow.Deduplicate;
import dev.taskora.engine.flow.Throttle;
import dev.taskora.engine.flow.ThrottledException;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.engine.job.LogEntry;
import dev.taskora.engine.schedule.ScheduleInfo;
import dev.taskora.engine.testing.ExecutionResult;
import dev.taskora.samples.quickstart.ChargeCardConsumer.Charge;
import dev.taskora.samples.quickstart.ChargeCardConsumer.Receipt;
import dev.taskora.samples.quickstart.GenerateReportConsumer.Report;
import dev.taskora.samples.quickstart.GenerateReportConsumer.ReportRequest;
import dev.taskora.samples.quickstart.PaymentGateway.CardToken;
import dev.taskora.samples.quickstart.ReportArchive.StoredReport;
import dev.taskora.samples.quickstart.SendEmailConsumer.Email;
import dev.taskora.samples.quickstart.SendEmailConsumer.Sent;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTest;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTestHarness;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@TaskoraTest
@Import({ Mailer.class, PaymentGateway.class, JobAudit.class, ReportArchive.class })
class ConsumerTests {

	@Autowired
	TaskoraTestHarness harness;

	@Autowired
	Mailer mailer;

	@Autowired
	PaymentGateway gateway;

	@Autowired
	ReportArchive archive;

	@Test
	void emailIsRetriedAfterADroppedConnectionWithBackoffInVirtualTime() {
		long start = this.harness.clock().millis();
		ExecutionResult<Object> execution = this.harness.execute("send-email", new Email("ada@example.com", "Welcome"));
		assertThat(execution.state()).isEqualTo(JobState.COMPLETED);
		assertThat(execution.attempts()).isEqualTo(2);
		Sent sent = (Sent) execution.result();
		assertThat(this.mailer.sent()).containsEntry(sent.messageId(), "ada@example.com: Welcome");
		assertThat(execution.logs()).extracting(LogEntry::message)
			.containsExactly("Sending to ada@example.com (attempt 1)", "Sending to ada@example.com (attempt 2)");
		// The 2 s backoff (±25% jitter) passed on the virtual clock, not in the test's
		// time.
		assertThat(this.harness.clock().millis() - start).isGreaterThanOrEqualTo(1_500);
	}

	@Test
	void reportLogsPageByPageAndReportsProgress() {
		ExecutionResult<Object> execution = this.harness.execute("generate-report",
				new ReportRequest("ada", "q3", 3, 1));
		assertThat(execution.state()).isEqualTo(JobState.COMPLETED);
		assertThat(execution.result()).isEqualTo(new Report("q3", 3, "/reports/q3.pdf"));
		assertThat(execution.progress()).isEqualTo(Map.of("page", 3, "of", 3, "percent", 100));
		assertThat(execution.logs()).extracting(LogEntry::message)
			.containsExactly("Rendering q3", "Rendered page 1 of 3", "Rendered page 2 of 3", "Rendered page 3 of 3",
					"Rendered q3");
	}

	@Test
	void theReadmeCardIsCharged() {
		ExecutionResult<Object> charged = this.harness.execute("charge-card", charge("4111000000000000", 100));
		assertThat(charged.state()).isEqualTo(JobState.COMPLETED);
		Receipt receipt = (Receipt) charged.result();
		assertThat(receipt.card()).isEqualTo("**** 0000");
		assertThat(receipt.amountCents()).isEqualTo(100);
		assertThat(receipt.chargeId()).startsWith("ch_");
		assertThat(charged.logs()).extracting(LogEntry::message).containsExactly("Charged 100 cents to **** 0000");
	}

	@Test
	void theDeclinedTestCardFailsAtOnceIntoTheFailedSet() {
		ExecutionResult<Object> declined = this.harness.execute("charge-card",
				charge(PaymentGateway.DECLINED_CARD, 1999));
		assertThat(declined.state()).isEqualTo(JobState.FAILED);
		assertThat(declined.attempts()).isEqualTo(1);
		assertThat(declined.error()).isEqualTo("Card **** 0002 was declined");
		assertThat(this.harness.operations().counts("charge-card")).containsEntry(JobState.FAILED, 1L);
	}

	@Test
	void theCardNumberNeverEntersTheJob() {
		Charge charge = charge("4242 4242 4242 4242", 500);
		ExecutionResult<Object> charged = this.harness.execute("charge-card", charge);
		JobSnapshot<Object, Object> job = this.harness.inspect(charged.id()).orElseThrow();
		assertThat(job.data()).isEqualTo(charge);
		assertThat(charge.cardToken()).startsWith("tok_");
		assertThat(this.harness.jobs()).singleElement()
			.satisfies(stored -> assertThat(stored.data()).doesNotContain("4242424242424242").contains("**** 4242"));
	}

	Charge charge(String cardNumber, long amountCents) {
		CardToken card = this.gateway.tokenize(cardNumber);
		return new Charge(card.token(), card.masked(), amountCents);
	}

	/**
	 * How long the first report waits before it runs, so that it is still on its way when
	 * the user asks again: a minute of virtual time here.
	 */
	Duration firstReportDelay() {
		return Duration.ofMinutes(1);
	}

	@Test
	void aSecondReportForTheSameUserIsTheFirstOneWhileThatIsOnItsWay() {
		DispatchOptions perUser = DispatchOptions.builder().deduplicate(new Deduplicate("report:ada")).build();
		ResultHandle<Object> first = this.harness.dispatch("generate-report", new ReportRequest("ada", "q3", 1, 1),
				perUser.toBuilder().delay(firstReportDelay()).build());
		ResultHandle<Object> again = this.harness.dispatch("generate-report", new ReportRequest("ada", "q3", 1, 1),
				perUser);
		assertThat(again.enqueued().join()).isFalse();
		assertThat(again.existingId()).isEqualTo(first.id());
		ResultHandle<Object> otherUser = this.harness.dispatch("generate-report", new ReportRequest("bob", "q3", 1, 1),
				DispatchOptions.builder().deduplicate(new Deduplicate("report:bob")).build());
		assertThat(otherUser.enqueued().join()).isTrue();

		assertThat(this.harness.settle(first).state()).isEqualTo(JobState.COMPLETED);
		ResultHandle<Object> next = this.harness.dispatch("generate-report", new ReportRequest("ada", "q4", 1, 1),
				perUser);
		assertThat(next.enqueued().join()).as("the key was released when the first report completed").isTrue();
		assertThat(this.harness.settle(next).state()).isEqualTo(JobState.COMPLETED);
	}

	@Test
	void emailsToOneRecipientAreThrottledAndTheWindowPassesInVirtualTime() {
		DispatchOptions throttled = DispatchOptions.builder()
			.throttle(new Throttle("email:eve@example.com", 2, Duration.ofHours(1)))
			.throwOnReject(true)
			.build();
		this.harness.dispatch("send-email", new Email("eve@example.com", "1"), throttled);
		this.harness.dispatch("send-email", new Email("eve@example.com", "2"), throttled);
		assertThatExceptionOfType(ThrottledException.class)
			.isThrownBy(() -> this.harness.dispatch("send-email", new Email("eve@example.com", "3"), throttled))
			.satisfies(ex -> assertThat(ex.key()).isEqualTo("email:eve@example.com"));
		this.harness.advanceTime(Duration.ofHours(1));
		ExecutionResult<Object> sent = this.harness.execute("send-email", new Email("eve@example.com", "4"), throttled);
		assertThat(sent.state()).isEqualTo(JobState.COMPLETED);
	}

	@Test
	void aDelayedEmailWaitsForItsTime() {
		ResultHandle<Object> handle = this.harness.dispatch("send-email", new Email("bob@example.com", "Later"),
				DispatchOptions.delay(Duration.ofHours(1)));
		assertThat(handle.state()).isEqualTo(JobState.DELAYED);
		ExecutionResult<Object> execution = this.harness.settle(handle);
		assertThat(execution.state()).isEqualTo(JobState.COMPLETED);
		assertThat(execution.timeline().processedOn() - execution.timeline().ts())
			.isGreaterThanOrEqualTo(Duration.ofHours(1).toMillis());
	}

	@Test
	void theNightlyCleanupRunsAtThreeAndDeletesReportsOlderThanAWeek() {
		this.harness.execute("generate-report", new ReportRequest("ada", "old", 1, 1));
		this.harness.advanceTime(Duration.ofDays(5));
		this.harness.execute("generate-report", new ReportRequest("ada", "recent", 1, 1));

		// eight nights pass; each night's run is done when advanceTime returns
		this.harness.advanceTime(Duration.ofDays(3));

		assertThat(this.archive.reports()).extracting(StoredReport::location).containsExactly("/reports/recent.pdf");
		assertThat(this.harness.jobs()).filteredOn(job -> job.task().equals("cleanup-reports"))
			.hasSize(8)
			.allSatisfy(job -> {
				assertThat(job.state()).isEqualTo(JobState.COMPLETED);
				assertThat(Instant.ofEpochMilli(job.timestamp()).atZone(ZoneOffset.UTC).toLocalTime())
					.isEqualTo(LocalTime.of(3, 0));
			});
		ScheduleInfo nightly = this.harness.schedules().find("nightly-cleanup").orElseThrow();
		assertThat(nightly.schedule().cronExpression()).isEqualTo("0 3 * * *");
		assertThat(nightly.nextRun()).isEqualTo(nightly.lastRun().plus(Duration.ofDays(1)));
	}

}
