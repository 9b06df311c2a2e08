package dev.taskora.spring.config;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.util.List;
import java.util.function.UnaryOperator;

import dev.taskora.engine.CancelHook;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.contract.TaskContract;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.annotation.TaskSchedule;
import org.jspecify.annotations.Nullable;

import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;

/**
 * Reads a {@code @TaskConsumer} class or method into a {@link ConsumerBean}: its task's
 * name (from the annotation or its contract), its handler and types, its options and
 * schedules. What cannot handle jobs fails naming the bean.
 */
final class ConsumerDefinitions {

	private final UnaryOperator<String> resolver;

	/**
	 * @param resolver resolves placeholders in attribute values
	 */
	ConsumerDefinitions(UnaryOperator<String> resolver) {
		this.resolver = resolver;
	}

	/** The consumer a {@code @TaskConsumer} method defines. */
	ConsumerBean forMethod(Object bean, String beanName, Class<?> targetClass, Method method, TaskConsumer annotation) {
		MethodTaskHandler handler = MethodTaskHandler.of(bean, beanName, targetClass, method);
		HandlerTypes types = handler.types();
		TaskConsumerOptions options = new TaskConsumerOptions(annotation, this.resolver, beanName, targetClass);
		if (options.collects()) {
			types = batchItems(types, beanName, targetClass);
		}
		String name = taskName(annotation, beanName, targetClass);
		List<TaskSchedule> schedules = MergedAnnotations.from(method)
			.stream(TaskSchedule.class)
			.map(MergedAnnotation::synthesize)
			.toList();
		return new ConsumerBean(beanName, targetClass, handler, name, types, options, schedules, null,
				contract(annotation, name, beanName, targetClass), options.app());
	}

	/**
	 * The contract a {@code @TaskConsumer(contract = ..)} names, or {@code null} without
	 * one.
	 */
	private static @Nullable TaskContract<?, ?> contract(TaskConsumer annotation, String name, String beanName,
			Class<?> targetClass) {
		return (annotation.contract() != void.class)
				? ConsumerContracts.fromClass(annotation.contract(), name, beanName, targetClass) : null;
	}

	private String taskName(TaskConsumer annotation, String beanName, Class<?> targetClass) {
		String name;
		try {
			name = this.resolver.apply(annotation.name());
		}
		catch (IllegalArgumentException ex) {
			throw TaskConsumerOptions.unresolvable(beanName, targetClass, "name", annotation.name(), ex);
		}
		if (name.isEmpty() && annotation.contract() != void.class) {
			// the only contract of the class names the task
			return ConsumerContracts.fromClass(annotation.contract(), name, beanName, targetClass).name();
		}
		if (name.isEmpty()) {
			throw new InvalidTaskConsumerException(beanName, targetClass, "@TaskConsumer has no task name",
					"Name the task: @TaskConsumer(\"send-email\").");
		}
		return name;
	}

	/** The consumer a {@code @TaskConsumer} class (a {@link TaskHandler}) defines. */
	ConsumerBean forClass(Object bean, String beanName, Class<?> targetClass, TaskConsumer annotation,
			List<TaskSchedule> schedules) {
		if (!(bean instanceof TaskHandler<?, ?>)) {
			throw new InvalidTaskConsumerException(beanName, targetClass,
					"the class is annotated with @TaskConsumer but does not implement TaskHandler",
					"Make " + targetClass.getSimpleName()
							+ " implement dev.taskora.engine.TaskHandler<I, O> (O handle(I data, JobContext ctx)),"
							+ " or remove @TaskConsumer, or put @TaskConsumer on its handler methods.");
		}
		HandlerTypes types;
		try {
			types = HandlerTypes.of(targetClass);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidTaskConsumerException(beanName, targetClass, String.valueOf(ex.getMessage()),
					"Declare the class as implementing TaskHandler<Input, Output> with concrete types.");
		}
		if (types == null) {
			// A proxy implements TaskHandler while its target class does not declare it.
			types = new HandlerTypes(Object.class, Object.class);
		}
		TaskConsumerOptions options = new TaskConsumerOptions(annotation, this.resolver, beanName, targetClass);
		if (options.collects()) {
			types = batchItems(types, beanName, targetClass);
		}
		String name = taskName(annotation, beanName, targetClass);
		CancelHook<?> onCancel = (bean instanceof CancelHook<?> hook) ? hook : null;
		return new ConsumerBean(beanName, targetClass, (TaskHandler<?, ?>) bean, name, types, options, schedules,
				onCancel, contract(annotation, name, beanName, targetClass), options.app());
	}

	/**
	 * The types of a collect consumer's task: the element type of the list its handler
	 * takes, and its output.
	 */
	private static HandlerTypes batchItems(HandlerTypes types, String beanName, Class<?> targetClass) {
		if (types.input() instanceof ParameterizedType list && list.getRawType() == List.class) {
			return new HandlerTypes(list.getActualTypeArguments()[0], types.output());
		}
		throw new InvalidTaskConsumerException(beanName, targetClass,
				"@TaskConsumer has collect* attributes, so its handler receives a batch, but it implements TaskHandler<"
						+ types.input().getTypeName() + ", " + types.output().getTypeName() + ">",
				"Implement TaskHandler<List<Item>, Output> to take the batch, or remove the collect* attributes.");
	}

}
