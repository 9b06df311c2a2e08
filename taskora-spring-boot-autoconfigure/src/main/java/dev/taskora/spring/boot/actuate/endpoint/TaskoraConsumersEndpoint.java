package dev.taskora.spring.boot.actuate.endpoint;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.taskora.spring.core.TaskConsumerContainer;
import dev.taskora.spring.core.TaskConsumerRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code taskoraconsumers} actuator endpoint: the application's
 * {@link dev.taskora.spring.annotation.TaskConsumer @TaskConsumer}s, each paused and
 * resumed on its own.
 * <ul>
 * <li>{@code GET /actuator/taskoraconsumers}: every consumer by id, with its task, bean,
 * and whether it is paused or running;</li>
 * <li>{@code GET /actuator/taskoraconsumers/{id}}: one consumer, 404 when unknown;</li>
 * <li>{@code POST /actuator/taskoraconsumers/{id}/pause} and {@code .../resume}: stops
 * the consumer claiming jobs (running ones finish; its jobs wait), or lets it claim them
 * again.</li>
 * </ul>
 */
@Endpoint(id = "taskoraconsumers")
public class TaskoraConsumersEndpoint {

	private final TaskConsumerRegistry registry;

	/**
	 * Creates the endpoint over the app's consumers.
	 * @param registry the registry of every {@code @TaskConsumer} method's consumer
	 */
	public TaskoraConsumersEndpoint(TaskConsumerRegistry registry) {
		this.registry = registry;
	}

	/** Every consumer by id. */
	@ReadOperation
	public Map<String, ConsumerDescriptor> consumers() {
		Map<String, ConsumerDescriptor> consumers = new LinkedHashMap<>();
		this.registry.getConsumers()
			.stream()
			.sorted(Comparator.comparing(TaskConsumerContainer::getId))
			.forEach(container -> consumers.put(container.getId(), ConsumerDescriptor.of(container)));
		return consumers;
	}

	/** One consumer, {@code null} (404) when unknown. */
	@ReadOperation
	public @Nullable ConsumerDescriptor consumer(@Selector String id) {
		TaskConsumerContainer container = this.registry.getConsumer(id);
		return (container != null) ? ConsumerDescriptor.of(container) : null;
	}

	/**
	 * Pauses or resumes one consumer.
	 * @return the consumer afterwards, {@code null} (404) when unknown
	 */
	@WriteOperation
	public @Nullable ConsumerDescriptor consumerAction(@Selector String id, @Selector String action) {
		TaskConsumerContainer container = this.registry.getConsumer(id);
		if (container == null) {
			return null;
		}
		switch (action) {
			case "pause" -> container.pause();
			case "resume" -> container.resume();
			default -> throw new InvalidEndpointRequestException(
					"Unknown action '" + action + "' on consumer '" + id + "'; use pause or resume", "Unknown action");
		}
		return ConsumerDescriptor.of(container);
	}

	/**
	 * A consumer as the endpoint shows it.
	 *
	 * @param task the task it handles
	 * @param bean the bean hosting it
	 * @param autoStartup whether it starts with the application
	 * @param paused whether it is paused
	 * @param running whether it claims jobs now
	 */
	public record ConsumerDescriptor(String task, String bean, boolean autoStartup, boolean paused, boolean running) {

		static ConsumerDescriptor of(TaskConsumerContainer container) {
			return new ConsumerDescriptor(container.getTask(), container.getBeanName(), container.isAutoStartup(),
					container.isPaused(), container.isRunning());
		}

	}

}
