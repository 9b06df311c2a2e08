package dev.taskora.spring.boot.test.autoconfigure;

import java.util.Arrays;
import java.util.Locale;

import org.springframework.boot.test.autoconfigure.TestSliceTestContextBootstrapper;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;

/**
 * Bootstraps {@link TaskoraTest}, applying its {@code properties} and its
 * {@code adapter}.
 */
class TaskoraTestContextBootstrapper extends TestSliceTestContextBootstrapper<TaskoraTest> {

	@Override
	protected String[] getProperties(Class<?> testClass) {
		String[] properties = super.getProperties(testClass);
		TestAdapter adapter = MergedAnnotations.from(testClass, SearchStrategy.TYPE_HIERARCHY)
			.get(TaskoraTest.class)
			.getValue("adapter", TestAdapter.class)
			.orElse(TestAdapter.MEMORY);
		String[] withAdapter = Arrays.copyOf((properties != null) ? properties : new String[0],
				((properties != null) ? properties.length : 0) + 1);
		withAdapter[withAdapter.length - 1] = TaskoraTestAutoConfiguration.ADAPTER_PROPERTY + "="
				+ adapter.name().toLowerCase(Locale.ROOT);
		return withAdapter;
	}

}
