package dev.taskora.spring.core.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Middleware;
import dev.taskora.engine.MiddlewareContext;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.event.EventType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;

/**
 * Taskora's meters, for the jobs this process works on:
 * <ul>
 * <li>{@code taskora.jobs.completed}, {@code .failed} (no attempt left), {@code .retried} and
 * {@code .cancelled}: counters tagged {@code task};</li>
 * <li>{@code taskora.job.duration}: a timer of handler runs tagged {@code task};</li>
 * <li>{@code taskora.queue.size}: a gauge of jobs per {@code task} and {@code state}, read from the
 * store (so the same on every instance: aggregate it with max, not sum).</li>
 * </ul>
 * Outcomes come from taskora's events, which every process sharing the store receives; a job counts
 * only on the process that ran it, which this binder knows because it also runs as middleware.
 */
public class TaskoraMetrics implements MeterBinder, Middleware, Ordered {

	private static final int PURGE_THRESHOLD = 10_000;

	private static final long PURGE_AGE_NANOS = TimeUnit.HOURS.toNanos(1);

	private final Taskora taskora;

	private final QueueSizes queueSizes;

	/**
	 * Attempts whose handler ran here, until their outcome event arrives ("id#attempt" to start
	 * time). Keyed by attempt: the next attempt may start here before the previous one's retry
	 * event is delivered.
	 */
	private final Map<String, Long> localJobs = new ConcurrentHashMap<>();

	private final Set<String> gaugedTasks = ConcurrentHashMap.newKeySet();

	private final AtomicBoolean subscribed = new AtomicBoolean();

	private volatile @Nullable MeterRegistry registry;

	public TaskoraMetrics(Taskora taskora) {
		this(taskora, Duration.ofSeconds(1));
	}

	/**
	 * @param taskora the app
	 * @param queueSizeCacheTime how long per-state counts read from the store are reused, so that
	 * one scrape reads each task once
	 */
	public TaskoraMetrics(Taskora taskora, Duration queueSizeCacheTime) {
		this.taskora = taskora;
		this.queueSizes = new QueueSizes(taskora, queueSizeCacheTime);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		if (this.subscribed.compareAndSet(false, true)) {
			this.taskora.on(EventType.COMPLETED,
					event -> outcome(event.task(), this.localJobs.remove(key(event.id(), event.attempt())), "completed"));
			this.taskora.on(EventType.FAILED, event -> {
				if (!event.willRetry()) {
					outcome(event.task(), this.localJobs.remove(key(event.id(), event.attempt())), "failed");
				}
			});
			this.taskora.on(EventType.RETRYING,
					event -> outcome(event.task(), this.localJobs.remove(key(event.id(), event.attempt())), "retried"));
			this.taskora.on(EventType.CANCELLED, event -> {
				String prefix = event.id() + "#";
				boolean local = this.localJobs.keySet().removeIf(key -> key.startsWith(prefix));
				outcome(event.task(), local ? 0L : null, "cancelled");
			});
			// Consumers may be registered after binding; workers starting is the last moment to catch up.
			this.taskora.on(EventType.WORKER_READY, event -> bindQueueSizes());
		}
		bindQueueSizes();
	}

	/** Adds queue-size gauges for tasks registered since the last call. */
	public void bindQueueSizes() {
		MeterRegistry current = this.registry;
		if (current == null) {
			return;
		}
		for (Task<?, ?> task : this.taskora.tasks()) {
			if (this.gaugedTasks.add(task.name())) {
				for (JobState state : JobState.values()) {
					Gauge.builder("taskora.queue.size", () -> this.queueSizes.count(task.name(), state))
						.description("Jobs of the task in the state, as stored")
						.baseUnit("jobs")
						.tag("task", task.name())
						.tag("state", state.wireName())
						.register(current);
				}
			}
		}
	}

	@Override
	public void handle(MiddlewareContext ctx, Next next) throws Exception {
		long start = System.nanoTime();
		this.localJobs.put(key(ctx.id(), ctx.attempt()), start);
		purgeIfLarge(start);
		try {
			next.proceed();
		}
		finally {
			MeterRegistry current = this.registry;
			if (current != null) {
				Timer.builder("taskora.job.duration")
					.description("Time handlers of the task took, including middleware")
					.tag("task", ctx.task())
					.register(current)
					.record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			}
		}
	}

	private static String key(String jobId, int attempt) {
		return jobId + "#" + attempt;
	}

	/** Counts an outcome if its attempt ran here ({@code localStart} not null). */
	private void outcome(String task, @Nullable Long localStart, String outcome) {
		MeterRegistry current = this.registry;
		if (current == null || localStart == null) {
			return;
		}
		Counter.builder("taskora.jobs." + outcome)
			.description(description(outcome))
			.baseUnit("jobs")
			.tag("task", task)
			.register(current)
			.increment();
	}

	private static String description(String outcome) {
		return switch (outcome) {
			case "completed" -> "Jobs of the task this process completed";
			case "failed" -> "Jobs of the task that failed here with no attempt left";
			case "retried" -> "Attempts of the task that failed here and will be retried";
			default -> "Jobs of the task cancelled while this process ran them";
		};
	}

	private void purgeIfLarge(long now) {
		if (this.localJobs.size() > PURGE_THRESHOLD) {
			// Outcome events lost (a process stopped mid-job) would otherwise pin their ids forever.
			this.localJobs.values().removeIf(start -> now - start > PURGE_AGE_NANOS);
		}
	}

	@Override
	public int getOrder() {
		return HIGHEST_PRECEDENCE + 10;
	}

}
