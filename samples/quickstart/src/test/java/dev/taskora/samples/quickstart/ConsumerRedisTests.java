package dev.taskora.samples.quickstart;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.adapter.redis.RedisTestServer;
import dev.taskora.engine.flow.Throttle;
import dev.taskora.engine.flow.ThrottledException;
import dev.taskora.engine.job.LogEntry;
import dev.taskora.engine.schedule.ScheduleInfo;
import dev.taskora.engine.testing.ExecutionResult;
import dev.taskora.samples.quickstart.ChargeCardConsumer.Charge;
import dev.taskora.samples.quickstart.GenerateReportConsumer.ReportRequest;
import dev.taskora.samples.quickstart.ReportArchive.StoredReport;
import dev.taskora.samples.quickstart.SendEmailConsumer.Email;
import dev.taskora.samples.quickstart.SendEmailConsumer.Sent;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTest;
import dev.taskora.spring.boot.test.autoconfigure.TestAdapter;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link ConsumerTests} against a real Redis (the redis profile's
 * {@code taskora.redis.url}), in real time. Redis keeps its own time, so the tests that
 * move the virtual clock on memory observe the same outcome here with waits sized for
 * real time: a retry's backoff passes (2 s), a delay or a throttle window of seconds
 * instead of an hour, the nightly run triggered instead of waited for. Every wait is on a
 * job's handle or its stored state.
 */
@TaskoraTest(adapter = TestAdapter.REDIS)
class ConsumerRedisTests extends ConsumerTests {

	private static final String PREFIX = RedisTestServer.uniquePrefix();

	private static final Duration WAIT = Duration.ofSeconds(30);

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("taskora.redis.url", () -> RedisTestServer.get().url());
		registry.add("taskora.prefix", () -> PREFIX);
	}

	@Test
	@Override
	void emailIsRetriedAfterADroppedConnectionWithBackoffInVirtualTime() {
		ExecutionResult<Object> execution = this.harness.execute("send-email", new Email("ada@example.com", "Welcome"));
		assertThat(execution.state()).isEqualTo(JobState.COMPLETED);
		assertThat(execution.attempts()).isEqualTo(2);
		Sent sent = (Sent) execution.result();
		assertThat(this.mailer.sent()).containsEntry(sent.messageId(), "ada@example.com: Welcome");
		assertThat(execution.logs()).extracting(LogEntry::message)
			.containsExactly("Sending to ada@example.com (attempt 1)", "Sending to ada@example.com (attempt 2)");
		// the 2 s backoff (±25% jitter) passed between the dispatch and the last claim
		assertThat(execution.timeline().processedOn() - execution.timeline().ts()).isGreaterThanOrEqualTo(1_500);
	}

	@Test
	@Override
	void theCardNumberNeverEntersTheJob() {
		Charge charge = charge("4242 4242 4242 4242", 500);
		ExecutionResult<Object> charged = this.harness.execute("charge-card", charge);
		assertThat(this.harness.inspect(charged.id()).orElseThrow().data()).isEqualTo(charge);
		assertThat(charge.cardToken()).startsWith("tok_");
		assertThat(storedData("charge-card", charged.id())).doesNotContain("4242424242424242").contains("**** 4242");
	}

	/** Real time here: long enough to dispatch again while the first waits. */
	@Override
	Duration firstReportDelay() {
		return Duration.ofSeconds(3);
	}

	@Test
	@Override
	void emailsToOneRecipientAreThrottledAndTheWindowPassesInVirtualTime() {
		DispatchOptions throttled = DispatchOptions.builder()
			.throttle(new Throttle("email:eve@example.com", 2, Duration.ofSeconds(2)))
			.throwOnReject(true)
			.build();
		this.harness.dispatch("send-email", new Email("eve@example.com", "1"), throttled);
		this.harness.dispatch("send-email", new Email("eve@example.com", "2"), throttled);
		assertThatExceptionOfType(ThrottledException.class)
			.isThrownBy(() -> this.harness.dispatch("send-email", new Email("eve@example.com", "3"), throttled))
			.satisfies(ex -> assertThat(ex.key()).isEqualTo("email:eve@example.com"));
		// tag::redis-throttle[]
		// the window passes in real time: the store accepts the next email once it has
		ResultHandle<Object> fourth = await().atMost(WAIT)
			.ignoreExceptionsInstanceOf(ThrottledException.class)
			.until(() -> this.harness.dispatch("send-email", new Email("eve@example.com", "4"), throttled),
					handle -> handle.enqueued().join());
		assertThat(this.harness.settle(fourth).state()).isEqualTo(JobState.COMPLETED);
		// end::redis-throttle[]
	}

	@Test
	@Override
	void aDelayedEmailWaitsForItsTime() {
		ResultHandle<Object> handle = this.harness.dispatch("send-email", new Email("bob@example.com", "Later"),
				DispatchOptions.delay(Duration.ofSeconds(2)));
		assertThat(handle.state()).isEqualTo(JobState.DELAYED);
		ExecutionResult<Object> execution = this.harness.settle(handle);
		assertThat(execution.state()).isEqualTo(JobState.COMPLETED);
		assertThat(execution.timeline().processedOn() - execution.timeline().ts())
			.isGreaterThanOrEqualTo(Duration.ofSeconds(2).toMillis());
	}

	@Test
	@Override
	void theNightlyCleanupRunsAtThreeAndDeletesReportsOlderThanAWeek() {
		this.archive.add("/reports/old.pdf", Instant.now().minus(Duration.ofDays(8)));
		this.harness.execute("generate-report", new ReportRequest("ada", "recent", 1, 1));

		ScheduleInfo nightly = this.harness.schedules().find("nightly-cleanup").orElseThrow();
		assertThat(nightly.schedule().cronExpression()).isEqualTo("0 3 * * *");
		assertThat(nightly.nextRun().atZone(ZoneOffset.UTC).toLocalTime()).isEqualTo(LocalTime.of(3, 0));
		// tonight's run, now (what POST
		// /actuator/taskora/schedules/nightly-cleanup/trigger does)
		ExecutionResult<?> run = this.harness.settle(this.harness.schedules().trigger("nightly-cleanup"));

		assertThat(run.state()).isEqualTo(JobState.COMPLETED);
		assertThat(run.result()).isEqualTo(1);
		List<String> kept = this.archive.reports().stream().map(StoredReport::location).toList();
		assertThat(kept).contains("/reports/recent.pdf").doesNotContain("/reports/old.pdf");
	}

	/** The job's payload as Redis stores it: the {@code data} field of its hash. */
	private static String storedData(String task, String jobId) {
		RedisClient client = RedisClient.create(RedisTestServer.get().url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			RedisCommands<String, String> redis = connection.sync();
			List<String> keys = redis.keys("taskora:" + PREFIX + ":{" + task + "}:" + jobId);
			assertThat(keys).as("the job's hash").hasSize(1);
			return redis.hget(keys.get(0), "data");
		}
		finally {
			client.shutdown();
		}
	}

}
