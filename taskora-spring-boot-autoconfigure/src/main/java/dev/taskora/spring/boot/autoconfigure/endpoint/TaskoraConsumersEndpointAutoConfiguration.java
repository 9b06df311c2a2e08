package dev.taskora.spring.boot.autoconfigure.endpoint;

import dev.taskora.engine.Taskora;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraConsumersEndpoint;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.TaskConsumerRegistry;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code taskoraconsumers} actuator endpoint, when the actuator is on the classpath
 * and the endpoint is available.
 */
@AutoConfiguration(after = TaskoraAutoConfiguration.class)
@ConditionalOnClass({ Taskora.class, Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnAvailableEndpoint(TaskoraConsumersEndpoint.class)
@ConditionalOnBean(TaskConsumerRegistry.class)
public final class TaskoraConsumersEndpointAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	TaskoraConsumersEndpoint taskoraConsumersEndpoint(TaskConsumerRegistry registry) {
		return new TaskoraConsumersEndpoint(registry);
	}

}
