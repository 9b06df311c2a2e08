package dev.taskora.spring.boot.autoconfigure.metrics;

import dev.taskora.engine.Taskora;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.metrics.TaskoraMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Taskora's Micrometer meters ({@code taskora.jobs.*}, {@code taskora.queue.size}), when
 * Micrometer and a {@link MeterRegistry} are present: a {@link TaskoraMetrics} binder,
 * which Boot binds to the registry like any {@code MeterBinder} bean, fed by the app's
 * events. Handler timings are the {@code taskora.process} observation's.
 */
@AutoConfiguration(after = TaskoraAutoConfiguration.class, afterName = {
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ Taskora.class, MeterRegistry.class })
@ConditionalOnBean({ Taskora.class, MeterRegistry.class })
public final class TaskoraMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TaskoraMetrics taskoraMetrics(Taskora taskora) {
		return new TaskoraMetrics(taskora);
	}

}
