package dev.taskora.spring.boot.autoconfigure.health;

import java.time.Duration;
import java.util.Map;

import dev.taskora.spring.boot.actuate.health.TaskoraHealthIndicator;
import dev.taskora.spring.boot.autoconfigure.ActuatorTestConsumers.EchoConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TaskoraHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class,
				TaskoraHealthContributorAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory")
		.withBean(EchoConsumer.class);

	@Test
	@SuppressWarnings("unchecked")
	void reportsUpWithRunningWorkersAndQueueDepthPerTask() {
		this.runner.run(context -> {
			context.getBean(TaskoraOperations.class).dispatch("echo", "hi").await(Duration.ofSeconds(10));
			Health health = context.getBean("taskoraHealthIndicator", HealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("workers", "running").containsEntry("adapter", "MemoryAdapter");
			Map<String, Map<String, Long>> queues = (Map<String, Map<String, Long>>) health.getDetails().get("queues");
			assertThat(queues.get("echo")).containsEntry("completed", 1L).containsEntry("waiting", 0L);
		});
	}

	@Test
	void reportsDownOnceWorkersStopped() {
		this.runner.run(context -> {
			TaskoraHealthIndicator indicator = context.getBean(TaskoraHealthIndicator.class);
			context.getBean(dev.taskora.spring.core.TaskoraWorkerLifecycle.class).stop();
			assertThat(indicator.health(true).getStatus()).isEqualTo(Status.DOWN);
		});
	}

	@Test
	void aProducerOnlyAppIsUpWithWorkersDisabled() {
		this.runner.withPropertyValues("taskora.worker.enabled=false").run(context -> {
			Health health = context.getBean(TaskoraHealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("workers", "disabled");
		});
	}

	@Test
	void backsOffWithoutTheHealthModule() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TaskoraHealthIndicator.class));
	}

	@Test
	void backsOffWhenDisabled() {
		this.runner.withPropertyValues("management.health.taskora.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(TaskoraHealthIndicator.class));
	}

	@Test
	void backsOffFromAUserIndicator() {
		this.runner.withBean("taskoraHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
			.run(context -> assertThat(context).doesNotHaveBean(TaskoraHealthIndicator.class));
	}

}
