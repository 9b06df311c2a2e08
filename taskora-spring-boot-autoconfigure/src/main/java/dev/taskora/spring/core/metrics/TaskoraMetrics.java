package dev.taskora.spring.core.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.event.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Taskora's meters, each tagged {@code task}, with a description and the base unit
 * {@code jobs}:
 * <ul>
 * <li>{@code taskora.jobs.completed}, {@code .failed} (no attempt left), {@code .retried}
 * (a failed attempt that will be retried), {@code .cancelled} and {@code .stalled}:
 * counters of the task's outcomes as the store's events report them, whichever process
 * ran the job;</li>
 * <li>{@code taskora.queue.size}: a gauge of the task's jobs per {@code state}, read from
 * the store for every task at once.</li>
 * </ul>
 * Both are the store's view, the same on every instance sharing it: aggregate them with
 * max, not sum. How long this process's handlers take, and how often they fail, is the
 * {@code taskora.process} observation's timer.
 * <p>
 * The meters of every task the app knows exist from the moment the binder is bound (a
 * dashboard shows 0, not nothing); tasks registered later get theirs when the workers
 * start, at their first event, or with {@link #bindTasks()}. The binder listens to the
 * app's events; it is not middleware.
 */
public class TaskoraMetrics implements MeterBinder {

	private final Taskora taskora;

	private final QueueSizes queueSizes;

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	/** The tasks whose meters each registry has. */
	private final Map<MeterRegistry, Set<String>> boundTasks = new ConcurrentHashMap<>();

	private final AtomicBoolean listening = new AtomicBoolean();

	private final Tags tags;

	/**
	 * Creates the binder; per-state counts read from the store are reused for a second.
	 * @param taskora the app
	 */
	public TaskoraMetrics(Taskora taskora) {
		this(taskora, Duration.ofSeconds(1));
	}

	/**
	 * Creates the binder.
	 * @param taskora the app
	 * @param queueSizeCacheTime how long per-state counts read from the store are reused,
	 * so that one scrape reads the store once
	 */
	public TaskoraMetrics(Taskora taskora, Duration queueSizeCacheTime) {
		this(taskora, queueSizeCacheTime, Tags.empty());
	}

	/**
	 * Creates the binder whose meters all carry the given tags beside {@code task} (and
	 * {@code state}), such as the {@code app} of a context with several apps.
	 * @param taskora the app
	 * @param queueSizeCacheTime how long per-state counts read from the store are reused,
	 * so that one scrape reads the store once
	 * @param tags the tags every meter carries
	 */
	public TaskoraMetrics(Taskora taskora, Duration queueSizeCacheTime, Iterable<Tag> tags) {
		this.taskora = taskora;
		this.queueSizes = new QueueSizes(taskora, queueSizeCacheTime);
		this.tags = Tags.of(tags);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (!this.registries.contains(registry)) {
			this.registries.add(registry);
		}
		if (this.listening.compareAndSet(false, true)) {
			listen();
		}
		bindTasks();
	}

	/** Adds the meters of tasks registered since the binder was bound. */
	public void bindTasks() {
		for (Task<?, ?> task : this.taskora.tasks()) {
			bindTask(task.name());
		}
	}

	private void listen() {
		this.taskora.on(EventType.COMPLETED, event -> increment(event.task(), Outcome.COMPLETED));
		this.taskora.on(EventType.FAILED, event -> {
			if (!event.willRetry()) {
				increment(event.task(), Outcome.FAILED);
			}
		});
		this.taskora.on(EventType.RETRYING, event -> increment(event.task(), Outcome.RETRIED));
		this.taskora.on(EventType.CANCELLED, event -> increment(event.task(), Outcome.CANCELLED));
		this.taskora.on(EventType.STALLED, event -> increment(event.task(), Outcome.STALLED));
		// Consumers may be registered after binding; workers starting is the last moment
		// to catch up.
		this.taskora.on(EventType.WORKER_READY, event -> bindTasks());
	}

	private void bindTask(String task) {
		for (MeterRegistry registry : this.registries) {
			if (this.boundTasks.computeIfAbsent(registry, key -> ConcurrentHashMap.newKeySet()).add(task)) {
				for (Outcome outcome : Outcome.values()) {
					counter(registry, task, outcome);
				}
				for (JobState state : JobState.values()) {
					Gauge.builder("taskora.queue.size", () -> this.queueSizes.count(task, state))
						.description("Jobs of the task in the state, as stored")
						.baseUnit("jobs")
						.tag("task", task)
						.tag("state", state.wireName())
						.tags(this.tags)
						.register(registry);
				}
			}
		}
	}

	private void increment(String task, Outcome outcome) {
		bindTask(task);
		for (MeterRegistry registry : this.registries) {
			counter(registry, task, outcome).increment();
		}
	}

	private Counter counter(MeterRegistry registry, String task, Outcome outcome) {
		return Counter.builder("taskora.jobs." + outcome.name)
			.description(outcome.description)
			.baseUnit("jobs")
			.tag("task", task)
			.tags(this.tags)
			.register(registry);
	}

	private enum Outcome {

		COMPLETED("completed", "Jobs of the task that completed"),

		FAILED("failed", "Jobs of the task that failed with no attempt left"),

		RETRIED("retried", "Failed attempts of the task that will be retried"),

		CANCELLED("cancelled", "Jobs of the task that were cancelled"),

		STALLED("stalled", "Times a job of the task stalled (its worker stopped extending its lock)");

		private final String name;

		private final String description;

		Outcome(String name, String description) {
			this.name = name;
			this.description = description;
		}

	}

}
