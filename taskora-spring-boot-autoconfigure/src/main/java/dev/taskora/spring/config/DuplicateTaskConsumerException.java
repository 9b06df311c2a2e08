package dev.taskora.spring.config;

import java.util.List;

import org.springframework.beans.factory.BeanInitializationException;

/** Two handlers claim one task: a task has exactly one handler per app. */
public class DuplicateTaskConsumerException extends BeanInitializationException {

	private final String task;

	private final List<String> consumers;

	/**
	 * @param task the task name
	 * @param consumers the bean names (or descriptions) of every handler claiming it
	 */
	public DuplicateTaskConsumerException(String task, List<String> consumers) {
		super("Task '" + task + "' has more than one consumer: " + String.join(", ", consumers));
		this.task = task;
		this.consumers = List.copyOf(consumers);
	}

	/**
	 * The task that more than one handler claims.
	 * @return the task name
	 */
	public String getTask() {
		return this.task;
	}

	/** Every handler that claims the task. */
	public List<String> getConsumers() {
		return this.consumers;
	}

}
