package dev.taskora.spring.boot.autoconfigure.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.taskora.engine.Taskora;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint;
import dev.taskora.spring.boot.autoconfigure.TaskoraApps;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code taskora} actuator endpoint, when the actuator is on the classpath and the
 * endpoint is available (exposed through
 * {@code management.endpoints.web.exposure.include} or JMX). It describes the apps under
 * {@code taskora.apps} too.
 */
@AutoConfiguration(after = TaskoraAutoConfiguration.class)
@ConditionalOnClass({ Taskora.class, Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(TaskoraEndpoint.class)
@ConditionalOnBean(TaskoraOperations.class)
public final class TaskoraEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TaskoraEndpoint taskoraEndpoint(TaskoraOperations operations, ObjectProvider<TaskoraApps> apps) {
		Map<String, TaskoraOperations> others = new LinkedHashMap<>();
		apps.ifAvailable((named) -> named.names().forEach((app) -> others.put(app, named.operations(app))));
		return new TaskoraEndpoint(operations, others);
	}

}
