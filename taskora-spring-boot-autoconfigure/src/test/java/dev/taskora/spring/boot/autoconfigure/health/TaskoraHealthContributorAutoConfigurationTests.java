package dev.taskora.spring.boot.autoconfigure.health;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.InspectStore;
import dev.taskora.engine.adapter.StoreUnavailableException;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.spring.boot.actuate.health.TaskoraHealthIndicator;
import dev.taskora.spring.boot.autoconfigure.ActuatorTestConsumers.EchoConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;
import dev.taskora.spring.core.TaskoraWorkerLifecycle;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class TaskoraHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TaskoraAutoConfiguration.class, TaskoraHealthContributorAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory")
		.withBean(EchoConsumer.class);

	private final MemoryAdapter memory = MemoryAdapter.create();

	/**
	 * The memory adapter's reads, watched: a spy records the calls and runs the real
	 * ones.
	 */
	private final InspectStore inspect = spy(this.memory.inspect());

	@Test
	@SuppressWarnings("unchecked")
	void reportsUpWithRunningWorkersAndQueueDepthPerTask() {
		this.runner.run(context -> {
			context.getBean(TaskoraOperations.class).dispatch("echo", "hi").await(Duration.ofSeconds(10));
			Health health = context.getBean("taskoraHealthIndicator", HealthIndicator.class).health(true);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("workers", "running")
				.containsEntry("adapter", "MemoryAdapter");
			Map<String, Map<String, Long>> queues = (Map<String, Map<String, Long>>) health.getDetails().get("queues");
			assertThat(queues.get("echo")).containsEntry("completed", 1L).containsEntry("waiting", 0L);
		});
	}

	@Test
	@SuppressWarnings("unchecked")
	void readsTheCountsOfEveryTaskInOneStoreCall() {
		this.runner.withBean(Adapter.class, () -> readingThrough(this.memory, this.inspect)).run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			for (String name : List.of("a", "b", "c", "d")) {
				operations.task(name, String.class, String.class);
			}
			operations.dispatch("c", "x").enqueued().join();
			clearInvocations(this.inspect);

			Health health = context.getBean(TaskoraHealthIndicator.class).health(true);

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			Map<String, Map<String, Long>> queues = (Map<String, Map<String, Long>>) health.getDetails().get("queues");
			assertThat(queues).containsOnlyKeys("a", "b", "c", "d", "echo");
			assertThat(queues.get("c")).containsEntry("waiting", 1L);
			verify(this.inspect, times(1)).countByState(anyCollection());
			verify(this.inspect, never()).countByState(anyString());
		});
	}

	@Test
	void reportsDownNamingTheTimeoutWhenTheStoreDoesNotAnswerInTime() {
		// a store that never answers
		doReturn(new CompletableFuture<>()).when(this.inspect).countByState(anyCollection());
		this.runner.withBean(Adapter.class, () -> readingThrough(this.memory, this.inspect))
			.withPropertyValues("taskora.health.timeout=300ms")
			.run(context -> {
				TaskoraHealthIndicator indicator = context.getBean(TaskoraHealthIndicator.class);

				// far below the 5 s per task the check once waited; a hang fails here
				// instead of stalling the build
				Health health = assertTimeoutPreemptively(Duration.ofSeconds(4), () -> indicator.health(true));

				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("adapter", adapterName(context.getBean(Adapter.class)))
					.containsEntry("error", "The store (" + adapterName(context.getBean(Adapter.class))
							+ ") did not return the queue counts within 300ms (taskora.health.timeout)");
			});
	}

	@Test
	void reportsDownNamingTheStoresFailure() {
		doReturn(CompletableFuture
			.failedFuture(new StoreUnavailableException("Redis at localhost:1 refused to connect", null)))
			.when(this.inspect)
			.countByState(anyCollection());
		this.runner.withBean(Adapter.class, () -> readingThrough(this.memory, this.inspect)).run(context -> {
			Health health = context.getBean(TaskoraHealthIndicator.class).health(true);

			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails().get("error").toString()).contains("failed to return the queue counts")
				.contains("Redis at localhost:1 refused to connect");
		});
	}

	@Test
	void reportsDownOnceWorkersStopped() {
		this.runner.run(context -> {
			TaskoraHealthIndicator indicator = context.getBean(TaskoraHealthIndicator.class);
			context.getBean(TaskoraWorkerLifecycle.class).stop();
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

	private static String adapterName(Adapter adapter) {
		return adapter.getClass().getSimpleName();
	}

	/**
	 * The adapter (a spy shares its fields, so its store) with its reads going through
	 * {@code inspect}.
	 */
	private static Adapter readingThrough(MemoryAdapter memory, InspectStore inspect) {
		Adapter adapter = spy(memory);
		doReturn(inspect).when(adapter).inspect();
		return adapter;
	}

}
