package dev.taskora.spring.boot.actuate.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Taskora;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of taskora: {@code UP} when the store answers and, if this process works on
 * jobs, its workers run. Details: the adapter, the workers' state, and the queue depth of
 * every task (jobs per state), read for all tasks at once. A store that does not answer
 * within the timeout is {@code DOWN} with an {@code error} detail saying so.
 */
public class TaskoraHealthIndicator extends AbstractHealthIndicator {

	private final Taskora taskora;

	private final boolean workersEnabled;

	private final Duration timeout;

	/**
	 * Creates the indicator.
	 * @param taskora the app
	 * @param workersEnabled whether workers are expected to run in this process
	 * @param timeout how long reading the store may take before the check reports
	 * {@code DOWN}
	 */
	public TaskoraHealthIndicator(Taskora taskora, boolean workersEnabled, Duration timeout) {
		super("Taskora health check failed");
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, was " + timeout);
		}
		this.taskora = taskora;
		this.workersEnabled = workersEnabled;
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		String adapter = this.taskora.inspect().adapterName();
		builder.withDetail("adapter", adapter);
		// One read for every task; it also connects, so an app without tasks still checks
		// the store.
		CompletableFuture<Map<String, Map<JobState, Long>>> read = this.taskora.inspect().countsAsync();
		Map<String, Map<JobState, Long>> counts;
		try {
			counts = read.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			read.cancel(false);
			builder.down()
				.withDetail("error", "The store (" + adapter + ") did not return the queue counts within "
						+ this.timeout.toMillis() + "ms (taskora.health.timeout)");
			return;
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			builder.down(cause)
				.withDetail("error", "The store (" + adapter + ") failed to return the queue counts: " + cause);
			return;
		}
		Map<String, Map<String, Long>> queues = new TreeMap<>();
		counts.forEach((task, byState) -> {
			Map<String, Long> byWireName = new LinkedHashMap<>();
			for (JobState state : JobState.values()) {
				byWireName.put(state.wireName(), byState.getOrDefault(state, 0L));
			}
			queues.put(task, byWireName);
		});
		boolean running = this.taskora.isRunning();
		String workers = !this.workersEnabled ? "disabled" : (running ? "running" : "stopped");
		builder.status((!this.workersEnabled || running) ? Status.UP : Status.DOWN);
		builder.withDetail("workers", workers).withDetail("queues", queues);
	}

}
