package dev.taskora.spring.boot.autoconfigure.schedule;

import dev.taskora.engine.Taskora;
import dev.taskora.engine.schedule.Schedules;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.config.TaskoraScheduleRegistrar;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Schedules in Spring: the app's {@link Schedules} as a bean, and the schedules of
 * {@code taskora.schedules.*}, defined once every {@code @TaskConsumer} task exists. The
 * scheduler's own settings ({@code taskora.scheduler.*}) are applied where the app is
 * built.
 */
@AutoConfiguration(after = TaskoraAutoConfiguration.class)
@ConditionalOnClass(Taskora.class)
@ConditionalOnBean(Taskora.class)
@EnableConfigurationProperties(TaskoraSchedulesProperties.class)
public final class TaskoraScheduleAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Schedules taskoraSchedules(Taskora taskora) {
		return taskora.schedules();
	}

	@Bean
	TaskoraScheduleRegistrar taskoraPropertiesScheduleRegistrar(TaskoraSchedulesProperties properties) {
		return new PropertiesScheduleRegistrar(properties);
	}

}
