package dev.taskora.spring.core.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Taskora;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-state job counts read from the store, one read per task per cache period, so a scrape of
 * eight state gauges costs one round trip per task.
 */
final class QueueSizes {

	private static final Logger logger = LoggerFactory.getLogger(QueueSizes.class);

	private static final long READ_TIMEOUT_MS = 5_000;

	private final Taskora taskora;

	private final long cacheNanos;

	private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

	QueueSizes(Taskora taskora, Duration cacheTime) {
		this.taskora = taskora;
		this.cacheNanos = cacheTime.toNanos();
	}

	double count(String task, JobState state) {
		long now = System.nanoTime();
		Snapshot snapshot = this.snapshots.get(task);
		if (snapshot == null || now - snapshot.readAt() > this.cacheNanos) {
			snapshot = read(task, now);
			if (snapshot == null) {
				return Double.NaN;
			}
			this.snapshots.put(task, snapshot);
		}
		Long count = snapshot.counts().get(state);
		return (count != null) ? count : 0;
	}

	private @Nullable Snapshot read(String task, long now) {
		try {
			Map<JobState, Long> counts = this.taskora.adapter().inspect()
				.countByState(task)
				.get(READ_TIMEOUT_MS, TimeUnit.MILLISECONDS);
			return new Snapshot(now, counts);
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			logger.debug("Could not read queue sizes of task '{}'", task, ex);
			return null;
		}
	}

	private record Snapshot(long readAt, Map<JobState, Long> counts) {
	}

}
