package dev.taskora.spring.boot.actuate.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Taskora;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

/**
 * Health of taskora: {@code UP} when the store answers and, if this process works on jobs, its
 * workers run. Details: the adapter, the workers' state, and the queue depth of every task
 * (jobs per state).
 */
public class TaskoraHealthIndicator extends AbstractHealthIndicator {

	private final Taskora taskora;

	private final boolean workersEnabled;

	private final Duration timeout;

	/**
	 * @param taskora the app
	 * @param workersEnabled whether workers are expected to run in this process
	 * @param timeout how long reading the store may take before the check fails
	 */
	public TaskoraHealthIndicator(Taskora taskora, boolean workersEnabled, Duration timeout) {
		super("Taskora health check failed");
		this.taskora = taskora;
		this.workersEnabled = workersEnabled;
		this.timeout = timeout;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		// One round trip for every task; connecting first, so an app without tasks still checks the store.
		Map<String, Map<JobState, Long>> counts = this.taskora.inspect()
			.countsAsync()
			.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
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
		builder.withDetail("adapter", this.taskora.inspect().adapterName())
			.withDetail("workers", workers)
			.withDetail("queues", queues);
	}

}
