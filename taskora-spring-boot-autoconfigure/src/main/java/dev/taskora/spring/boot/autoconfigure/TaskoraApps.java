package dev.taskora.spring.boot.autoconfigure;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import dev.taskora.engine.Taskora;
import dev.taskora.spring.core.TaskoraOperations;
import dev.taskora.spring.core.TaskoraWorkerLifecycle;

import org.springframework.beans.factory.BeanFactory;

/**
 * The apps configured under {@code taskora.apps.<name>}, beside the default app: their
 * names, properties and beans, for what reports on every app (health, metrics, the
 * actuator endpoint). A bean named {@code taskoraApps} exists only when at least one such
 * app is configured; a single-app context has none.
 */
public final class TaskoraApps {

	/**
	 * The name the default app ({@code taskora.*}) goes by where apps are told apart: the
	 * {@code app} tag of its meters and the qualifier that aims a
	 * {@link TaskoraBuilderCustomizer} at it alone.
	 */
	public static final String DEFAULT = "default";

	private final Map<String, TaskoraProperties> apps;

	private final BeanFactory beanFactory;

	TaskoraApps(Map<String, TaskoraProperties> apps, BeanFactory beanFactory) {
		this.apps = new TreeMap<>(apps);
		this.beanFactory = beanFactory;
	}

	/**
	 * The names of the apps under {@code taskora.apps}, in alphabetical order.
	 * @return the names, never {@link #DEFAULT}
	 */
	public Set<String> names() {
		return this.apps.keySet();
	}

	/**
	 * The properties of an app.
	 * @param app the app's name
	 * @return its {@code taskora.apps.<app>.*} properties
	 * @throws IllegalArgumentException when no app has that name
	 */
	public TaskoraProperties properties(String app) {
		TaskoraProperties properties = this.apps.get(app);
		if (properties == null) {
			throw new IllegalArgumentException(
					"No taskora app '" + app + "' under taskora.apps; configured: " + names());
		}
		return properties;
	}

	/**
	 * The {@link Taskora} of an app (the bean {@code <app>Taskora}).
	 * @param app the app's name
	 * @return the app
	 */
	public Taskora taskora(String app) {
		properties(app);
		return this.beanFactory.getBean(app + "Taskora", Taskora.class);
	}

	/**
	 * The template of an app (the bean {@code <app>TaskoraTemplate}).
	 * @param app the app's name
	 * @return its operations
	 */
	public TaskoraOperations operations(String app) {
		properties(app);
		return this.beanFactory.getBean(app + "TaskoraTemplate", TaskoraOperations.class);
	}

	/**
	 * The worker lifecycle of an app (the bean {@code <app>TaskoraWorkerLifecycle}).
	 * @param app the app's name
	 * @return its worker lifecycle
	 */
	public TaskoraWorkerLifecycle workerLifecycle(String app) {
		properties(app);
		return this.beanFactory.getBean(app + "TaskoraWorkerLifecycle", TaskoraWorkerLifecycle.class);
	}

}
