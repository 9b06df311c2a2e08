package dev.taskora.spring.config;

import java.util.List;

import dev.taskora.engine.CancelHook;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.contract.TaskContract;
import dev.taskora.spring.annotation.TaskSchedule;
import org.jspecify.annotations.Nullable;

/**
 * A {@code @TaskConsumer} as read from its bean (the class or one of its methods), ready
 * to be registered with its app.
 *
 * @param beanName the bean
 * @param beanType the bean's class
 * @param handler what handles the task's jobs: the bean, or an adapter of its method
 * @param task the task's name
 * @param types the task's input and output types
 * @param options the annotation's attributes, resolved
 * @param schedules the {@code @TaskSchedule}s of the task
 * @param onCancel the bean's cancel hook, or {@code null}
 * @param contract the contract the consumer implements by its {@code contract} attribute,
 * or {@code null}
 * @param app the app the consumer joins, empty for the default one
 */
record ConsumerBean(String beanName, Class<?> beanType, TaskHandler<?, ?> handler, String task, HandlerTypes types,
		TaskConsumerOptions options, List<TaskSchedule> schedules, @Nullable CancelHook<?> onCancel,
		@Nullable TaskContract<?, ?> contract, String app) {
}
