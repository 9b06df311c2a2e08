package dev.taskora.spring.boot.autoconfigure.metrics;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.Middleware;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Taskora;
import dev.taskora.spring.boot.autoconfigure.ActuatorTestConsumers.BlockingConsumer;
import dev.taskora.spring.boot.autoconfigure.ActuatorTestConsumers.EchoConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.CancelResult;
import dev.taskora.spring.core.TaskoraOperations;
import dev.taskora.spring.core.metrics.TaskoraMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class TaskoraMetricsAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class, TaskoraMetricsAutoConfiguration.class,
				MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
				SimpleMetricsExportAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory")
		.withBean(EchoConsumer.class)
		.withBean(BlockingConsumer.class);

	@Test
	void countsOutcomesAndGaugesQueues() {
		this.runner.run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			operations.dispatch("echo", "one").await(WAIT);
			operations.dispatch("echo", "two").await(WAIT);
			ResultHandle<Object> failing = operations.dispatch("echo", "fail");
			assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> failing.await(WAIT));
			ResultHandle<Object> blocked = operations.dispatch("block", "forever");
			assertThat(context.getBean(BlockingConsumer.class).started.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(operations.cancel(blocked.id(), "enough")).isEqualTo(CancelResult.CANCELLING);
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(registry.get("taskora.jobs.completed").tag("task", "echo").counter().count()).isEqualTo(2);
				assertThat(registry.get("taskora.jobs.retried").tag("task", "echo").counter().count()).isEqualTo(1);
				assertThat(registry.get("taskora.jobs.failed").tag("task", "echo").counter().count()).isEqualTo(1);
				assertThat(registry.get("taskora.jobs.cancelled").tag("task", "block").counter().count()).isEqualTo(1);
			});
			assertThat(registry.get("taskora.queue.size").tags("task", "echo", "state", "completed").gauge().value())
				.isEqualTo(2);
			assertThat(registry.get("taskora.queue.size").tags("task", "echo", "state", "failed").gauge().value())
				.isEqualTo(1);
			assertThat(registry.find("taskora.job.duration").meters()).as("handler timings are taskora.process's")
				.isEmpty();
			assertEveryMeterHasADescriptionAndJobsAsUnit(registry);
		});
	}

	@Test
	void theMetersOfEveryTaskExistFromStartAtZero() {
		this.runner.run(context -> assertEveryTaskHasItsMetersAtZero(context.getBean(MeterRegistry.class)));
	}

	@Test
	void aProducerOnlyAppHasTheMetersOfEveryTaskFromStart() {
		this.runner.withPropertyValues("taskora.worker.enabled=false")
			.run(context -> assertEveryTaskHasItsMetersAtZero(context.getBean(MeterRegistry.class)));
	}

	@Test
	void theBinderListensToEventsAndIsNotMiddleware() {
		this.runner.run(context -> {
			assertThat(Middleware.class.isAssignableFrom(TaskoraMetrics.class)).isFalse();
			assertThat(context.getBean(Taskora.class).middleware()).isEmpty();
		});
	}

	private static void assertEveryTaskHasItsMetersAtZero(MeterRegistry registry) {
		for (String task : List.of("echo", "block")) {
			for (String outcome : List.of("completed", "failed", "retried", "cancelled", "stalled")) {
				assertThat(registry.get("taskora.jobs." + outcome).tag("task", task).counter().count())
					.as("taskora.jobs.%s of %s", outcome, task)
					.isZero();
			}
			for (JobState state : JobState.values()) {
				assertThat(registry.get("taskora.queue.size")
					.tags("task", task, "state", state.wireName())
					.gauge()
					.value()).isZero();
			}
		}
		assertEveryMeterHasADescriptionAndJobsAsUnit(registry);
	}

	private static void assertEveryMeterHasADescriptionAndJobsAsUnit(MeterRegistry registry) {
		assertThat(registry.getMeters()).filteredOn(meter -> meter.getId().getName().startsWith("taskora."))
			.isNotEmpty()
			.allSatisfy(meter -> {
				assertThat(meter.getId().getDescription()).as(meter.getId().getName()).isNotBlank();
				assertThat(meter.getId().getBaseUnit()).as(meter.getId().getName()).isEqualTo("jobs");
				assertThat(meter.getId().getTag("task")).as(meter.getId().getName()).isNotBlank();
			});
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TaskoraMetrics.class));
	}

	@Test
	void backsOffWithoutAMeterRegistry() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(TaskoraAutoConfiguration.class, TaskoraMetricsAutoConfiguration.class))
			.withPropertyValues("taskora.adapter=memory")
			.run(context -> assertThat(context).doesNotHaveBean(TaskoraMetrics.class));
	}

}
