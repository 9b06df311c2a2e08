package dev.taskora.engine.worker;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobStore;
import dev.taskora.engine.adapter.Maintenance;
import dev.taskora.engine.adapter.StoreUnavailableException;
import dev.taskora.engine.adapter.WorkWaiter;
import dev.taskora.engine.event.Registration;
import dev.taskora.engine.event.WorkerErrorEvent;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.job.Retention;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one task's jobs: a claiming thread that blocks on the adapter while there is
 * no work, up to {@code concurrency} handlers at once, a lock extender, the periodic
 * stall sweep, and retention trimming after every batch of settled jobs and at every
 * sweep. A handler that finishes settles its job and claims the next in one call.
 */
final class TaskWorker {

	private static final Logger logger = LoggerFactory.getLogger(TaskWorker.class);

	/** Safety net only: the waiter wakes on new work long before this. */
	private static final Duration IDLE_WAIT = Duration.ofSeconds(5);

	private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

	/** Most jobs one trim call removes (the scripts' budget). */
	private static final int TRIM_BATCH = 100;

	/** Settled jobs between two retention rounds started by settling. */
	private static final int TRIM_EVERY = 50;

	/** Most trim calls per state in one round. */
	private static final int TRIM_MAX_CALLS = 1_000;

	/**
	 * Settled jobs past which a handler waits for the running retention round before it
	 * runs its next job: trimming that falls behind slows the worker instead of letting
	 * the sets grow.
	 */
	private static final int TRIM_BACKLOG = 2 * TRIM_EVERY;

	/** Longest such wait: an unanswered trim never holds a handler longer. */
	private static final long TRIM_WAIT_MS = 2_000;

	private static final JobState[] FINISHED = { JobState.COMPLETED, JobState.FAILED, JobState.CANCELLED,
			JobState.EXPIRED };

	private final TaskoraRuntime runtime;

	private final JobStore jobs;

	private final Task<?, ?> task;

	private final HandlerExecutorFactory executorFactory;

	private final JobRunner runner;

	private final Semaphore slots;

	private final MigrationGate migrationGate;

	private final int concurrency;

	/**
	 * The next claim's request, one supplier for every job rather than a method reference
	 * per job.
	 */
	private final Supplier<@Nullable ClaimRequest> nextRequest = this::nextRequest;

	private final AtomicInteger settledSinceTrim = new AtomicInteger();

	private final AtomicBoolean trimming = new AtomicBoolean();

	private volatile CompletableFuture<Void> trimRound = CompletableFuture.completedFuture(null);

	private volatile boolean running;

	private @Nullable ExecutorService executor;

	private @Nullable WorkWaiter waiter;

	private @Nullable Registration cancellations;

	private @Nullable ScheduledFuture<?> lockExtension;

	private @Nullable ScheduledFuture<?> housekeeping;

	private @Nullable Thread claimer;

	TaskWorker(TaskoraRuntime runtime, Task<?, ?> task, HandlerExecutorFactory executorFactory,
			MigrationGate migrationGate) {
		this.migrationGate = migrationGate;
		this.runtime = runtime;
		this.jobs = runtime.adapter().jobs();
		this.task = task;
		this.executorFactory = executorFactory;
		this.runner = new JobRunner(runtime, task);
		this.concurrency = task.options().concurrency();
		this.slots = new Semaphore(this.concurrency);
	}

	/** The task name. */
	String task() {
		return this.task.name();
	}

	/** How many of this worker's jobs are running now. */
	int activeCount() {
		return this.runner.activeJobs().size();
	}

	synchronized void start() {
		String name = this.task.name();
		this.running = true;
		this.executor = this.executorFactory.create(name, this.concurrency);
		this.waiter = this.runtime.adapter().events().workWaiter(name);
		this.cancellations = this.runtime.adapter().events().subscribeCancellations(name, this.runner::cancel);
		long extendEvery = LockRenewal.periodMs(this.runtime.lockTtl());
		this.lockExtension = this.runtime.timer()
			.scheduleAtFixedRate(this.runner::extendLocks, extendEvery, extendEvery, TimeUnit.MILLISECONDS);
		long sweepEvery = this.task.options().stall().interval().toMillis();
		this.housekeeping = this.runtime.timer()
			.scheduleWithFixedDelay(this::sweep, sweepEvery, sweepEvery, TimeUnit.MILLISECONDS);
		Thread thread = new Thread(this::claimLoop, "taskora-worker-" + name);
		thread.setDaemon(true);
		this.claimer = thread;
		thread.start();
	}

