package dev.taskora.spring.boot.autoconfigure.endpoint;

import java.time.Duration;

import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraConsumersEndpoint;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraConsumersEndpoint.ConsumerDescriptor;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TaskoraConsumersEndpointTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TaskoraAutoConfiguration.class, TaskoraConsumersEndpointAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory", "management.endpoints.web.exposure.include=taskoraconsumers")
		.withBean(Consumers.class);

	@Test
	void listsEveryConsumerByIdWithItsTaskAndState() {
		this.runner.run(context -> {
			TaskoraConsumersEndpoint endpoint = context.getBean(TaskoraConsumersEndpoint.class);
			assertThat(endpoint.consumers()).containsOnlyKeys("echo", "reports");
			assertThat(endpoint.consumer("reports")).isEqualTo(new ConsumerDescriptor("generate-report",
					"taskoraConsumersEndpointTests.Consumers", false, true, false));
			assertThat(endpoint.consumer("echo").running()).isTrue();
			assertThat(endpoint.consumer("unknown")).isNull();
		});
	}

	@Test
	void pausesAndResumesOneConsumer() {
		this.runner.run(context -> {
			TaskoraConsumersEndpoint endpoint = context.getBean(TaskoraConsumersEndpoint.class);
			assertThat(endpoint.consumerAction("echo", "pause").paused()).isTrue();
			TaskoraOperations taskora = context.getBean(TaskoraOperations.class);
			ResultHandle<Object> waiting = taskora.enqueue("echo", "a");
			assertThat(waiting.state()).isEqualTo(JobState.WAITING);
			assertThat(endpoint.consumerAction("echo", "resume").running()).isTrue();
			assertThat(waiting.await(WAIT)).isEqualTo("a");
			assertThat(endpoint.consumerAction("unknown", "pause")).isNull();
			assertThatExceptionOfType(InvalidEndpointRequestException.class)
				.isThrownBy(() -> endpoint.consumerAction("echo", "restart"))
				.withMessage("Unknown action 'restart' on consumer 'echo'; use pause or resume");
		});
	}

	@Test
	void isNotExposedUnlessAsked() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=health")
			.run(context -> assertThat(context).doesNotHaveBean(TaskoraConsumersEndpoint.class));
	}

	static class Consumers {

		@TaskConsumer("echo")
		String echo(String text) {
			return text;
		}

		@TaskConsumer(name = "generate-report", id = "reports", autoStartup = "false")
		String report(String user) {
			return "report for " + user;
		}

	}

}
