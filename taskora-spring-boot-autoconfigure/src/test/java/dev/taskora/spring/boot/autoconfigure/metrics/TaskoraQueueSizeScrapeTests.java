package dev.taskora.spring.boot.autoconfigure.metrics;

import java.time.Duration;
import java.util.Collection;
import java.util.List;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.InspectStore;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;
import dev.taskora.spring.core.metrics.TaskoraMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.spy;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * A scrape of every task's {@code taskora.queue.size} gauges reads the store once for all
 * tasks, never once per task or per gauge.
 */
class TaskoraQueueSizeScrapeTests {

	private final MemoryAdapter memory = MemoryAdapter.create();

	/**
	 * The memory adapter's reads, watched: a spy records the calls and runs the real
	 * ones.
	 */
	private final InspectStore inspect = spy(this.memory.inspect());

	private final Adapter adapter = readingThrough(this.memory, this.inspect);

	@Test
	void aScrapeOfEveryTasksQueueSizesReadsTheStoreOnce() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class,
					TaskoraMetricsAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withBean(Adapter.class, () -> this.adapter)
			.withUserConfiguration(LongCache.class)
			.run(context -> {
				TaskoraOperations operations = context.getBean(TaskoraOperations.class);
				for (String name : List.of("a", "b", "c")) {
					operations.task(name, String.class, String.class);
				}
				operations.dispatch("b", "x").enqueued().join();
				context.getBean(TaskoraMetrics.class).bindTasks();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				Collection<Gauge> gauges = registry.find("taskora.queue.size").gauges();
				assertThat(gauges).hasSize(3 * JobState.values().length);
				clearInvocations(this.inspect);

				double total = 0;
				for (Gauge gauge : gauges) {
					total += gauge.value();
				}

				assertThat(total).isEqualTo(1);
				verify(this.inspect, times(1)).countByState(anyCollection());
				verify(this.inspect, never()).countByState(anyString());
			});
	}

	/**
	 * The binder with a cache longer than any scrape, so the count does not hang on the
	 * machine's speed.
	 */
	@Configuration(proxyBeanMethods = false)
	static class LongCache {

		@Bean
		TaskoraMetrics taskoraMetrics(Taskora taskora) {
			return new TaskoraMetrics(taskora, Duration.ofMinutes(1));
		}

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