	private void claimLoop() {
		WorkWaiter waiter = this.waiter;
		long failureBackoff = 0;
		while (this.running && waiter != null) {
			long handBackPause = this.runner.handBackPauseMs();
			if (handBackPause > 0 && !pause(handBackPause)) {
				return;
			}
			try {
				this.migrationGate.awaitClear();
				this.slots.acquire();
			}
			catch (InterruptedException ex) {
				return;
			}
			if (!this.running) {
				this.slots.release();
				return;
			}
			ClaimedJob job;
			try {
				// The reply hands the job to a handler thread itself: the job does not
				// wait for this thread to wake up first. The slot is the callback's from
				// here on.
				job = claimAndDispatch().get();
				failureBackoff = 0;
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (ExecutionException ex) {
				failureBackoff = claimFailed((ex.getCause() != null) ? ex.getCause() : ex, failureBackoff);
				if (!pause(failureBackoff)) {
					return;
				}
				continue;
			}
			if (job == null) {
				try {
					waiter.await(IDLE_WAIT);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	/**
	 * Claims one job under a slot already taken; the job goes to a handler, or the slot
	 * is given back.
	 */
	private CompletableFuture<@Nullable ClaimedJob> claimAndDispatch() {
		CompletableFuture<@Nullable ClaimedJob> claim;
		try {
			claim = this.jobs.claim(this.task.name(), this.runner.claimRequest());
		}
		catch (RuntimeException ex) {
			claim = CompletableFuture.failedFuture(ex);
		}
		return claim.whenComplete((job, error) -> {
			if (job != null) {
				dispatchToHandler(job);
			}
			else {
				this.slots.release();
			}
		});
	}

	private void dispatchToHandler(ClaimedJob job) {
		ExecutorService executor = this.executor;
		try {
			if (executor == null) {
				throw new RejectedExecutionException("worker of task '" + this.task.name() + "' is not started");
			}
			executor.execute(() -> process(job));
		}
		catch (RejectedExecutionException ex) {
			// Only during shutdown: hand the job back untouched.
			this.jobs.nack(this.task.name(), job.id(), job.token());
			this.slots.release();
		}
	}

	private void process(ClaimedJob first) {
		try {
			ClaimedJob next = first;
			while (next != null) {
				next = this.runner.run(next, this.nextRequest);
				settled();
			}
		}
		catch (RuntimeException ex) {
			logger.error("Worker of task '{}' failed", this.task.name(), ex);
			this.runtime.events().publish(new WorkerErrorEvent(this.task.name(), ex));
		}
		finally {
			this.slots.release();
		}
	}

	private @Nullable ClaimRequest nextRequest() {
		return (this.running && !this.migrationGate.paused()) ? this.runner.claimRequest() : null;
	}

	private long claimFailed(Throwable error, long previousBackoff) {
		if (StoreUnavailableException.isCause(error)) {
			// the adapter logs the outage once; a line per retry here would repeat it
			logger.debug("Worker of task '{}' cannot claim jobs; retrying with backoff", this.task.name(), error);
		}
		else if (previousBackoff == 0) {
			logger.error("Worker of task '{}' cannot claim jobs; retrying with backoff", this.task.name(), error);
		}
		if (previousBackoff == 0) {
			this.runtime.events().publish(new WorkerErrorEvent(this.task.name(), error));
		}
		// capped at 1 s: a worker resumes within about a second of the store answering
		// again
		return Math.min(Math.max(previousBackoff * 2, 100), 1_000);
	}

	private boolean pause(long millis) {
		try {
			Thread.sleep(millis);
			return this.running;
		}
		catch (InterruptedException ex) {
			return false;
		}
	}

	private void sweep() {
		Maintenance maintenance = this.runtime.adapter().maintenance();
		String name = this.task.name();
		long now = this.runtime.clock().millis();
		maintenance.checkStalled(name, this.task.options().stall().maxCount(), now).whenComplete((sweep, error) -> {
			if (error != null) {
				logHousekeepingFailure("Stall check", name, error);
			}
			else if (!sweep.recovered().isEmpty() || !sweep.failed().isEmpty()) {
				logger.info("Stall check of task '{}': recovered {}, failed {}", name, sweep.recovered(),
						sweep.failed());
			}
		});
		retain();
	}

	/**
	 * Counts a settled job; every {@link #TRIM_EVERY} of them start a retention round,
	 * and past {@link #TRIM_BACKLOG} the handler waits for the round that is running.
	 */
	private void settled() {
		int settled = this.settledSinceTrim.incrementAndGet();
		if (settled >= TRIM_EVERY) {
			retain();
		}
		if (settled >= TRIM_BACKLOG) {
			try {
				this.trimRound.get(TRIM_WAIT_MS, TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (ExecutionException | TimeoutException ex) {
				// the round logs its own failures; the next one tries again
			}
		}
	}

	/**
	 * One retention round, unless one is running: each finished state in turn, trimmed in
	 * calls of at most a batch, repeated while a call removed a full batch (up to
	 * {@link #TRIM_MAX_CALLS}). Started after every {@link #TRIM_EVERY} settled jobs, at
	 * every sweep, and again at once when that many settled while it ran, so that the
	 * sets stay within their {@code maxItems} plus about two backlogs however fast jobs
	 * finish.
	 */
	private void retain() {
		if (!this.trimming.compareAndSet(false, true)) {
			return;
		}
		this.settledSinceTrim.set(0);
		CompletableFuture<Void> finished = new CompletableFuture<>();
		this.trimRound = finished;
		Maintenance maintenance = this.runtime.adapter().maintenance();
		Retention retention = this.runtime.retention();
		long now = this.runtime.clock().millis();
		CompletableFuture<Void> round = CompletableFuture.completedFuture(null);
		for (JobState state : FINISHED) {
			round = round.thenCompose(ignored -> trim(maintenance, state, retention.rule(state), now));
		}
		round.whenComplete((ignored, error) -> {
			this.trimming.set(false);
			finished.complete(null);
			if (this.running && this.settledSinceTrim.get() >= TRIM_EVERY) {
				retain();
			}
		});
	}

	private CompletableFuture<Void> trim(Maintenance maintenance, JobState state, Retention.Rule rule, long now) {
		long cutoff = rule.maxAge().isZero() ? 0 : now - rule.maxAge().toMillis();
		CompletableFuture<Void> done = new CompletableFuture<>();
		if (cutoff == 0 && rule.maxItems() == 0) {
			done.complete(null);
			return done;
		}
		trimStep(maintenance, state, cutoff, rule.maxItems(), TRIM_MAX_CALLS, done);
		return done;
	}

	private void trimStep(Maintenance maintenance, JobState state, long cutoff, int maxItems, int callsLeft,
			CompletableFuture<Void> done) {
		String name = this.task.name();
		CompletableFuture<Integer> call;
		try {
			call = maintenance.trim(name, state, cutoff, maxItems);
		}
		catch (RuntimeException ex) {
			call = CompletableFuture.failedFuture(ex);
		}
		// async: a store that answers at once (memory) must not grow the stack call after
		// call
		call.whenCompleteAsync((removed, error) -> {
			if (error != null) {
				logHousekeepingFailure("Retention trim", name, error);
				done.complete(null);
			}
			else if (removed >= TRIM_BATCH && callsLeft > 1) {
				trimStep(maintenance, state, cutoff, maxItems, callsLeft - 1, done);
			}
			else {
				done.complete(null);
			}
		});
	}

	/** The next sweep tries again; an outage is the adapter's to log, once. */
	private static void logHousekeepingFailure(String what, String task, Throwable error) {
		if (StoreUnavailableException.isCause(error)) {
			logger.debug("{} of task '{}' failed", what, task, error);
		}
		else {
			logger.warn("{} of task '{}' failed", what, task, error);
		}
	}

	/** Stops claiming new jobs; running ones continue. */
	void stopClaiming() {
		this.running = false;
		if (this.waiter != null) {
			this.waiter.wakeUp();
		}
		if (this.claimer != null) {
			this.claimer.interrupt();
		}
		if (this.housekeeping != null) {
			this.housekeeping.cancel(false);
		}
	}

	/**
	 * Waits up to {@code timeout} for running jobs, then interrupts the rest (they return
	 * to waiting) and releases the worker's resources.
	 */
	void drain(Duration timeout) {
		stopClaiming();
		try {
			if (!this.slots.tryAcquire(this.concurrency, timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				logger.warn("Worker of task '{}' is interrupting {} job(s) still running after {}ms", this.task.name(),
						activeCount(), timeout.toMillis());
				this.runner.stopAll();
				this.slots.tryAcquire(this.concurrency, SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
			}
			if (this.claimer != null) {
				this.claimer.join(SHUTDOWN_GRACE.toMillis());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			release();
		}
	}

	private void release() {
		if (this.lockExtension != null) {
			this.lockExtension.cancel(false);
		}
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
		if (this.cancellations != null) {
			this.cancellations.close();
		}
		if (this.waiter != null) {
			this.waiter.close();
		}
	}

}
