package dev.taskora.engine.worker;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

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
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes one task's jobs: a claiming thread that blocks on the adapter while there is
 * no work (the adapter claims for it as work arrives, where it can), up to
 * {@code concurrency} handlers at once, a lock extender, the periodic stall sweep, and
 * retention trimming ({@link RetentionTrimmer}) after every batch of settled jobs and at
 * every sweep. A handler that finishes settles its job and claims the next in one call;
 * the claiming thread claims for all the slots free at once in one call.
 */
final class TaskWorker {

	private static final Logger logger = LoggerFactory.getLogger(TaskWorker.class);

	/** Safety net only: the waiter wakes on new work long before this. */
	private static final Duration IDLE_WAIT = Duration.ofSeconds(5);

	private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

	/**
	 * Most jobs the claiming thread claims in one call, for as many free slots: a worker
	 * starting in front of a full queue fills its slots in a few round trips rather than
	 * one per slot.
	 */
	static final int MAX_CLAIM = 100;

	/**
	 * Jobs handed to this thread while it runs a non-blocking task's job (a store that
	 * answers at once): they run after it, not inside it.
	 */
	private static final ThreadLocal<@Nullable ArrayDeque<Runnable>> HANDED_INLINE = new ThreadLocal<>();

	private final TaskoraRuntime runtime;

	private final JobStore jobs;

	private final Task<?, ?> task;

	private final HandlerExecutorFactory executorFactory;

	private final JobRunner runner;

	private final Semaphore slots;

	private final MigrationGate migrationGate;

	private final int concurrency;

	/** Whether handlers run where their jobs arrive instead of on handler threads. */
	private final boolean nonBlocking;

	/** The longest pause between two claims that failed. */
	private final long maxClaimBackoffMs;

	/**
	 * The next claim's request, one supplier for every job rather than a method reference
	 * per job.
	 */
	private final Supplier<@Nullable ClaimRequest> nextRequest = this::nextRequest;

	private final WorkWaiter.WorkClaim claimOnWork = this::claimOnWork;

	private volatile boolean running;

	private @Nullable ExecutorService executor;

	private @Nullable WorkWaiter waiter;

	private @Nullable Registration cancellations;

	private @Nullable ScheduledFuture<?> lockExtension;

	private @Nullable ScheduledFuture<?> housekeeping;

	private @Nullable Thread claimer;

	private final RetentionTrimmer trimmer;

