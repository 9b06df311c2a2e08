package dev.taskora.spring.core;

import java.time.Duration;

import dev.taskora.engine.Taskora;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Starts taskora's workers once the context is refreshed, and drains them first on
 * shutdown: the phase is high, so workers start after everything they use and stop before
 * it. With workers disabled the app only connects (dispatching and listening still work).
 * <p>
 * Stopping stops the workers only: running jobs get up to the shutdown timeout to finish,
 * the rest go back to waiting for another worker. The context's shutdown waits for them
 * in its phase, at most {@code spring.lifecycle.timeout-per-shutdown-phase}. The
 * connection stays open for requests still dispatching during the web server's graceful
 * shutdown; the {@code Taskora} bean closes when it is destroyed.
 */
public class TaskoraWorkerLifecycle implements SmartLifecycle {

	/** Late start, early stop: as Spring Kafka's listener containers. */
	public static final int DEFAULT_PHASE = Integer.MAX_VALUE - 100;

	private static final Logger logger = LoggerFactory.getLogger(TaskoraWorkerLifecycle.class);

	private final Taskora taskora;

	private final boolean workersEnabled;

	private final Duration shutdownTimeout;

	private int phase = DEFAULT_PHASE;

	private volatile boolean running;

	/**
	 * @param taskora the app
	 * @param workersEnabled whether this process works on jobs (else it only produces and
	 * listens)
	 * @param shutdownTimeout how long stopping waits for running jobs
	 */
	public TaskoraWorkerLifecycle(Taskora taskora, boolean workersEnabled, Duration shutdownTimeout) {
		this.taskora = taskora;
		this.workersEnabled = workersEnabled;
		this.shutdownTimeout = shutdownTimeout;
	}

	@Override
	public void start() {
		if (this.workersEnabled) {
			this.taskora.start();
			logger.info("Taskora workers started for {} task(s): {}",
					this.taskora.tasks().stream().filter(task -> task.handler() != null).count(), this.taskora);
		}
		else {
			this.taskora.connect();
			logger.info("Taskora connected: {}; workers are disabled (taskora.worker.enabled=false)", this.taskora);
		}
		this.running = true;
	}

	@Override
	public void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		drain();
	}

	/**
	 * Drains on a thread of its own and calls back when done, so that the context's
	 * shutdown phase waits at most {@code spring.lifecycle.timeout-per-shutdown-phase}
	 * and the apps of a multi-app context drain side by side.
	 */
	@Override
	public void stop(Runnable callback) {
		if (!this.running) {
			callback.run();
			return;
		}
		this.running = false;
		Thread drainer = new Thread(() -> {
			try {
				drain();
			}
			finally {
				callback.run();
			}
		}, "taskora-shutdown");
		drainer.start();
	}

	private void drain() {
		logger.debug("Stopping taskora workers, waiting up to {} for running jobs", this.shutdownTimeout);
		this.taskora.stop(this.shutdownTimeout);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Whether this process works on jobs. */
	public boolean isWorkersEnabled() {
		return this.workersEnabled;
	}

	@Override
	public int getPhase() {
		return this.phase;
	}

	/**
	 * Moves the workers to another lifecycle phase, e.g. to start them before or stop
	 * them after a bean of yours that uses the same phase range.
	 * @param phase the phase (default {@link #DEFAULT_PHASE})
	 */
	public void setPhase(int phase) {
		this.phase = phase;
	}

}
