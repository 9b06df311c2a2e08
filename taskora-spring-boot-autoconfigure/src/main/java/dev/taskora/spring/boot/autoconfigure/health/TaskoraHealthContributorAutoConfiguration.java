package dev.taskora.spring.boot.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.taskora.engine.Taskora;
import dev.taskora.spring.boot.actuate.health.TaskoraHealthIndicator;
import dev.taskora.spring.boot.autoconfigure.TaskoraApps;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.boot.autoconfigure.TaskoraProperties;
import dev.taskora.spring.core.TaskoraWorkerLifecycle;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code taskora} health contributor, when Spring Boot's health support is on the
 * classpath and {@code management.health.taskora.enabled} is not {@code false}. It reads
 * the counts of every task in one store read, bounded by {@code taskora.health.timeout}.
 * With apps under {@code taskora.apps.<name>}, the {@code taskoraApps} contributor holds
 * one component per app ({@code /actuator/health/taskoraApps/<name>}), each bounded by
 * its {@code taskora.apps.<name>.health.timeout}; {@code taskora} stays the default
 * app's.
 */
@AutoConfiguration(after = TaskoraAutoConfiguration.class)
@ConditionalOnClass({ Taskora.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(Taskora.class)
@ConditionalOnEnabledHealthIndicator("taskora")
public final class TaskoraHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "taskoraHealthIndicator", "taskoraHealthContributor" })
	TaskoraHealthIndicator taskoraHealthIndicator(Taskora taskora, TaskoraProperties properties,
			ObjectProvider<TaskoraWorkerLifecycle> lifecycle) {
		TaskoraWorkerLifecycle workers = lifecycle.getIfUnique();
		boolean workersEnabled = workers == null || workers.isWorkersEnabled();
		return new TaskoraHealthIndicator(taskora, workersEnabled, properties.getHealth().getTimeout());
	}

	@Bean
	@ConditionalOnBean(TaskoraApps.class)
	@ConditionalOnMissingBean(name = "taskoraAppsHealthContributor")
	CompositeHealthContributor taskoraAppsHealthContributor(TaskoraApps apps) {
		Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
		for (String app : apps.names()) {
			indicators.put(app, new TaskoraHealthIndicator(apps.taskora(app),
					apps.workerLifecycle(app).isWorkersEnabled(), apps.properties(app).getHealth().getTimeout()));
		}
		return CompositeHealthContributor.fromMap(indicators);
	}

}
