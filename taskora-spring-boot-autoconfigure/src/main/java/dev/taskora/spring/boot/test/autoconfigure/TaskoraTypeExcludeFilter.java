package dev.taskora.spring.boot.test.autoconfigure;

import java.util.Set;

import dev.taskora.engine.Middleware;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraBuilderCustomizer;

import org.springframework.boot.test.context.filter.annotation.StandardAnnotationCustomizableTypeExcludeFilter;

/**
 * Keeps {@link TaskConsumer} beans, taskora {@link Middleware} and
 * {@link TaskoraBuilderCustomizer} implementations in a {@link TaskoraTest} slice;
 * excludes every other scanned component.
 */
final class TaskoraTypeExcludeFilter extends StandardAnnotationCustomizableTypeExcludeFilter<TaskoraTest> {

	private static final Set<Class<?>> DEFAULT_INCLUDES = Set.of(TaskConsumer.class, Middleware.class,
			TaskoraBuilderCustomizer.class);

	TaskoraTypeExcludeFilter(Class<?> testClass) {
		super(testClass);
	}

	@Override
	protected Set<Class<?>> getKnownIncludes() {
		return DEFAULT_INCLUDES;
	}

}
