package dev.taskora.engine.worker;

import java.util.concurrent.CompletableFuture;
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

	private final AtomicBoolean trimming = new AtomicBoolean();

	private volatile CompletableFuture<Void> trimRound = CompletableFuture.completedFuture(null);

	RetentionTrimmer(TaskoraRuntime runtime, String task, BooleanSupplier running) {
		this.runtime = runtime;
		this.task = task;
		this.running = running;
	}

	/**
	 * Counts a settled job; every {@link #TRIM_EVERY} of them start a retention round,
	 * and past {@link #TRIM_BACKLOG} the handler waits for the round that is running.
	 */
	void settled() {
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
	void retain() {
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
			if (this.running.getAsBoolean() && this.settledSinceTrim.get() >= TRIM_EVERY) {
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
		String name = this.task;
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
				if (this.running.getAsBoolean()) {
					logFailure("Retention trim", name, error);
				}
				else {
					// a round still under way when the app closed: the next start trims
					logger.debug("Retention trim of task '{}' stopped with the worker", name, error);
				}
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
	static void logFailure(String what, String task, Throwable error) {
		if (StoreUnavailableException.isCause(error)) {
			logger.debug("{} of task '{}' failed", what, task, error);
		}
		else {
			logger.warn("{} of task '{}' failed", what, task, error);
		}
	}

}