	TaskWorker(TaskoraRuntime runtime, Task<?, ?> task, HandlerExecutorFactory executorFactory,
			MigrationGate migrationGate) {
		this.migrationGate = migrationGate;
		this.runtime = runtime;
		this.jobs = runtime.adapter().jobs();
		this.task = task;
		this.executorFactory = executorFactory;
		this.trimmer = new RetentionTrimmer(runtime, task.name(), () -> this.running);
		this.runner = new JobRunner(runtime, task, this.trimmer::finished, new SlotHandOff());
		this.concurrency = task.options().concurrency();
		this.nonBlocking = task.options().nonBlocking();
		long reconnectDelayMs = runtime.adapter().reconnectDelay().toMillis();
		this.maxClaimBackoffMs = (reconnectDelayMs > 0) ? Math.max(reconnectDelayMs, 100) : 1_000;
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
			int wanted;
			try {
				this.migrationGate.awaitClear();
				this.slots.acquire();
				wanted = 1 + takeFreeSlots();
			}
			catch (InterruptedException ex) {
				return;
			}
			if (!this.running) {
				this.slots.release(wanted);
				return;
			}
			int claimed;
			try {
				// The reply hands the jobs to handler threads itself: they do not wait
				// for this thread to wake up first. The slots are the callback's from
				// here on.
				claimed = claimAndDispatch(wanted).get();
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
			if (claimed < wanted) {
				// nothing (more) claimable now: wait for work, claiming as it comes
				try {
					waiter.await(IDLE_WAIT, this.claimOnWork);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}
	}

	/**
	 * Claims for the free slots as the waiter learns of work, on its thread (for Redis
	 * the I/O thread that read the marker), so that this worker's claiming thread need
	 * not wake up first.
	 * @return whether the waiter should keep waiting: the claim took fewer jobs than it
	 * had slots for. Otherwise (no slot free, claiming paused, the claim failed or filled
	 * every slot) the claiming thread takes over.
	 */
	private CompletableFuture<Boolean> claimOnWork() {
		if (this.runner.handBackPauseMs() > 0 || this.migrationGate.paused() || !this.slots.tryAcquire()) {
			return CompletableFuture.completedFuture(false);
		}
		if (!this.running) {
			this.slots.release();
			return CompletableFuture.completedFuture(false);
		}
		int wanted = 1 + takeFreeSlots();
		return claimAndDispatch(wanted).handle((claimed, error) -> error == null && claimed < wanted);
	}

	/**
	 * Takes the slots free besides the one just acquired, up to a claim's
	 * {@link #MAX_CLAIM}: they are claimed for in the same call.
	 */
	private int takeFreeSlots() {
		int taken = 0;
		while (taken < MAX_CLAIM - 1 && this.slots.tryAcquire()) {
			taken++;
		}
		return taken;
	}

	/**
	 * Claims up to {@code wanted} jobs under slots already taken; each job goes to a
	 * handler, the slots left over are given back.
	 * @return how many jobs were claimed
	 */
	private CompletableFuture<Integer> claimAndDispatch(int wanted) {
		if (wanted == 1) {
			return claimOneAndDispatch();
		}
		List<ClaimRequest> requests = new ArrayList<>(wanted);
		for (int i = 0; i < wanted; i++) {
			requests.add(this.runner.claimRequest());
		}
		CompletableFuture<List<ClaimedJob>> claim;
		try {
			claim = this.jobs.claimMany(this.task.name(), requests);
		}
		catch (RuntimeException ex) {
			claim = CompletableFuture.failedFuture(ex);
		}
		return claim.handle((claimedJobs, error) -> {
			int claimed = (claimedJobs != null) ? claimedJobs.size() : 0;
			if (claimed < wanted) {
				this.slots.release(wanted - claimed);
			}
			if (claimedJobs != null) {
				dispatchAll(claimedJobs);
			}
			if (error != null) {
				throw (error instanceof CompletionException completion) ? completion : new CompletionException(error);
			}
			return claimed;
		});
	}

	/**
	 * Claims one job under a slot already taken; the job goes to a handler, or the slot
	 * is given back.
	 */
	private CompletableFuture<Integer> claimOneAndDispatch() {
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
		}).thenApply(job -> (job != null) ? 1 : 0);
	}

	/**
	 * Hands jobs claimed together over in the order of the claim. A non-blocking task's
	 * jobs all queue up where they arrived before the first runs, so the jobs their acks
	 * claim run after them, even when the store answers those acks at once.
	 */
	private void dispatchAll(List<ClaimedJob> claimed) {
		if (this.nonBlocking) {
			trampoline(() -> claimed.forEach(this::dispatchToHandler));
		}
		else {
			claimed.forEach(this::dispatchToHandler);
		}
	}

	private void dispatchToHandler(ClaimedJob job) {
		try {
			if (this.nonBlocking && !this.trimmer.backlogged()) {
				// where the job arrived; behind a retention backlog it waits on a handler
				// thread instead
				inline(() -> process(job, false));
			}
			else {
				onHandlerThread(() -> process(job, true));
			}
		}
		catch (RejectedExecutionException ex) {
			// Only during shutdown: hand the job back untouched.
			this.jobs.nack(this.task.name(), job.id(), job.token());
			this.slots.release();
		}
	}

