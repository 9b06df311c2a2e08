package dev.taskora.spring.config;

import java.util.Objects;
import java.util.function.Consumer;

import dev.taskora.engine.TaskBuilder;

/**
 * Configures the tasks of
 * {@link dev.taskora.spring.annotation.TaskConsumer @TaskConsumer}s beyond what
 * annotation attributes express: task middleware, a retry policy built in code, an
 * {@code onCancel} hook for a method consumer, any option the {@link TaskBuilder} has.
 * Every bean of this type is called, in order, for every consumer's task, after the
 * annotation's attributes are applied and before the handler is set, so it overrides
 * them.
 *
 * <pre>{@code
 * &#64;Bean
 * TaskConsumerConfigurer sendEmailOptions(AuditMiddleware audit) {
 *     return TaskConsumerConfigurer.forTask("send-email", Email.class, Sent.class, task -> task
 *         .middleware(audit)
 *         .retry(Retry.exponential(5, Duration.ofSeconds(1)).retryOn(SmtpException.class))
 *         .onCancel((email, ctx) -> outbox.release(email)));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface TaskConsumerConfigurer {

	/**
	 * Configures the task of one consumer.
	 * @param task the task name
	 * @param builder its builder, with the annotation's attributes applied
	 */
	void configure(String task, TaskBuilder<?, ?> builder);

	/**
	 * A configurer of one task, typed by the consumer's input and output: startup fails
	 * naming both when the consumer's types differ.
	 */
	static <I, O> TaskConsumerConfigurer forTask(String task, Class<I> input, Class<O> output,
			Consumer<TaskBuilder<I, O>> configuration) {
		return new ForTask<>(task, input, output, configuration);
	}

	/**
	 * The configurer {@link #forTask} returns.
	 *
	 * @param task the task it configures
	 * @param input the consumer's input type
	 * @param output the consumer's output type
	 * @param configuration what it does to the task's builder
	 * @param <I> input type
	 * @param <O> output type
	 */
	record ForTask<I, O>(String task, Class<I> input, Class<O> output,
			Consumer<TaskBuilder<I, O>> configuration) implements TaskConsumerConfigurer {

		public ForTask {
			Objects.requireNonNull(task, "task must not be null");
			Objects.requireNonNull(input, "input must not be null");
			Objects.requireNonNull(output, "output must not be null");
			Objects.requireNonNull(configuration, "configuration must not be null");
		}

		@Override
		@SuppressWarnings("unchecked")
		public void configure(String task, TaskBuilder<?, ?> builder) {
			if (this.task.equals(task)) {
				this.configuration.accept((TaskBuilder<I, O>) builder);
			}
		}

	}

}
