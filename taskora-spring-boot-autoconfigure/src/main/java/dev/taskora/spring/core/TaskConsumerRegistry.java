package dev.taskora.spring.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The {@link TaskConsumerContainer containers} of the application's
 * {@link dev.taskora.spring.annotation.TaskConsumer @TaskConsumer}s by id, as Spring
 * Kafka's {@code KafkaListenerEndpointRegistry}: pause and resume one consumer at
 * runtime.
 *
 * <pre>{@code
 * registry.getConsumer("send-email").pause();   // its jobs wait, other tasks go on
 * registry.getConsumer("send-email").resume();
 * }</pre>
 */
public class TaskConsumerRegistry {

	private final Map<String, TaskConsumerContainer> containers = new ConcurrentHashMap<>();

	/**
	 * Adds a consumer's container.
	 * @throws IllegalStateException when a container already has its id
	 */
	public void register(TaskConsumerContainer container) {
		TaskConsumerContainer existing = this.containers.putIfAbsent(container.getId(), container);
		if (existing != null) {
			throw new IllegalStateException(
					"Two @TaskConsumers have the id '" + container.getId() + "': bean '" + existing.getBeanName()
							+ "' (task '" + existing.getTask() + "') and bean '" + container.getBeanName() + "' (task '"
							+ container.getTask() + "'); give one of them another id: @TaskConsumer(id = \"...\")");
		}
		if (!container.isAutoStartup()) {
			container.pause();
		}
	}

	/** The container of that id, or {@code null}. */
	public @Nullable TaskConsumerContainer getConsumer(String id) {
		return this.containers.get(id);
	}

	/**
	 * The container of that id.
	 * @throws IllegalArgumentException naming the known ids when there is none
	 */
	public TaskConsumerContainer requireConsumer(String id) {
		TaskConsumerContainer container = this.containers.get(id);
		if (container == null) {
			throw new IllegalArgumentException("No @TaskConsumer has the id '" + id + "'; known ids: "
					+ getConsumerIds().stream().sorted().toList());
		}
		return container;
	}

	/** Every container. */
	public Collection<TaskConsumerContainer> getConsumers() {
		return List.copyOf(new ArrayList<>(this.containers.values()));
	}

	/** The ids of every container. */
	public Set<String> getConsumerIds() {
		return Set.copyOf(this.containers.keySet());
	}

}
