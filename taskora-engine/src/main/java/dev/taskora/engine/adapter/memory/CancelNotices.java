package dev.taskora.engine.adapter.memory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.taskora.engine.event.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The memory counterpart of a task's cancel channel: listeners per task, told the id of
 * an active job that was flagged for cancellation.
 */
final class CancelNotices {

	private static final Logger logger = LoggerFactory.getLogger(CancelNotices.class);

	private final Map<String, List<Consumer<String>>> listeners = new ConcurrentHashMap<>();

	Registration subscribe(String task, Consumer<String> listener) {
		Objects.requireNonNull(task, "task must not be null");
		Objects.requireNonNull(listener, "listener must not be null");
		List<Consumer<String>> ofTask = this.listeners.computeIfAbsent(task, (name) -> new CopyOnWriteArrayList<>());
		ofTask.add(listener);
		return () -> ofTask.remove(listener);
	}

	/**
	 * Tells every listener of the task; one failing listener does not keep the others
	 * from hearing.
	 */
	void publish(String task, String jobId) {
		for (Consumer<String> listener : this.listeners.getOrDefault(task, List.of())) {
			try {
				listener.accept(jobId);
			}
			catch (RuntimeException ex) {
				logger.warn("Cancel listener of task '{}' failed on job {}", task, jobId, ex);
			}
		}
	}

	void clear() {
		this.listeners.clear();
	}

}
