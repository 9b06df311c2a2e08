package dev.taskora.spring.boot.autoconfigure.endpoint;

import java.time.Duration;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.TaskoraDescriptor;
import dev.taskora.spring.boot.autoconfigure.ActuatorTestConsumers.EchoConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
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
