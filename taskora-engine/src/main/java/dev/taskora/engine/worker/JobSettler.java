package dev.taskora.engine.worker;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

import dev.taskora.engine.Task;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.JobOutcome;
import dev.taskora.engine.adapter.JobStore;
import dev.taskora.engine.adapter.LockMismatchException;
import dev.taskora.engine.adapter.SettleRequest;
import dev.taskora.engine.adapter.Settlement;
import dev.taskora.engine.adapter.StoreUnavailableException;
import dev.taskora.engine.event.WorkerErrorEvent;
import dev.taskora.engine.internal.TaskoraRuntime;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records how a job ended in the store (ack, fail, nack, finished cancel) for one task's
 * {@link JobRunner}: batching first tries where several jobs run at once, retrying while
 * the store is unreachable for as long as the job's lock holds, and moving the job's
 * workflow on once its node settled.
 */
final class JobSettler {

	// logged under JobRunner, the category the worker's other lines use
	private static final Logger logger = LoggerFactory.getLogger(JobRunner.class);

	private final TaskoraRuntime runtime;

	private final JobStore jobs;

	private final Task<?, ?> task;

	/** The running job of an id, whose lock deadline bounds the retries; or null. */
	private final Function<String, @Nullable ActiveJob> active;

	/** Settles jobs that finish together in one call; only where several run at once. */
	private final @Nullable SettleBatcher batcher;

	JobSettler(TaskoraRuntime runtime, JobStore jobs, Task<?, ?> task, Function<String, @Nullable ActiveJob> active) {
		this.runtime = runtime;
		this.jobs = jobs;
		this.task = task;
		this.active = active;
		this.batcher = (task.options().concurrency() > 1) ? new SettleBatcher(jobs, task.name()) : null;
	}

	/**
	 * Tells the job's workflow, if it has one, that its node completed (with
	 * {@code result}) or failed for good (with {@code error}): the settlement names the
	 * workflow only in those two cases.
	 */
	@Nullable ClaimedJob afterSettle(@Nullable Settlement settled, @Nullable String result, @Nullable String error) {
		if (settled == null) {
			return null;
		}
		String workflowId = settled.workflowId();
		if (workflowId != null) {
			try {
				if (result != null) {
					this.runtime.workflowSteps()
						.completed(this.task.name(), workflowId, settled.workflowNode(), result);
				}
				else {
					this.runtime.workflowSteps()
						.failed(this.task.name(), workflowId, settled.workflowNode(), String.valueOf(error));
				}
			}
			catch (RuntimeException ex) {
				logger.error("Could not move workflow {} on after node {} of task '{}' settled", workflowId,
						settled.workflowNode(), this.task.name(), ex);
			}
		}
		return settled.next();
	}

	/**
	 * Acks or fails the job, claiming {@code next} in the same call. A first try goes
	 * through the batcher when there is one; a retry goes alone.
	 */
	CompletableFuture<Settlement> record(JobOutcome outcome, @Nullable ClaimRequest next, boolean first) {
		CompletableFuture<Settlement> call;
		if (first && this.batcher != null) {
			call = this.batcher.submit(new SettleRequest(outcome, next));
		}
		else if (outcome instanceof JobCompletion completion) {
			call = this.jobs.ack(this.task.name(), completion, next);
		}
		else {
			call = this.jobs.fail(this.task.name(), (JobFailure) outcome, next);
		}
		return call;
	}

	/**
	 * Settles the job, retrying while the store is unreachable (a reconnect, a restart)
	 * for as long as the job's lock is still ours: the job is still active meanwhile, so
	 * the worker's lock extension keeps renewing its lock once the store answers, which
	 * moves the deadline on. A finished job is thus never left for stall recovery to run
	 * again after an outage shorter than the lock. A retry claims nothing, in case the
	 * first call did and only its answer was lost.
	 * @param call makes the call; its argument tells whether this is the first try
	 */
	<T> @Nullable T settle(ClaimedJob job, Function<Boolean, CompletableFuture<T>> call) {
		return settle(job, call, null);
	}

	/**
	 * Goes on settling the job after its first try, made without waiting, failed with
	 * {@code error}: as {@link #settle} does after a failed first try.
	 */
	@Nullable Settlement retry(ClaimedJob job, JobOutcome outcome, Throwable error) {
		return settle(job, first -> record(outcome, null, false), error);
	}

	private <T> @Nullable T settle(ClaimedJob job, Function<Boolean, CompletableFuture<T>> call,
			@Nullable Throwable firstError) {
		ActiveJob signal = this.active.apply(job.id());
		long fallback = System.nanoTime() + this.runtime.lockTtl().toNanos() / 2;
		long backoff = 0;
		Throwable error = firstError;
		for (boolean first = (error == null);; first = false) {
			if (error == null) {
				try {
					return call.apply(first).get();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return null;
				}
				catch (ExecutionException ex) {
					error = (ex.getCause() != null) ? ex.getCause() : ex;
				}
			}
			backoff = Math.min(Math.max(backoff * 2, 50), 1_000);
			long deadline = (signal != null) ? signal.lockHeldUntilNanos() : fallback;
			if (error instanceof LockMismatchException || System.nanoTime() + backoff * 1_000_000 - deadline > 0) {
				settleFailed(job, error);
				return null;
			}
			logger.debug("Settling job {} failed; trying again in {}ms", job.id(), backoff, error);
			error = null;
			try {
				Thread.sleep(backoff);
			}
			catch (InterruptedException interrupted) {
				Thread.currentThread().interrupt();
				return null;
			}
		}
	}

	private void settleFailed(ClaimedJob job, Throwable error) {
		if (error instanceof LockMismatchException) {
			// The job stalled and was recovered, so another run owns it now.
			logger.warn("Job {} of task '{}' finished after losing its lock; its outcome here was dropped", job.id(),
					this.task.name());
			return;
		}
		// The job stays active under our lock; once the lock expires, stall detection
		// recovers it.
		if (StoreUnavailableException.isCause(error)) {
			// one line per job, whose fate it tells; the outage itself is logged by the
			// adapter
			logger.error("Could not settle job {} of task '{}'; it runs again once its lock expires: {}", job.id(),
					this.task.name(), error.getMessage());
			logger.debug("Settling job {} failed", job.id(), error);
		}
		else {
			logger.error("Could not settle job {} of task '{}'", job.id(), this.task.name(), error);
		}
		this.runtime.events().publish(new WorkerErrorEvent(this.task.name(), error));
	}

}
