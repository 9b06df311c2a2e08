package dev.taskora.spring.boot.autoconfigure.metrics;

import java.time.Duration;
import java.util.List;

import dev.taskora.engine.Taskora;
import dev.taskora.spring.boot.autoconfigure.TaskoraApps;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.metrics.TaskoraMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Taskora's Micrometer meters ({@code taskora.jobs.*}, {@code taskora.queue.size}), when
 * Micrometer and a {@link MeterRegistry} are present: a {@link TaskoraMetrics} binder,
 * which Boot binds to the registry like any {@code MeterBinder} bean, fed by the app's
 * events. Handler timings are the {@code taskora.process} observation's. With apps under
 * {@code taskora.apps.<name>}, every app has its meters, tagged {@code app} with its name
 * ({@code default} for the default app); a single app's meters carry no {@code app} tag.
 */
@AutoConfiguration(after = TaskoraAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ Taskora.class, MeterRegistry.class })
@ConditionalOnBean({ Taskora.class, MeterRegistry.class })
public final class TaskoraMetricsAutoConfiguration {

	private static final Duration QUEUE_SIZE_CACHE_TIME = Duration.ofSeconds(1);

	@Bean
	@ConditionalOnMissingBean
	TaskoraMetrics taskoraMetrics(Taskora taskora, ObjectProvider<TaskoraApps> apps) {
		// Meters of one name keep one set of tag keys (Prometheus requires it): once
		// apps are told apart by a tag, the default app carries it too.
		return (apps.getIfAvailable() != null)
				? new TaskoraMetrics(taskora, QUEUE_SIZE_CACHE_TIME, Tags.of("app", TaskoraApps.DEFAULT))
				: new TaskoraMetrics(taskora);
	}

	@Bean
	@ConditionalOnBean(TaskoraApps.class)
	@ConditionalOnMissingBean(name = "taskoraAppsMetrics")
	MeterBinder taskoraAppsMetrics(TaskoraApps apps) {
		List<TaskoraMetrics> binders = apps.names()
			.stream()
			.map(app -> new TaskoraMetrics(apps.taskora(app), QUEUE_SIZE_CACHE_TIME, Tags.of("app", app)))
			.toList();
		return registry -> binders.forEach(binder -> binder.bindTo(registry));
	}

}
