package dev.taskora.spring.boot.autoconfigure.observation;

import dev.taskora.engine.Taskora;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.observation.ObservationMiddleware;
import dev.taskora.spring.core.observation.TaskoraProcessObservationConvention;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Observes handler runs as {@code taskora.process} through an engine middleware, when an
 * {@link ObservationRegistry} is configured. Dispatch observations
 * ({@code taskora.dispatch}) are made by the template, which takes the same registry.
 */
@AutoConfiguration(after = TaskoraAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ Taskora.class, ObservationRegistry.class })
@ConditionalOnBean({ Taskora.class, ObservationRegistry.class })
public final class TaskoraObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ObservationMiddleware taskoraObservationMiddleware(Taskora taskora, ObservationRegistry registry,
			ObjectProvider<TaskoraProcessObservationConvention> convention) {
		return new ObservationMiddleware(taskora, registry, convention.getIfUnique());
	}

}
