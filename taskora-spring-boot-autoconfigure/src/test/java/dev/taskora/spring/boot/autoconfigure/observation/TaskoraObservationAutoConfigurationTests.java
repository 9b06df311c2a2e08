package dev.taskora.spring.boot.autoconfigure.observation;

import java.time.Duration;

import dev.taskora.engine.Taskora;
import dev.taskora.spring.boot.autoconfigure.ActuatorTestConsumers.EchoConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;
import dev.taskora.spring.core.observation.ObservationMiddleware;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TaskoraObservationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TaskoraAutoConfiguration.class, TaskoraObservationAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory")
		.withBean(EchoConsumer.class);

	@Test
	void observesDispatchAndProcess() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.runner.withBean(ObservationRegistry.class, () -> registry).run(context -> {
			assertThat(context.getBean(Taskora.class).middleware()).hasAtLeastOneElementOfType(ObservationMiddleware.class);
			String id = context.getBean(TaskoraOperations.class).dispatch("echo", "seen").id();
			context.getBean(TaskoraOperations.class).job("echo", id).await(Duration.ofSeconds(10));
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registry)
				.hasObservationWithNameEqualTo("taskora.dispatch")
				.that()
				.hasContextualNameEqualTo("echo dispatch")
				.hasLowCardinalityKeyValue("taskora.task", "echo")
				.hasHighCardinalityKeyValue("taskora.job.id", id)
				.hasBeenStopped());
			assertThat(registry).hasObservationWithNameEqualTo("taskora.process")
				.that()
				.hasContextualNameEqualTo("echo process")
				.hasHighCardinalityKeyValue("taskora.job.id", id)
				.hasHighCardinalityKeyValue("taskora.job.attempt", "1")
				.hasBeenStopped();
		});
	}

	@Test
	void backsOffWithoutAnObservationRegistry() {
		this.runner.run(context -> assertThat(context).doesNotHaveBean(ObservationMiddleware.class));
	}

}
