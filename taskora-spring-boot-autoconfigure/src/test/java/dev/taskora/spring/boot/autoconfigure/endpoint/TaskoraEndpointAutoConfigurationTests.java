package dev.taskora.spring.boot.autoconfigure.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.inspect.ErrorGroup;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.DeadLetterReport;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.JobActionResult;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.JobPage;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.ScheduleActionResult;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.ScheduleDescriptor;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.TaskActionResult;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.TaskoraDescriptor;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.ThroughputReport;
import dev.taskora.spring.boot.autoconfigure.ActuatorTestConsumers.EchoConsumer;
import dev.taskora.spring.boot.autoconfigure.ActuatorTestConsumers.TickConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.boot.autoconfigure.schedule.TaskoraScheduleAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class TaskoraEndpointAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TaskoraAutoConfiguration.class, TaskoraEndpointAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory", "management.endpoints.web.exposure.include=taskora")
		.withBean(EchoConsumer.class);

	@Test
	void listsTasksWithTheirCountsPerState() {
		this.runner.run(context -> {
			context.getBean(TaskoraOperations.class).dispatch("echo", "a").await(WAIT);
			TaskoraDescriptor descriptor = context.getBean(TaskoraEndpoint.class).tasks();
			assertThat(descriptor.running()).isTrue();
			assertThat(descriptor.adapter()).isEqualTo("MemoryAdapter");
			assertThat(descriptor.tasks().get("echo").handled()).isTrue();
			assertThat(descriptor.tasks().get("echo").nonBlocking()).isFalse();
			assertThat(descriptor.tasks().get("echo").counts()).containsEntry("completed", 1L);
		});
	}

	@Test
	void showsOneJobWithDataResultLogsProgressAndTimeline() {
		this.runner.run(context -> {
			ResultHandle<Object> handle = context.getBean(TaskoraOperations.class).dispatch("echo", "look");
			handle.await(WAIT);
			TaskoraEndpoint endpoint = context.getBean(TaskoraEndpoint.class);
			JobSnapshot<?, ?> job = (JobSnapshot<?, ?>) endpoint.job(handle.id());
			assertThat(job.state()).isEqualTo(JobState.COMPLETED);
			assertThat(job.data()).isEqualTo("look");
			assertThat(job.result()).isEqualTo("look");
			assertThat(job.progress()).isEqualTo(50);
			assertThat(job.logs()).hasSize(1);
			assertThat(job.timeline().finishedOn()).isNotNull();
			assertThat(endpoint.job("unknown")).isNull();
		});
	}

	@Test
	void retriesAFailedJobAndCancelsAWaitingOneSayingWhyWhenNothingWasDone() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			TaskoraEndpoint endpoint = context.getBean(TaskoraEndpoint.class);
			ResultHandle<Object> failed = operations.dispatch("echo", "twice");
			assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> failed.await(WAIT));
			assertThat(outcome(endpoint.jobAction(failed.id(), "retry"))).isEqualTo("retried");
			await().atMost(WAIT).until(() -> failed.state() == JobState.COMPLETED);
			assertThat(outcome(endpoint.jobAction(failed.id(), "retry"))).as("completed").isEqualTo("not-retryable");
			assertThat(outcome(endpoint.jobAction("no-such-job", "retry"))).isEqualTo("not-found");
			ResultHandle<Object> later = operations.dispatch("echo", "later",
					DispatchOptions.delay(Duration.ofHours(1)));
			later.enqueued().get();
			assertThat(outcome(endpoint.jobAction(later.id(), "retry"))).as("delayed").isEqualTo("not-retryable");
			assertThat(later.state()).isEqualTo(JobState.DELAYED);
			assertThat(outcome(endpoint.jobActionWithReason(later.id(), "cancel", "not needed")))
				.isEqualTo("cancelled");
			JobSnapshot cancelled = operations.findJob(later.id()).orElseThrow();
			assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
			assertThat(cancelled.cancelReason()).isEqualTo("not needed");
			assertThat(outcome(endpoint.jobAction(later.id(), "retry"))).as("a cancelled job runs again")
				.isEqualTo("retried");
			await().atMost(WAIT).until(() -> later.state() == JobState.COMPLETED);
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.jobAction(later.id(), "pause"));
		});
	}

	@Test
	void listsSchedulesAndPausesResumesAndTriggersThem() {
		this.runner.withConfiguration(AutoConfigurations.of(TaskoraScheduleAutoConfiguration.class))
			.withBean(TickConsumer.class)
			.withPropertyValues("taskora.schedules.echo-hourly.task=tick", "taskora.schedules.echo-hourly.every=1h",
					"taskora.schedules.echo-hourly.on-missed=catch-up")
			.run(context -> {
				TaskoraEndpoint endpoint = context.getBean(TaskoraEndpoint.class);
				TaskoraDescriptor descriptor = endpoint.tasks();
				assertThat(descriptor.tasks().get("tick").nonBlocking()).isTrue();
				assertThat(descriptor.schedules()).containsOnlyKeys("echo-hourly");
				ScheduleDescriptor hourly = descriptor.schedules().get("echo-hourly");
				assertThat(hourly.task()).isEqualTo("tick");
				assertThat(hourly.every()).isEqualTo("PT1H");
				assertThat(hourly.cron()).isNull();
				assertThat(hourly.onMissed()).isEqualTo("catch-up");
				assertThat(hourly.paused()).isFalse();
				assertThat(hourly.nextRun()).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
				assertThat(hourly.problem()).isNull();
				assertThat(((ScheduleDescriptor) endpoint.taskView("schedules", "echo-hourly", null, null, null)))
					.isEqualTo(hourly);
				assertThat(((ScheduleDescriptor) endpoint.taskView("schedules", "unknown", null, null, null))).isNull();

				assertThat(((ScheduleActionResult) endpoint.taskAction("schedules", "echo-hourly", "pause")).outcome())
					.isEqualTo("paused");
				assertThat(
						((ScheduleDescriptor) endpoint.taskView("schedules", "echo-hourly", null, null, null)).paused())
					.isTrue();
				assertThat(((ScheduleActionResult) endpoint.taskAction("schedules", "echo-hourly", "resume")).outcome())
					.isEqualTo("resumed");
				assertThat(((ScheduleDescriptor) endpoint.taskView("schedules", "echo-hourly", null, null, null))
					.nextRun()).isNotNull();
				ScheduleActionResult triggered = (ScheduleActionResult) endpoint.taskAction("schedules", "echo-hourly",
						"trigger");
				assertThat(triggered.outcome()).isEqualTo("triggered");
				assertThat(context.getBean(TaskoraOperations.class).findJob(triggered.jobId())).isPresent();
				assertThat(((ScheduleActionResult) endpoint.taskAction("schedules", "ghost", "pause")).outcome())
					.isEqualTo("not-found");
				assertThatExceptionOfType(InvalidEndpointRequestException.class)
					.isThrownBy(() -> endpoint.taskAction("schedules", "echo-hourly", "remove"));
				assertThatExceptionOfType(InvalidEndpointRequestException.class)
					.isThrownBy(() -> endpoint.taskAction("jobs", "echo-hourly", "pause"));
			});
	}

	@Test
	void aScheduleOfATaskOnlyAnotherProcessDefinesIsListedWithItsProblemAndNotTriggered() {
		this.runner.withConfiguration(AutoConfigurations.of(TaskoraScheduleAutoConfiguration.class))
			.withBean(MemoryAdapter.class, MemoryAdapter::create)
			.run(context -> {
				context.getBean(MemoryAdapter.class)
					.schedules()
					.create("node-only",
							"{\"task\":\"resize\",\"overlap\":false,\"onMissed\":\"skip\",\"every\":60000}",
							System.currentTimeMillis() + 60_000)
					.join();
				TaskoraEndpoint endpoint = context.getBean(TaskoraEndpoint.class);
				assertThat(endpoint.tasks().schedules().get("node-only").problem())
					.contains("task 'resize' is not defined in this process");
				assertThat(((ScheduleActionResult) endpoint.taskAction("schedules", "node-only", "trigger")).outcome())
					.isEqualTo("task-not-defined-here");
			});
	}

	@Test
	void showsDeadLettersGroupedByErrorAPageAtATime() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			TaskoraEndpoint endpoint = context.getBean(TaskoraEndpoint.class);
			for (int i = 0; i < 3; i++) {
				ResultHandle<Object> handle = operations.dispatch("echo", "fail");
				assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> handle.await(WAIT));
			}
			DeadLetterReport all = (DeadLetterReport) endpoint.job("dead-letters");
			assertThat(all.task()).isNull();
			assertThat(all.total()).isEqualTo(3);
			assertThat(all.errors()).containsExactly(new ErrorGroup("asked to fail", 3));
			assertThat(all.jobs()).hasSize(3);
			DeadLetterReport page = (DeadLetterReport) endpoint.taskView("echo", "dead-letters", 2, 1, null);
			assertThat(page.task()).isEqualTo("echo");
			assertThat(page.jobs()).hasSize(2)
				.extracting(JobSnapshot::id)
				.containsExactlyElementsOf(all.jobs().subList(1, 3).stream().map(JobSnapshot::id).toList());
			JobPage failed = (JobPage) endpoint.taskView("echo", "failed", null, null, null);
			assertThat(failed.state()).isEqualTo("failed");
			assertThat(failed.limit()).isEqualTo(20);
			assertThat(failed.jobs()).hasSize(3);
		});
	}

	@Test
	void retriesEveryDeadLetterOfATaskOrOfTheApp() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			TaskoraEndpoint endpoint = context.getBean(TaskoraEndpoint.class);
			List<ResultHandle<Object>> handles = new ArrayList<>();
			for (String data : List.of("twice-a", "twice-b")) {
				ResultHandle<Object> handle = operations.dispatch("echo", data);
				assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> handle.await(WAIT));
				handles.add(handle);
			}
			Object result = endpoint.taskAction("echo", "dead-letters", "retry-all");
			assertThat(result).isEqualTo(new TaskActionResult("echo", "retry-all", 2));
			handles.forEach(handle -> await().atMost(WAIT).until(() -> handle.state() == JobState.COMPLETED));
			assertThat(endpoint.jobAction("dead-letters", "retry-all"))
				.isEqualTo(new TaskActionResult(null, "retry-all", 0));
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.taskAction("nope", "dead-letters", "retry-all"))
				.withMessageContaining("'nope'");
		});
	}

	@Test
	void cleansFinishedJobsOfATask() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			TaskoraEndpoint endpoint = context.getBean(TaskoraEndpoint.class);
			ResultHandle<Object> handle = operations.dispatch("echo", "clean me");
			handle.await(WAIT);
			assertThat(((TaskActionResult) endpoint.taskActionWithOptions("echo", "completed", "clean", "1h", null))
				.count()).as("finished less than an hour ago").isZero();
			assertThat(endpoint.taskAction("echo", "completed", "clean"))
				.isEqualTo(new TaskActionResult("echo", "clean completed", 1));
			assertThat(endpoint.job(handle.id())).isNull();
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.taskAction("echo", "waiting", "clean"))
				.withMessageContaining("state");
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.taskActionWithOptions("echo", "completed", "clean", "soon", null))
				.withMessageContaining("soon");
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.taskActionWithOptions("echo", "completed", "clean", null, -1))
				.withMessageContaining("limit");
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.taskAction("echo", "completed", "purge"));
		});
	}

	@Test
	void showsThroughputPerMinuteOfATaskOrOfTheApp() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			TaskoraEndpoint endpoint = context.getBean(TaskoraEndpoint.class);
			operations.dispatch("echo", "count me").await(WAIT);
			ThroughputReport all = (ThroughputReport) endpoint.job("throughput");
			assertThat(all.minutes()).isEqualTo(60);
			assertThat(all.buckets()).hasSize(60);
			assertThat(all.completed()).isEqualTo(1);
			ThroughputReport echo = (ThroughputReport) endpoint.taskView("echo", "throughput", null, null, 5);
			assertThat(echo.task()).isEqualTo("echo");
			assertThat(echo.buckets()).hasSize(5);
			// in the newest bucket, or the one before when the minute turned since the
			// job completed
			assertThat(echo.completed()).isEqualTo(1);
		});
	}

	@Test
	void answersAnUnknownTaskWithNothingAndBadParametersWithABadRequest() {
		this.runner.run(context -> {
			TaskoraEndpoint endpoint = context.getBean(TaskoraEndpoint.class);
			assertThat(endpoint.taskView("nope", "failed", null, null, null)).isNull();
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.taskView("echo", "failed", 5000, null, null))
				.withMessageContaining("limit");
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.taskView("echo", "failed", null, -1, null))
				.withMessageContaining("offset");
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.taskView("echo", "throughput", null, null, 0))
				.withMessageContaining("minutes");
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.taskView("echo", "everything", null, null, null))
				.withMessageContaining("everything");
		});
	}

	private static String outcome(Object result) {
		return ((JobActionResult) result).outcome();
	}

	@Test
	void isOnlyCreatedWhenExposed() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(TaskoraAutoConfiguration.class, TaskoraEndpointAutoConfiguration.class))
			.withPropertyValues("taskora.adapter=memory")
			.run(context -> assertThat(context).doesNotHaveBean(TaskoraEndpoint.class));
	}

	@Test
	void backsOffWithoutTheActuator() {
		this.runner.withClassLoader(new FilteredClassLoader(Endpoint.class))
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TaskoraEndpoint.class));
	}

}
