package dev.taskora.spring.boot.autoconfigure.endpoint;

import java.time.Duration;
import java.time.Instant;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.ScheduleActionResult;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.ScheduleDescriptor;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.TaskoraDescriptor;
import dev.taskora.spring.boot.autoconfigure.ActuatorTestConsumers.EchoConsumer;
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
			assertThat(descriptor.tasks().get("echo").counts()).containsEntry("completed", 1L);
		});
	}

	@Test
	void showsOneJobWithDataResultLogsProgressAndTimeline() {
		this.runner.run(context -> {
			ResultHandle<Object> handle = context.getBean(TaskoraOperations.class).dispatch("echo", "look");
			handle.await(WAIT);
			TaskoraEndpoint endpoint = context.getBean(TaskoraEndpoint.class);
			JobSnapshot<Object, Object> job = endpoint.job(handle.id());
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
	void retriesAFailedJobAndCancelsAWaitingOne() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			TaskoraEndpoint endpoint = context.getBean(TaskoraEndpoint.class);
			ResultHandle<Object> failed = operations.dispatch("echo", "twice");
			assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> failed.await(WAIT));
			assertThat(endpoint.jobAction(failed.id(), "retry").outcome()).isEqualTo("retried");
			await().atMost(WAIT).until(() -> failed.state() == JobState.COMPLETED);
			ResultHandle<Object> later = operations.dispatch("echo", "later", DispatchOptions.delay(Duration.ofHours(1)));
			later.enqueued().get();
			assertThat(endpoint.jobActionWithReason(later.id(), "cancel", "not needed").outcome()).isEqualTo("cancelled");
			JobSnapshot cancelled = operations.findJob(later.id()).orElseThrow();
			assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
			assertThat(cancelled.cancelReason()).isEqualTo("not needed");
			assertThat(endpoint.jobAction(later.id(), "retry").outcome()).isEqualTo("not-failed-or-not-found");
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.jobAction(later.id(), "pause"));
		});
	}

	@Test
	void listsSchedulesAndPausesResumesAndTriggersThem() {
		this.runner.withConfiguration(AutoConfigurations.of(TaskoraScheduleAutoConfiguration.class))
			.withPropertyValues("taskora.schedules.echo-hourly.task=echo", "taskora.schedules.echo-hourly.every=1h",
					"taskora.schedules.echo-hourly.on-missed=catch-up")
			.run(context -> {
				TaskoraEndpoint endpoint = context.getBean(TaskoraEndpoint.class);
				TaskoraDescriptor descriptor = endpoint.tasks();
				assertThat(descriptor.schedules()).containsOnlyKeys("echo-hourly");
				ScheduleDescriptor hourly = descriptor.schedules().get("echo-hourly");
				assertThat(hourly.task()).isEqualTo("echo");
				assertThat(hourly.every()).isEqualTo("PT1H");
				assertThat(hourly.cron()).isNull();
				assertThat(hourly.onMissed()).isEqualTo("catch-up");
				assertThat(hourly.paused()).isFalse();
				assertThat(hourly.nextRun()).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
				assertThat(hourly.problem()).isNull();
				assertThat(endpoint.schedule("schedules", "echo-hourly")).isEqualTo(hourly);
				assertThat(endpoint.schedule("schedules", "unknown")).isNull();

				assertThat(endpoint.scheduleAction("schedules", "echo-hourly", "pause").outcome()).isEqualTo("paused");
				assertThat(endpoint.schedule("schedules", "echo-hourly").paused()).isTrue();
				assertThat(endpoint.scheduleAction("schedules", "echo-hourly", "resume").outcome())
					.isEqualTo("resumed");
				assertThat(endpoint.schedule("schedules", "echo-hourly").nextRun()).isNotNull();
				ScheduleActionResult triggered = endpoint.scheduleAction("schedules", "echo-hourly", "trigger");
				assertThat(triggered.outcome()).isEqualTo("triggered");
				assertThat(context.getBean(TaskoraOperations.class).findJob(triggered.jobId())).isPresent();
				assertThat(endpoint.scheduleAction("schedules", "ghost", "pause").outcome()).isEqualTo("not-found");
				assertThatExceptionOfType(InvalidEndpointRequestException.class)
					.isThrownBy(() -> endpoint.scheduleAction("schedules", "echo-hourly", "remove"));
				assertThatExceptionOfType(InvalidEndpointRequestException.class)
					.isThrownBy(() -> endpoint.scheduleAction("jobs", "echo-hourly", "pause"));
			});
	}

	@Test
	void aScheduleOfATaskOnlyAnotherProcessDefinesIsListedWithItsProblemAndNotTriggered() {
		this.runner.withConfiguration(AutoConfigurations.of(TaskoraScheduleAutoConfiguration.class))
			.withBean(MemoryAdapter.class, MemoryAdapter::create)
			.run(context -> {
				context.getBean(MemoryAdapter.class)
					.schedules()
					.create("node-only", "{\"task\":\"resize\",\"overlap\":false,\"onMissed\":\"skip\",\"every\":60000}",
							System.currentTimeMillis() + 60_000)
					.join();
				TaskoraEndpoint endpoint = context.getBean(TaskoraEndpoint.class);
				assertThat(endpoint.tasks().schedules().get("node-only").problem())
					.contains("task 'resize' is not defined in this process");
				assertThat(endpoint.scheduleAction("schedules", "node-only", "trigger").outcome())
					.isEqualTo("task-not-defined-here");
			});
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