	/**
	 * Runs jobs on a handler thread under one slot: the job given, then each job claimed
	 * while settling the one before. The runner hands the slot to {@link SlotHandOff}
	 * when it does not return a next job.
	 * @param mayWait whether this thread may wait for retention to catch up (not where a
	 * non-blocking task's job arrived)
	 */
	private void process(ClaimedJob first, boolean mayWait) {
		ClaimedJob next = first;
		boolean handedOn = false;
		try {
			while (next != null) {
				if (mayWait) {
					this.trimmer.awaitBacklog();
				}
				next = this.runner.run(next, this.nextRequest);
				if (next != null) {
					this.trimmer.settled();
				}
			}
			handedOn = true;
		}
		catch (RuntimeException ex) {
			failed(ex);
		}
		finally {
			if (!handedOn) {
				this.slots.release();
			}
		}
	}

	/**
	 * Runs a non-blocking task's {@code work} on this thread, or after the work already
	 * running here.
	 * @throws RejectedExecutionException when the worker is not started or is closed
	 */
	private void inline(Runnable work) {
		ExecutorService executor = this.executor;
		if (executor == null || executor.isShutdown()) {
			throw new RejectedExecutionException("worker of task '" + this.task.name() + "' is not running");
		}
		trampoline(work);
	}

	/**
	 * Runs {@code work} on this thread, or queues it behind the work already running here
	 * when this is called from inside it.
	 */
	private static void trampoline(Runnable work) {
		ArrayDeque<Runnable> queued = HANDED_INLINE.get();
		if (queued != null) {
			queued.add(work);
			return;
		}
		queued = new ArrayDeque<>();
		HANDED_INLINE.set(queued);
		try {
			for (Runnable next = work; next != null; next = queued.poll()) {
				next.run();
			}
		}
		finally {
			HANDED_INLINE.remove();
		}
	}

	/**
	 * Runs {@code work} on a handler thread.
	 * @throws RejectedExecutionException when the worker is not started or is closing
	 */
	private void onHandlerThread(Runnable work) {
		ExecutorService executor = this.executor;
		if (executor == null) {
			throw new RejectedExecutionException("worker of task '" + this.task.name() + "' is not started");
		}
		executor.execute(work);
	}

	/** A bug on a handler thread: logged and published, the worker goes on. */
	private void failed(RuntimeException ex) {
		logger.error("Worker of task '{}' failed", this.task.name(), ex);
		this.runtime.events().publish(new WorkerErrorEvent(this.task.name(), ex));
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
		// capped at the adapter's reconnect delay (1 s for a store without one): a worker
		// claims again about when its connection is back
		return Math.min(Math.max(previousBackoff * 2, 100), this.maxClaimBackoffMs);
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
				RetentionTrimmer.logFailure("Stall check", name, error);
			}
			else if (!sweep.recovered().isEmpty() || !sweep.failed().isEmpty()) {
				logger.info("Stall check of task '{}': recovered {}, failed {}", name, sweep.recovered(),
						sweep.failed());
			}
		});
		this.trimmer.retain();
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

	/**
	 * Where a slot goes once its job is settled: to the job claimed in the same call, on
	 * a handler thread, or back to the worker.
	 */
	private final class SlotHandOff implements JobRunner.Continuation {

		@Override
		public void settled(@Nullable ClaimedJob next) {
			TaskWorker.this.trimmer.settled();
			if (next != null) {
				dispatchToHandler(next);
			}
			else {
				TaskWorker.this.slots.release();
			}
		}

		@Override
		public void resume(Supplier<@Nullable ClaimedJob> rest) {
			Runnable resumed = () -> {
				ClaimedJob next;
				try {
					next = rest.get();
				}
				catch (RuntimeException ex) {
					failed(ex);
					next = null;
				}
				TaskWorker.this.trimmer.settled();
				if (next != null) {
					process(next, true);
				}
				else {
					TaskWorker.this.slots.release();
				}
			};
			try {
				onHandlerThread(resumed);
			}
			catch (RejectedExecutionException ex) {
				// closing: the settlement still runs to its end, on a thread of its own
				Thread thread = new Thread(resumed, "taskora-settle-" + TaskWorker.this.task.name());
				thread.setDaemon(true);
				thread.start();
			}
		}

	}

}
