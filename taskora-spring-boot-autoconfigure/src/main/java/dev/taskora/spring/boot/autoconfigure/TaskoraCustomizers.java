package dev.taskora.spring.boot.autoconfigure;

import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Map;

import dev.taskora.engine.Taskora;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;

/**
 * Applies the {@link TaskoraBuilderCustomizer} beans meant for one app, in order: a
 * customizer qualified with an app's name ({@code @Qualifier("billing")}, or
 * {@code @Qualifier("default")} for the default app) customizes that app alone; one
 * qualified with no app's name customizes every app.
 */
final class TaskoraCustomizers {

	private TaskoraCustomizers() {
	}

	/**
	 * Applies the customizers of {@code app} to its builder.
	 * @param app the app's name, {@link TaskoraApps#DEFAULT} for the default one
	 * @param apps the names of every app, the default one included
	 */
	static void apply(Taskora.Builder builder, String app, Collection<String> apps,
			ObjectProvider<TaskoraBuilderCustomizer> customizers, ListableBeanFactory beanFactory) {
		Map<TaskoraBuilderCustomizer, String> names = new IdentityHashMap<>();
		beanFactory.getBeansOfType(TaskoraBuilderCustomizer.class).forEach((name, bean) -> names.put(bean, name));
		customizers.orderedStream().filter(customizer -> {
			String beanName = names.get(customizer);
			if (beanName == null) {
				return true;
			}
			if (BeanFactoryAnnotationUtils.isQualifierMatch(app::equals, beanName, beanFactory)) {
				return true;
			}
			return apps.stream()
				.noneMatch(other -> BeanFactoryAnnotationUtils.isQualifierMatch(other::equals, beanName, beanFactory));
		}).forEach(customizer -> customizer.customize(builder));
	}

}
