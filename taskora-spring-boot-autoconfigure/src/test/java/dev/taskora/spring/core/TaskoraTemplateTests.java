package dev.taskora.spring.core;

import java.time.Duration;
import java.util.List;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.DispatchRequest;
import dev.taskora.engine.JobContext;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.engine.job.LogEntry;
import dev.taskora.engine.workflow.WorkflowHandle;
import dev.taskora.engine.workflow.WorkflowInfo;
import dev.taskora.engine.workflow.WorkflowState;
import dev.taskora.engine.workflow.Workflows;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class TaskoraTemplateTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory")
		.withBean(DoubleConsumer.class)
		.withBean(ReportingConsumer.class)
		.withBean(FlakyConsumer.class)
		.withBean(PatientConsumer.class);

	@Test
	void dispatchesByNameAndByTaskWithTypedHandles() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			assertThat(operations.dispatch("double", 21).await(WAIT)).isEqualTo(42);
			Task<Integer, Integer> task = operations.task("double", Integer.class, Integer.class);
			ResultHandle<Integer> handle = operations.dispatch(task, 5, DispatchOptions.priority(3));
			Integer result = handle.await(WAIT);
			assertThat(result).isEqualTo(10);
		});
	}

	@Test
	void buildsWorkflowsFromTaskNames() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			WorkflowHandle<Object> chained = Workflows
				.chain(operations.signature("double", 3), operations.signature("double"),
						operations.signature("double"))
				.dispatch();
			assertThat(chained.await(WAIT)).isEqualTo(24);
			WorkflowHandle<List<Object>> fanned = Workflows
				.group(operations.signature("double", 1), operations.signature("double", 2))
				.dispatch();
			assertThat(fanned.await(WAIT)).containsExactly(2, 4);
			assertThat(operations.workflows().find(chained.id())).get()
				.extracting(WorkflowInfo::state)
				.isEqualTo(WorkflowState.COMPLETED);
			assertThatIllegalArgumentException().isThrownBy(() -> operations.signature("nope"))
				.withMessageContaining("No task 'nope'");
			assertThatIllegalArgumentException().isThrownBy(() -> operations.signature("double", "three"))
				.withMessageContaining("double");
		});
	}

	@Test
	void enqueueReturnsOnceTheStoreHoldsTheJob() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			ResultHandle<Object> handle = operations.enqueue("report", "weekly",
					DispatchOptions.delay(Duration.ofHours(1)));
			assertThat(handle.enqueued()).isCompletedWithValue(true);
			assertThat(operations.findJob(handle.id())).get()
				.extracting(JobSnapshot::state)
				.isEqualTo(JobState.DELAYED);
			Task<Integer, Integer> task = operations.task("double", Integer.class, Integer.class);
			assertThat(operations.enqueue(task, 4).await(WAIT)).isEqualTo(8);
		});
	}

	@Test
	void dispatchesManyAtOnce() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			Task<Integer, Integer> task = operations.task("double", Integer.class, Integer.class);
			List<ResultHandle<Integer>> many = operations.dispatchMany(task, List.of(1, 2, 3));
			assertThat(many).extracting(handle -> handle.await(WAIT)).containsExactly(2, 4, 6);
			List<ResultHandle<Object>> byName = operations.dispatchMany("double", List.of(4, 5));
			assertThat(byName).extracting(handle -> handle.await(WAIT)).containsExactly(8, 10);
			List<ResultHandle<Integer>> all = operations.dispatchAll(task,
					List.of(DispatchRequest.of(7), DispatchRequest.of(8, DispatchOptions.priority(1))));
			assertThat(all).extracting(handle -> handle.await(WAIT)).containsExactly(14, 16);
		});
	}

	@Test
	void rejectsAnUnknownTaskNamingTheKnownOnes() {
		this.runner.run(context -> assertThatIllegalArgumentException()
			.isThrownBy(() -> context.getBean(TaskoraOperations.class).dispatch("tripple", 1))
			.withMessageContaining("No task 'tripple'")
			.withMessageContaining("[double, flaky, patient, report]"));
	}

	@Test
	void registersAProducerOnlyTaskAndChecksTypesOfAKnownOne() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			Task<String, Void> remote = operations.task("remote", String.class, Void.class);
			assertThat(remote.handler()).isNull();
			ResultHandle<Void> handle = operations.dispatch(remote, "for another process");
			assertThat(handle.enqueued().get()).isTrue();
			assertThat(handle.state()).isEqualTo(JobState.WAITING);
			assertThat(operations.task("remote", String.class, Void.class)).isSameAs(remote);
			assertThatIllegalArgumentException().isThrownBy(() -> operations.task("double", String.class, String.class))
				.withMessageContaining("registered as java.lang.Integer -> java.lang.Integer");
		});
	}

	@Test
	void findsJobsWithDataResultLogsProgressAndTimeline() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			ResultHandle<Object> handle = operations.dispatch("report", "quarterly");
			handle.await(WAIT);
			JobSnapshot<Object, Object> job = operations.findJob(handle.id()).orElseThrow();
			assertThat(job.task()).isEqualTo("report");
			assertThat(job.state()).isEqualTo(JobState.COMPLETED);
			assertThat(job.data()).isEqualTo("quarterly");
			assertThat(job.result()).isEqualTo("quarterly report");
			assertThat(job.progress()).isEqualTo(100);
			assertThat(job.logs()).extracting(LogEntry::message).containsExactly("writing quarterly");
			assertThat(job.timeline().processedOn()).isNotNull();
			assertThat(job.timeline().finishedOn()).isGreaterThanOrEqualTo(job.timeline().processedOn());
			assertThat(job.timeline().ts()).isLessThanOrEqualTo(job.timeline().processedOn());
			assertThat(operations.findJob("no-such-job")).isEmpty();
			assertThat(operations.counts("report")).containsEntry(JobState.COMPLETED, 1L);
		});
	}

	@Test
	void retriesAFailedJob() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			context.getBean(ReportingConsumer.class).failNext = true;
			ResultHandle<Object> handle = operations.dispatch("report", "annual");
			assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> handle.await(WAIT));
			assertThat(operations.retry(handle.id())).isTrue();
			await().atMost(WAIT).until(() -> handle.state() == JobState.COMPLETED);
			assertThat(operations.retry(handle.id())).isFalse();
		});
	}

	@Test
	void cancelsAWaitingJob() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			ResultHandle<Object> handle = operations.dispatch("double", 1, DispatchOptions.delay(Duration.ofHours(1)));
			handle.enqueued().get();
			assertThat(operations.cancel(handle.id(), "changed my mind")).isEqualTo(CancelResult.CANCELLED);
			assertThat(handle.state()).isEqualTo(JobState.CANCELLED);
			JobSnapshot job = operations.findJob(handle.id()).orElseThrow();
			assertThat(job.cancelReason()).isEqualTo("changed my mind");
			assertThat(operations.cancel(handle.id(), "again")).isEqualTo(CancelResult.NOT_CANCELLABLE);
			assertThat(operations.cancel("no-such-job", null)).isEqualTo(CancelResult.NOT_FOUND);
		});
	}

	@Test
	void aJobCompletedOnARetryShowsNoErrorOfTheFailedAttempt() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			ResultHandle<Object> handle = operations.dispatch("flaky", "upload");
			assertThat(handle.await(WAIT)).isEqualTo("upload done");
			JobSnapshot job = operations.findJob(handle.id()).orElseThrow();
			assertThat(job.state()).isEqualTo(JobState.COMPLETED);
			assertThat(job.attempt()).isEqualTo(2);
			assertThat(job.error()).isNull();
		});
	}

	@Test
	void aRetryingJobShowsTheAttemptThatFailedAndWhy() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			ResultHandle<Object> handle = operations.dispatch("patient", "ping");
			await().atMost(WAIT).until(() -> handle.state() == JobState.RETRYING);
			JobSnapshot job = operations.findJob(handle.id()).orElseThrow();
			assertThat(job.attempt()).isEqualTo(1);
			assertThat(job.maxAttempts()).isEqualTo(3);
			assertThat(job.error()).isEqualTo("remote not ready");
			assertThat(context.getBean(PatientConsumer.class).runs).isEqualTo(1);
		});
	}

	@TaskConsumer("double")
	static class DoubleConsumer implements TaskHandler<Integer, Integer> {

		@Override
		public Integer handle(Integer data, JobContext ctx) {
			return data * 2;
		}

	}

	/** Fails the first run of every job, succeeds on the second. */
	@TaskConsumer(name = "flaky", retryAttempts = "2", retryDelay = "1ms")
	static class FlakyConsumer implements TaskHandler<String, String> {

		@Override
		public String handle(String data, JobContext ctx) {
			if (ctx.attempt() == 1) {
				throw new IllegalStateException("connection reset");
			}
			return data + " done";
		}

	}

	/** Always fails, and retries only an hour later. */
	@TaskConsumer(name = "patient", retryAttempts = "3", retryDelay = "1h", retryJitter = "false")
	static class PatientConsumer implements TaskHandler<String, String> {

		volatile int runs;

		@Override
		public String handle(String data, JobContext ctx) {
			this.runs++;
			throw new IllegalStateException("remote not ready");
		}

	}

	@TaskConsumer("report")
	static class ReportingConsumer implements TaskHandler<String, String> {

		volatile boolean failNext;

		@Override
		public String handle(String data, JobContext ctx) {
			if (this.failNext) {
				this.failNext = false;
				throw new IllegalStateException("printer on fire");
			}
			ctx.log().info("writing " + data);
			ctx.progress(100);
			return data + " report";
		}

	}

}
