package dev.taskora.spring.boot.autoconfigure.reactive;

import dev.taskora.engine.Taskora;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.boot.autoconfigure.TaskoraProperties;
import dev.taskora.spring.core.TaskoraOperations;
import dev.taskora.spring.core.reactive.ReactiveTaskoraOperations;
import dev.taskora.spring.core.reactive.ReactiveTaskoraTemplate;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * {@link ReactiveTaskoraOperations} for reactive applications, when Reactor is on the
 * classpath.
 */
@AutoConfiguration(after = TaskoraAutoConfiguration.class)
@ConditionalOnClass({ Taskora.class, Mono.class })
@ConditionalOnBean(TaskoraOperations.class)
public final class TaskoraReactiveAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ReactiveTaskoraOperations.class)
	ReactiveTaskoraTemplate reactiveTaskoraTemplate(TaskoraOperations operations, TaskoraProperties properties) {
		ReactiveTaskoraTemplate template = new ReactiveTaskoraTemplate(operations);
		template.setDispatchTimeout(properties.getDispatchTimeout());
		return template;
	}

}
