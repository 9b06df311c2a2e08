package dev.taskora.engine;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import dev.taskora.engine.event.WorkerClosingEvent;
import dev.taskora.engine.event.WorkerReadyEvent;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.schedule.Scheduler;
import dev.taskora.engine.worker.Workers;
import dev.taskora.engine.workflow.WorkflowManager;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether an app runs, and the moves between its states: connecting, starting the workers
 * and the scheduler, pausing one task's worker, stopping, closing (also from the JVM's
 * shutdown hook). {@link Taskora} delegates its lifecycle methods here and asks it
 * whether a newly defined task's worker starts at once.
 */
final class AppLifecycle {

	// logged under Taskora, the category users already configure
	private static final Logger logger = LoggerFactory.getLogger(Taskora.class);

	private final TaskoraRuntime runtime;

	private final Workers workers;

	private final Scheduler scheduler;

	private final WorkflowManager workflows;

	private final Duration shutdownTimeout;

	private final boolean shutdownHook;

	private final Set<String> pausedWorkers = ConcurrentHashMap.newKeySet();

	private volatile boolean started;

	private volatile boolean closed;

	private @Nullable Thread hook;

	AppLifecycle(TaskoraRuntime runtime, Workers workers, Scheduler scheduler, WorkflowManager workflows,
			Duration shutdownTimeout, boolean shutdownHook) {
		this.runtime = runtime;
		this.workers = workers;
		this.scheduler = scheduler;
		this.workflows = workflows;
		this.shutdownTimeout = shutdownTimeout;
		this.shutdownHook = shutdownHook;
	}

	Duration shutdownTimeout() {
		return this.shutdownTimeout;
	}

	void connect() {
		try {
			this.runtime.listening().join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new TaskoraException("Could not connect: " + ex.getCause(), ex.getCause());
		}
	}

	synchronized void start() {
		if (this.closed) {
			throw new IllegalStateException("taskora is closed");
		}
		if (this.started) {
			return;
		}
		connect();
		this.started = true;
		if (this.shutdownHook && this.hook == null) {
			Thread closing = new Thread(this::closeOnShutdown, "taskora-shutdown");
			Runtime.getRuntime().addShutdownHook(closing);
			this.hook = closing;
		}
		List<Task<?, ?>> starting = this.runtime.tasks()
			.stream()
			.filter(task -> task.handler() != null && !this.pausedWorkers.contains(task.name()))
			.toList();
		if (!starting.isEmpty()) {
			// the store opens what every worker needs side by side, not one worker after
			// the other; a process that only connects opens nothing of it
			this.runtime.adapter().events().prepareWorkers(starting.stream().map(Task::name).toList());
		}
		for (Task<?, ?> task : starting) {
			this.workers.start(task);
		}
		this.runtime.events().publish(new WorkerReadyEvent(this.workers.tasks()));
		this.scheduler.start();
		// A worker that stopped between settling a node's job and advancing its workflow
		// left it waiting.
		Thread recovery = new Thread(() -> {
			try {
				this.workflows.recover();
			}
			catch (RuntimeException ex) {
				logger.warn("Could not check workflows for nodes that finished unheard: {}", ex.getMessage());
			}
		}, "taskora-workflow-recovery");
		recovery.setDaemon(true);
		recovery.start();
	}

	/** Fails when the app is closed: a task defined now would never run. */
	void checkOpen(String task) {
		if (this.closed) {
			throw new IllegalStateException("Cannot define task '" + task + "': taskora is closed");
		}
	}

	/** Starts the worker of a task defined while the app runs, unless it is paused. */
	void defined(Task<?, ?> task) {
		if (this.started && task.handler() != null && !this.pausedWorkers.contains(task.name())) {
			this.workers.start(task);
		}
	}

	/** Starts the worker of a producer-only task that just got a handler. */
	void implemented(Task<?, ?> task) {
		if (this.started) {
			this.workers.start(task);
		}
	}

	void pauseWorker(String task, Duration timeout) {
		requireHandled(task);
		if (this.pausedWorkers.add(task)) {
			this.workers.stop(task, timeout);
			logger.info("Worker of task '{}' paused", task);
		}
	}

	void resumeWorker(String task) {
		Task<?, ?> handled = requireHandled(task);
		synchronized (this) {
			if (this.pausedWorkers.remove(task) && this.started && !this.closed) {
				this.workers.start(handled);
				logger.info("Worker of task '{}' resumed", task);
			}
		}
	}

	boolean isWorkerPaused(String task) {
		return this.pausedWorkers.contains(task);
	}

	private Task<?, ?> requireHandled(String name) {
		Task<?, ?> task = this.runtime.task(name);
		if (task == null || task.handler() == null) {
			throw new IllegalArgumentException("No task '" + name + "' with a handler is registered; tasks with one: "
					+ this.runtime.tasks().stream().filter(t -> t.handler() != null).map(Task::name).sorted().toList());
		}
		return task;
	}

	boolean isRunning() {
		return this.started && !this.closed;
	}

	void stop(Duration timeout) {
		// first, so that another process leads while this one drains (it also ends a
		// leadership a test took by ticking an app it never started)
		this.scheduler.stop();
		synchronized (this) {
			if (!this.started) {
				return;
			}
			this.started = false;
		}
		if (!this.workers.tasks().isEmpty()) {
			this.runtime.events().publish(new WorkerClosingEvent());
		}
		this.workers.stop(timeout);
	}

	void close(Duration timeout) {
		Thread registered;
		synchronized (this) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			registered = this.hook;
			this.hook = null;
		}
		if (registered != null && Thread.currentThread() != registered) {
			try {
				Runtime.getRuntime().removeShutdownHook(registered);
			}
			catch (IllegalStateException shuttingDown) {
				// the JVM is already shutting down; the hook finds the app closed
			}
		}
		stop(timeout);
		this.runtime.close();
		try {
			this.runtime.adapter().disconnect().join();
		}
		catch (RuntimeException ex) {
			logger.warn("Adapter did not disconnect cleanly", ex);
		}
	}

	/** The shutdown hook's work: drain and disconnect as {@link Taskora#close()} does. */
	private void closeOnShutdown() {
		if (this.closed) {
			return;
		}
		logger.info(
				"JVM shutting down: taskora stops claiming, waits up to {}ms for {} running job(s), then disconnects",
				this.shutdownTimeout.toMillis(), this.workers.activeCount());
		close(this.shutdownTimeout);
	}

}
