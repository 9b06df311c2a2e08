package dev.taskora.engine.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.Task;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobStore;
import dev.taskora.engine.contract.PayloadGate;
import dev.taskora.engine.internal.TaskoraRuntime;
import org.jspecify.annotations.Nullable;

/**
 * The workers of one app: starts a worker per task, stops and drains them, and runs jobs
 * on the calling thread for the test runner. The only entry point into the worker package
 * besides {@link HandlerExecutorFactory}.
 * <p>
 * <strong>Internal, not API:</strong> applications start and stop workers through
 * {@code Taskora.start()} / {@code stop()} / {@code close()}.
 */
public final class Workers {

	private final TaskoraRuntime runtime;

	private final HandlerExecutorFactory executorFactory;

	private final List<TaskWorker> running = new ArrayList<>();

	private final Map<String, JobRunner> stepRunners = new ConcurrentHashMap<>();

	private final MigrationGate migrationGate;

	/**
	 * Creates the workers of one app.
	 * @param runtime the app's services (store, serializer, clock, timer, events)
	 * @param executorFactory creates the executor each worker runs handlers on
	 */
	public Workers(TaskoraRuntime runtime, HandlerExecutorFactory executorFactory) {
		this.runtime = runtime;
		this.executorFactory = executorFactory;
		this.migrationGate = new MigrationGate(runtime);
	}

	/** Starts a worker for the task, which must have a handler. */
	public synchronized void start(Task<?, ?> task) {
		this.migrationGate.open();
		TaskWorker worker = new TaskWorker(this.runtime, task, this.executorFactory, this.migrationGate);
		this.running.add(worker);
		worker.start();
	}

	/** The tasks with a running worker, in start order. */
	public synchronized List<String> tasks() {
		return this.running.stream().map(TaskWorker::task).toList();
	}

	/** How many jobs the running workers run now. */
	public synchronized int activeCount() {
		return this.running.stream().mapToInt(TaskWorker::activeCount).sum();
	}

	/**
	 * Stops the worker of one task as {@link #stop(Duration)} stops them all.
	 * @return whether the task had a running worker
	 */
	public boolean stop(String task, Duration timeout) {
		TaskWorker stopping = null;
		synchronized (this) {
			for (TaskWorker worker : this.running) {
				if (worker.task().equals(task)) {
					stopping = worker;
					break;
				}
			}
			if (stopping == null) {
				return false;
			}
			this.running.remove(stopping);
		}
		stopping.drain(timeout);
		return true;
	}

	/**
	 * Stops every worker: claiming stops at once, running jobs get up to {@code timeout}
	 * in all to finish, the rest are interrupted and go back to waiting.
	 */
	public void stop(Duration timeout) {
		List<TaskWorker> stopping;
		synchronized (this) {
			stopping = List.copyOf(this.running);
			this.running.clear();
		}
		stopping.forEach(TaskWorker::stopClaiming);
		long deadline = System.nanoTime() + timeout.toNanos();
		for (TaskWorker worker : stopping) {
			worker.drain(Duration.ofNanos(Math.max(deadline - System.nanoTime(), 0)));
		}
		synchronized (this) {
			if (this.running.isEmpty()) {
				this.migrationGate.close();
			}
		}
	}

	/**
	 * Claims and runs the task's claimable jobs one at a time on the calling thread,
	 * through the same runner workers use, until none is left now.
	 * @return how many jobs ran
	 */
	public int runClaimable(Task<?, ?> task) {
		JobRunner runner = this.stepRunners.computeIfAbsent(task.name(), name -> new JobRunner(this.runtime, task));
		JobStore jobs = this.runtime.adapter().jobs();
		int ran = 0;
		Set<String> handedBack = new HashSet<>();
		ClaimedJob job = jobs.claim(task.name(), runner.claimRequest()).join();
		while (job != null) {
			boolean newer = PayloadGate.verdict(task.versioning(), job.version()) == PayloadGate.Verdict.HAND_BACK;
			if (newer && !handedBack.add(job.id())) {
				// back at a job handed back already: everything else claimable has run
				jobs.nack(task.name(), job.id(), job.token()).join();
				break;
			}
			runner.run(job, () -> null);
			if (!newer) {
				ran++;
			}
			job = jobs.claim(task.name(), runner.claimRequest()).join();
		}
		return ran;
	}

	/**
	 * Calls the task's middleware and handler directly, retrying inline (without waiting
	 * for backoff) until an attempt succeeds or the retry policy gives up. No queue, no
	 * storage.
	 * @throws RuntimeException the last attempt's error (checked ones wrapped in
	 * {@link JobFailedException})
	 */
	public static <I, O> @Nullable O runInline(TaskoraRuntime runtime, Task<I, O> task, @Nullable I data) {
		return InlineRunner.run(runtime, task, data);
	}

}
