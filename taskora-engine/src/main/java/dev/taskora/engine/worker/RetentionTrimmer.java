package dev.taskora.engine.worker;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.Maintenance;
import dev.taskora.engine.adapter.StoreUnavailableException;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.job.Retention;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one task's finished jobs within the app's {@link Retention}: rounds of trim calls
 * per finished state, started by settled jobs and by the worker's sweep, and a brake that
 * makes handlers wait when trimming falls behind. Owned by the task's {@link TaskWorker}.
 */
final class RetentionTrimmer {

	// logged under TaskWorker, the category the worker's housekeeping lines use
	private static final Logger logger = LoggerFactory.getLogger(TaskWorker.class);

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

	private final String task;

	/** Whether the worker runs: a round that ended behind starts the next only then. */
	private final BooleanSupplier running;

	private final AtomicInteger settledSinceTrim = new AtomicInteger();

	/**
	 * The finished states jobs of this worker went to since the last round started, one
	 * bit per index of {@link #FINISHED}: a round started by settling trims only those.
	 */
	private final AtomicInteger finishedSinceTrim = new AtomicInteger();

	private final AtomicBoolean trimming = new AtomicBoolean();

	private volatile CompletableFuture<Void> trimRound = CompletableFuture.completedFuture(null);

	RetentionTrimmer(TaskoraRuntime runtime, String task, BooleanSupplier running) {
		this.runtime = runtime;
		this.task = task;
		this.running = running;
	}

	/**
	 * Notes that a job of this worker went to a finished state ({@link JobState#FAILED}
	 * also for a failure that is retried): the next round started by settling trims that
	 * state's set.
	 */
	void finished(JobState state) {
		for (int i = 0; i < FINISHED.length; i++) {
			if (FINISHED[i] == state) {
				int bit = 1 << i;
				if ((this.finishedSinceTrim.get() & bit) == 0) {
					this.finishedSinceTrim.getAndUpdate(states -> states | bit);
				}
				return;
			}
		}
	}

	/**
	 * Counts a settled job; every {@link #TRIM_EVERY} of them start a retention round.
	 * Never blocks.
	 */
	void settled() {
		if (this.settledSinceTrim.incrementAndGet() >= TRIM_EVERY) {
			retain(false);
		}
	}

	/**
	 * Called by a handler thread before its next job: past {@link #TRIM_BACKLOG} settled
	 * jobs it waits for the round that is running.
	 */
	void awaitBacklog() {
		if (backlogged()) {
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

	/** Whether {@link #awaitBacklog()} would wait. */
	boolean backlogged() {
		return this.settledSinceTrim.get() >= TRIM_BACKLOG;
	}

	/**
	 * One retention round over every finished state, unless one is running (see
	 * {@link #retain(boolean)}); the worker's sweep starts one.
	 */
	void retain() {
		retain(true);
	}

	/**
	 * One retention round, unless one is running: the finished states side by side, each
	 * trimmed in calls of at most a batch, repeated while a call removed a full batch (up
	 * to {@link #TRIM_MAX_CALLS}). Started after every {@link #TRIM_EVERY} settled jobs
	 * (then only for the states this worker's jobs went to since the last round: the
	 * others have nothing new of ours to trim), at every sweep (every state: jobs expire
	 * in claims, and other processes settle too), and again at once when that many
	 * settled while it ran, so that the sets stay within their {@code maxItems} plus
	 * about two backlogs however fast jobs finish.
	 */
	private void retain(boolean everyState) {
		if (!this.trimming.compareAndSet(false, true)) {
			return;
		}
		this.settledSinceTrim.set(0);
		int finishedStates = this.finishedSinceTrim.getAndSet(0);
		CompletableFuture<Void> finished = new CompletableFuture<>();
		this.trimRound = finished;
		Maintenance maintenance = this.runtime.adapter().maintenance();
		Retention retention = this.runtime.retention();
		long now = this.runtime.clock().millis();
		CompletableFuture<?>[] states = new CompletableFuture<?>[FINISHED.length];
		for (int i = 0; i < FINISHED.length; i++) {
			states[i] = (everyState || (finishedStates & (1 << i)) != 0)
					? trim(maintenance, FINISHED[i], retention.rule(FINISHED[i]), now)
					: CompletableFuture.completedFuture(null);
		}
		CompletableFuture.allOf(states).whenComplete((ignored, error) -> {
			this.trimming.set(false);
			finished.complete(null);
			if (this.running.getAsBoolean() && this.settledSinceTrim.get() >= TRIM_EVERY) {
				retain(false);
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
		trimFrom(maintenance, state, cutoff, rule.maxItems(), TRIM_MAX_CALLS, done);
		return done;
	}

	/**
	 * Trim calls until one removes less than a batch. A call still waiting for its answer
	 * (Redis) goes on from the thread that receives it, without a hop to a pool that a
	 * busy machine would make the handlers wait for; calls answered at once (memory) loop
	 * here rather than growing the stack.
	 */
	private void trimFrom(Maintenance maintenance, JobState state, long cutoff, int maxItems, int callsLeft,
			CompletableFuture<Void> done) {
		for (int left = callsLeft; left > 0; left--) {
			CompletableFuture<Integer> call;
			try {
				call = maintenance.trim(this.task, state, cutoff, maxItems);
			}
			catch (RuntimeException ex) {
				call = CompletableFuture.failedFuture(ex);
			}
			if (!call.isDone()) {
				int remaining = left - 1;
				call.whenComplete((removed, error) -> {
					if (goOn(removed, error, remaining, done)) {
						trimFrom(maintenance, state, cutoff, maxItems, remaining, done);
					}
				});
				return;
			}
			Integer removed = null;
			Throwable error = null;
			try {
				removed = call.join();
			}
			catch (CompletionException | CancellationException ex) {
				error = (ex.getCause() != null) ? ex.getCause() : ex;
			}
			if (!goOn(removed, error, left - 1, done)) {
				return;
			}
		}
		done.complete(null);
	}

	/** Whether another call is due after this answer; completes {@code done} if not. */
	private boolean goOn(@Nullable Integer removed, @Nullable Throwable error, int callsLeft,
			CompletableFuture<Void> done) {
		if (error != null) {
			if (this.running.getAsBoolean()) {
				logFailure("Retention trim", this.task, error);
			}
			else {
				// a round still under way when the app closed: the next start trims
				logger.debug("Retention trim of task '{}' stopped with the worker", this.task, error);
			}
			done.complete(null);
			return false;
		}
		if (removed != null && removed >= TRIM_BATCH && callsLeft > 0) {
			return true;
		}
		done.complete(null);
		return false;
	}

	/** The next sweep tries again; an outage is the adapter's to log, once. */
	static void logFailure(String what, String task, Throwable error) {
		if (StoreUnavailableException.isCause(error)) {
			logger.debug("{} of task '{}' failed", what, task, error);
		}
		else {
			logger.warn("{} of task '{}' failed", what, task, error);
		}
	}

}
