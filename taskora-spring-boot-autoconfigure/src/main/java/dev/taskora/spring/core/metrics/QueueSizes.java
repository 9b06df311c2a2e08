package dev.taskora.spring.core.metrics;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Taskora;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-state job counts read from the store for every task at once, one read per cache
 * period, so a scrape of every task's state gauges costs one round trip.
 */
final class QueueSizes {

	private static final Logger logger = LoggerFactory.getLogger(QueueSizes.class);

	private static final long READ_TIMEOUT_MS = 5_000;

	private final Taskora taskora;

	private final long cacheNanos;

	private volatile @Nullable Snapshot snapshot;

	QueueSizes(Taskora taskora, Duration cacheTime) {
		this.taskora = taskora;
		this.cacheNanos = cacheTime.toNanos();
	}

	double count(String task, JobState state) {
		long now = System.nanoTime();
		Snapshot current = this.snapshot;
		if (current == null || now - current.readAt() > this.cacheNanos || !current.counts().containsKey(task)) {
			current = read(now);
			if (current == null) {
				return Double.NaN;
			}
			this.snapshot = current;
		}
		Map<JobState, Long> counts = current.counts().get(task);
		Long count = (counts != null) ? counts.get(state) : null;
		return (count != null) ? count : 0;
	}

	private @Nullable Snapshot read(long now) {
		try {
			return new Snapshot(now, this.taskora.inspect().countsAsync().get(READ_TIMEOUT_MS, TimeUnit.MILLISECONDS));
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			logger.debug("Could not read queue sizes", ex);
			return null;
		}
	}

	private record Snapshot(long readAt, Map<String, Map<JobState, Long>> counts) {
	}

}
