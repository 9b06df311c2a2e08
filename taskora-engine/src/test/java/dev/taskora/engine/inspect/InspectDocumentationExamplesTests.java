package dev.taskora.engine.inspect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The examples of docs/inspector.md and docs/dead-letter-queue.md, as written there, on
 * an app whose {@code send-email} task has delivered two emails and failed one.
 */
class InspectDocumentationExamplesTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	record Email(String to) {
	}

	record Sent(String messageId) {
	}

	private final List<String> log = new ArrayList<>();

	private Taskora taskora;

	private Task<Email, Sent> sendEmail;

	private String jobId;

	private String failedId;

	@BeforeEach
	void sendEmails() {
		this.taskora = Taskora.builder().adapter(MemoryAdapter.create()).build();
		this.sendEmail = this.taskora.task("send-email", Email.class, Sent.class).handler((email, ctx) -> {
			if (email.to().endsWith("@bounce.example")) {
				throw new IllegalStateException("mailbox unavailable");
			}
			return new Sent("msg-" + email.to());
		});
		this.taskora.start();
		ResultHandle<Sent> delivered = this.sendEmail.dispatch(new Email("ada@example.com"));
		delivered.await(WAIT);
		this.sendEmail.dispatch(new Email("alan@example.com")).await(WAIT);
		ResultHandle<Sent> bounced = this.sendEmail.dispatch(new Email("bob@bounce.example"));
		assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> bounced.await(WAIT));
		this.jobId = delivered.id();
		this.failedId = bounced.id();
	}

	@AfterEach
	void close() {
		this.taskora.close();
	}

	@Test
	void inspectorOverviewExample() {
		Taskora taskora = this.taskora;
		Task<Email, Sent> sendEmail = this.sendEmail;
		String jobId = this.jobId;

		Inspector inspect = taskora.inspect();

		Optional<JobSnapshot<Object, Object>> job = inspect.find(jobId);
		job.ifPresent(j -> this.log.add(j.id() + " is " + j.state() + " after " + j.attempt() + " attempt(s)"));

		JobSnapshot<Email, Sent> typed = inspect.find(sendEmail, jobId).orElseThrow();
		Sent sent = typed.result();

		List<JobSnapshot<Object, Object>> next = inspect.jobs("send-email", JobState.WAITING, Paging.first(20));
		List<JobSnapshot<Email, Sent>> done = inspect.jobs(sendEmail, JobState.COMPLETED, Paging.of(20, 20));
		List<JobSnapshot<Object, Object>> running = inspect.jobs(JobState.ACTIVE, Paging.first(50));

		QueueStats all = inspect.stats();
		QueueStats emails = inspect.stats("send-email");
		Map<JobState, Long> byState = inspect.counts("send-email");
		Map<String, Map<JobState, Long>> everyTask = inspect.counts();

		List<ThroughputBucket> lastHour = inspect.throughput("send-email", 60);
		VersionDistribution versions = inspect.versions("send-email");

		int deleted = inspect.clean("send-email", JobState.COMPLETED, Duration.ofHours(1), 10_000);

		assertThat(this.log).containsExactly(jobId + " is COMPLETED after 1 attempt(s)");
		assertThat(sent).isEqualTo(new Sent("msg-ada@example.com"));
		assertThat(next).isEmpty();
		assertThat(done).as("the second page of 20").isEmpty();
		assertThat(running).isEmpty();
		assertThat(all.completed()).isEqualTo(2);
		assertThat(emails.failed()).isEqualTo(1);
		assertThat(byState).containsEntry(JobState.COMPLETED, 2L).containsEntry(JobState.FAILED, 1L);
		assertThat(everyTask).containsOnlyKeys("send-email");
		assertThat(lastHour).hasSize(60);
		assertThat(lastHour.stream().mapToLong(ThroughputBucket::completed).sum()).isEqualTo(2);
		assertThat(lastHour.stream().mapToLong(ThroughputBucket::failed).sum()).isEqualTo(1);
		assertThat(versions).isNotNull();
		assertThat(deleted).as("none is an hour old").isZero();
	}

	@Test
	void throughputAndCleanExamples() {
		Taskora taskora = this.taskora;
		for (ThroughputBucket minute : taskora.inspect().throughput(15)) {
			this.log.add(minute.minute() + ": " + minute.completed() + " completed, " + minute.failed() + " failed");
		}
		taskora.inspect().clean("send-email", JobState.EXPIRED, Duration.ZERO);
		taskora.inspect().clean("send-email", JobState.COMPLETED, Duration.ofDays(1), 5_000);

		assertThat(this.log).hasSize(15).last().asString().endsWith("2 completed, 1 failed");
		assertThat(taskora.inspect().clean("send-email", JobState.COMPLETED, Duration.ZERO)).isEqualTo(2);
		assertThat(taskora.inspect().stats("send-email").completed()).isZero();
	}

	@Test
	void deadLetterWorkflowExample() {
		Taskora taskora = this.taskora;

		DeadLetters dlq = taskora.deadLetters();

		long failed = taskora.inspect().stats().failed();
		for (ErrorGroup group : dlq.errors()) {
			this.log.add(group.count() + " jobs failed with: " + group.message());
		}

		for (JobSnapshot<Object, Object> job : dlq.list("send-email", Paging.first(10))) {
			this.log.add(job.id() + ": " + job.error() + " (attempt " + job.attempt() + ")");
		}

		int retried = dlq.retryAll("send-email");

		assertThat(failed).isOne();
		assertThat(this.log).containsExactly("1 jobs failed with: mailbox unavailable",
				this.failedId + ": mailbox unavailable (attempt 1)");
		assertThat(retried).isOne();
	}

	@Test
	void retryOneDeadLetterExample() {
		Taskora taskora = this.taskora;
		for (String jobId : List.of(this.failedId, this.jobId, "no-such-job")) {
			switch (taskora.deadLetters().retry(jobId)) {
				case RETRIED -> this.log.add("back in the queue");
				case NOT_RETRYABLE -> this.log.add("neither failed nor cancelled; left as it is");
				case NOT_FOUND -> this.log.add("no such job");
			}
		}
		assertThat(this.log).containsExactly("back in the queue", "neither failed nor cancelled; left as it is",
				"no such job");
		assertThat(taskora.deadLetters().retry(this.sendEmail, this.jobId)).isEqualTo(RetryOutcome.NOT_RETRYABLE);
	}

}
