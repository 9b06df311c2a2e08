package dev.taskora.spring.boot.autoconfigure.observation;

import java.time.Duration;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobTimeoutException;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.Taskora;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.ActuatorTestConsumers.EchoConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;
import dev.taskora.spring.core.observation.ObservationMiddleware;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class TaskoraObservationAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TaskoraAutoConfiguration.class, TaskoraObservationAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory")
		.withBean(EchoConsumer.class);

	@Test
	void observesDispatchAndProcessTaggedWithTheTaskAsMetersAre() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.runner.withBean(ObservationRegistry.class, () -> registry).run(context -> {
			assertThat(context.getBean(Taskora.class).middleware())
				.hasAtLeastOneElementOfType(ObservationMiddleware.class);
			String id = context.getBean(TaskoraOperations.class).dispatch("echo", "seen").id();
			context.getBean(TaskoraOperations.class).job("echo", id).await(WAIT);
			await().atMost(WAIT)
				.untilAsserted(() -> assertThat(registry).hasObservationWithNameEqualTo("taskora.dispatch")
					.that()
					.hasContextualNameEqualTo("echo dispatch")
					.hasLowCardinalityKeyValue("task", "echo")
					.doesNotHaveLowCardinalityKeyValueWithKey("taskora.task")
					.hasHighCardinalityKeyValue("taskora.job.id", id)
					.hasBeenStopped());
			assertThat(registry).hasObservationWithNameEqualTo("taskora.process")
				.that()
				.hasContextualNameEqualTo("echo process")
				.hasLowCardinalityKeyValue("task", "echo")
				.doesNotHaveLowCardinalityKeyValueWithKey("taskora.task")
				.hasHighCardinalityKeyValue("taskora.job.id", id)
				.hasHighCardinalityKeyValue("taskora.job.attempt", "1")
				.hasBeenStopped();
		});
	}

	@Test
	void tagsARunStoppedByItsTimeoutAsATimeout() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		this.runner.withBean(ObservationRegistry.class, () -> registry).withBean(SlowConsumer.class).run(context -> {
			ResultHandle<Object> handle = context.getBean(TaskoraOperations.class).dispatch("slow", "report");
			assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> handle.await(WAIT))
				.withMessageContaining("did not complete within 100ms");
			Meter.Id timer = meters.get("taskora.process").timer().getId();
			assertThat(timer.getTag("error")).isEqualTo(JobTimeoutException.class.getSimpleName());
			assertThat(timer.getTag("task")).isEqualTo("slow");
		});
	}

	@Test
	void backsOffWithoutAnObservationRegistry() {
		this.runner.run(context -> assertThat(context).doesNotHaveBean(ObservationMiddleware.class));
	}

	/** Works longer than its timeout allows. */
	@TaskConsumer(name = "slow", timeout = "100ms")
	static class SlowConsumer implements TaskHandler<String, String> {

		@Override
		public String handle(String data, JobContext ctx) throws InterruptedException {
			Thread.sleep(WAIT.toMillis());
			return data;
		}

	}

}
