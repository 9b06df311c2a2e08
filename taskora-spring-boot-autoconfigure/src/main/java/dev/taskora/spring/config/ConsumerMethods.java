package dev.taskora.spring.config;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;

import dev.taskora.spring.annotation.TaskConsumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.scope.ScopedObject;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;

/**
 * Finding {@link TaskConsumer} methods, and the rules for the beans hosting consumers: a
 * consumer handles jobs for the application's lifetime, so it is a singleton created at
 * startup.
 */
final class ConsumerMethods {

	private static final Logger logger = LoggerFactory.getLogger(ConsumerMethods.class);

	private ConsumerMethods() {
	}

	/** The methods of {@code type} annotated with {@link TaskConsumer}. */
	static Map<Method, TaskConsumer> find(Class<?> type) {
		return MethodIntrospector.selectMethods(type,
				(MethodIntrospector.MetadataLookup<TaskConsumer>) method -> AnnotatedElementUtils
					.findMergedAnnotation(method, TaskConsumer.class));
	}

	/** Whether {@code type} hosts a consumer, on the class or on a method. */
	static boolean hostsConsumers(Class<?> type) {
		return MergedAnnotations.from(type, SearchStrategy.TYPE_HIERARCHY).isPresent(TaskConsumer.class)
				|| !find(type).isEmpty();
	}

	/**
	 * Refuses a consumer bean that is not a singleton: one instance per request or per
	 * lookup cannot be the handler of a task, and a scoped proxy would resolve a new
	 * target per job outside of any scope.
	 */
	static void requireSingleton(Object bean, String beanName, Class<?> targetClass,
			@Nullable ConfigurableBeanFactory beanFactory) {
		String scope = null;
		if (bean instanceof ScopedObject || ScopedProxyUtils.isScopedTarget(beanName)) {
			String target = ScopedProxyUtils.isScopedTarget(beanName) ? beanName
					: ScopedProxyUtils.getTargetBeanName(beanName);
			BeanDefinition definition = definition(beanFactory, target);
			scope = (definition != null) ? definition.getScope() : "a scoped proxy";
		}
		else {
			BeanDefinition definition = definition(beanFactory, beanName);
			if (definition != null && !definition.isSingleton()) {
				scope = definition.getScope();
			}
		}
		if (scope != null) {
			throw notSingleton(beanName, targetClass, scope);
		}
	}

	private static @Nullable BeanDefinition definition(@Nullable ConfigurableBeanFactory beanFactory, String name) {
		if (beanFactory instanceof ConfigurableListableBeanFactory listable && listable.containsBeanDefinition(name)) {
			return listable.getMergedBeanDefinition(name);
		}
		return null;
	}

	/**
	 * Creates the {@code @Lazy} singletons hosting consumers (a consumer handles jobs
	 * from startup on, not from its first injection), and refuses the non-singleton
	 * definitions of consumer classes, which would otherwise never handle a job.
	 */
	static void instantiateLazyConsumers(ConfigurableListableBeanFactory beanFactory, Set<Class<?>> nonAnnotated) {
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
			if (definition.isAbstract() || (definition.isSingleton() && !definition.isLazyInit())) {
				continue;
			}
			Class<?> type = beanFactory.getType(name, false);
			if (type == null || nonAnnotated.contains(type) || !hostsConsumers(type)) {
				continue;
			}
			if (!definition.isSingleton()) {
				throw notSingleton(name, type, definition.getScope());
			}
			logger.debug("Creating @Lazy consumer bean '{}' at startup: it handles jobs from then on", name);
			beanFactory.getBean(name);
		}
	}

	private static InvalidTaskConsumerException notSingleton(String beanName, Class<?> type, @Nullable String scope) {
		return new InvalidTaskConsumerException(beanName, type,
				"a consumer must be a singleton, but the bean has scope '" + scope
						+ "': a task has one handler for the application's lifetime, outside of any request or session",
				"Remove the scope (and proxyMode) from " + type.getSimpleName()
						+ ", and inject what needs a scope through an ObjectProvider resolved in the handler.");
	}

}
