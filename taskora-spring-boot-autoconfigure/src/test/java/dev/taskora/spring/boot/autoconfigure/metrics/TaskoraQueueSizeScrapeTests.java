package dev.taskora.spring.boot.autoconfigure.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.EventFeed;
import dev.taskora.engine.adapter.InspectStore;
import dev.taskora.engine.adapter.JobDetails;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.JobStore;
import dev.taskora.engine.adapter.Maintenance;
import dev.taskora.engine.adapter.MinuteCounts;
import dev.taskora.engine.adapter.VersionCounts;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;
import dev.taskora.spring.core.metrics.TaskoraMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scrape of every task's {@code taskora.queue.size} gauges reads the store once for all tasks,
 * never once per task or per gauge.
 */
class TaskoraQueueSizeScrapeTests {

	private final CountingAdapter adapter = new CountingAdapter(MemoryAdapter.create());

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
				context.getBean(TaskoraMetrics.class).bindQueueSizes();
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				Collection<Gauge> gauges = registry.find("taskora.queue.size").gauges();
				assertThat(gauges).hasSize(3 * JobState.values().length);
				this.adapter.reset();

				double total = 0;
				for (Gauge gauge : gauges) {
					total += gauge.value();
				}

				assertThat(total).isEqualTo(1);
				assertThat(this.adapter.countsOfManyTasks.get()).as("reads of every task at once").isEqualTo(1);
				assertThat(this.adapter.countsOfOneTask.get()).as("reads of one task").isZero();
			});
	}

	/** The binder with a cache longer than any scrape, so the count does not hang on the machine's speed. */
	@Configuration(proxyBeanMethods = false)
	static class LongCache {

		@Bean
		TaskoraMetrics taskoraMetrics(Taskora taskora) {
			return new TaskoraMetrics(taskora, Duration.ofMinutes(1));
		}

	}

	/** A memory adapter that counts how often counts per state are read. */
	static final class CountingAdapter implements Adapter {

		final AtomicInteger countsOfManyTasks = new AtomicInteger();

		final AtomicInteger countsOfOneTask = new AtomicInteger();

		private final Adapter delegate;

		private final InspectStore inspect;

		CountingAdapter(Adapter delegate) {
			this.delegate = delegate;
			this.inspect = new CountingInspectStore(delegate.inspect());
		}

		void reset() {
			this.countsOfManyTasks.set(0);
			this.countsOfOneTask.set(0);
		}

		@Override
		public Clock clock() {
			return this.delegate.clock();
		}

		@Override
		public CompletableFuture<Void> connect() {
			return this.delegate.connect();
		}

		@Override
		public CompletableFuture<Void> disconnect() {
			return this.delegate.disconnect();
		}

		@Override
		public JobStore jobs() {
			return this.delegate.jobs();
		}

		@Override
		public Maintenance maintenance() {
			return this.delegate.maintenance();
		}

		@Override
		public EventFeed events() {
			return this.delegate.events();
		}

		@Override
		public InspectStore inspect() {
			return this.inspect;
		}

		private final class CountingInspectStore implements InspectStore {

			private final InspectStore store;

			CountingInspectStore(InspectStore store) {
				this.store = store;
			}

			@Override
			public CompletableFuture<@Nullable JobRecord> findJob(String task, String jobId) {
				return this.store.findJob(task, jobId);
			}

			@Override
			public CompletableFuture<@Nullable JobRecord> findJob(String jobId, Collection<String> tasks) {
				return this.store.findJob(jobId, tasks);
			}

			@Override
			public CompletableFuture<@Nullable JobState> state(String task, String jobId) {
				return this.store.state(task, jobId);
			}

			@Override
			public CompletableFuture<List<String>> logs(String task, String jobId) {
				return this.store.logs(task, jobId);
			}

			@Override
			public CompletableFuture<Map<String, Map<JobState, Long>>> countByState(Collection<String> tasks) {
				CountingAdapter.this.countsOfManyTasks.incrementAndGet();
				return this.store.countByState(tasks);
			}

			@Override
			public CompletableFuture<Map<JobState, Long>> countByState(String task) {
				CountingAdapter.this.countsOfOneTask.incrementAndGet();
				return this.store.countByState(task);
			}

			@Override
			public CompletableFuture<@Nullable Long> nextDelayedAt(String task) {
				return this.store.nextDelayedAt(task);
			}

			@Override
			public CompletableFuture<List<JobDetails>> listJobs(String task, JobState state, int offset, int limit) {
				return this.store.listJobs(task, state, offset, limit);
			}

			@Override
			public CompletableFuture<VersionCounts> versionCounts(String task) {
				return this.store.versionCounts(task);
			}

			@Override
			public CompletableFuture<Map<String, Long>> failedErrors(String task, int start, int count) {
				return this.store.failedErrors(task, start, count);
			}

			@Override
			public CompletableFuture<Map<String, List<MinuteCounts>>> throughput(Collection<String> tasks,
					long firstMinute, int minutes) {
				return this.store.throughput(tasks, firstMinute, minutes);
			}

		}

	}

}
