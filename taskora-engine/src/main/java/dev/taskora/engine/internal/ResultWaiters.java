package dev.taskora.engine.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.TaskoraException;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.SchemaVersionMismatchException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The futures of {@code handle.result()}: completed, pushed by the task's event stream,
 * with the job's record once it reaches a terminal state. Never a poll per job: the store
 * is read when a waiter registers and when a terminal event for a waited job arrives.
 * <p>
 * Internal, not API.
 */
public final class ResultWaiters {

	private static final Logger logger = LoggerFactory.getLogger(ResultWaiters.class);

	private static final long MAX_RECHECK_DELAY_MS = 2_000;

	private final Map<String, List<CompletableFuture<JobRecord>>> waiters = new ConcurrentHashMap<>();

	private final Supplier<Adapter> adapter;

	private final Function<String, CompletableFuture<Void>> watch;

	private final ScheduledExecutorService timer;

	private volatile boolean closed;

	/**
	 * @param adapter the current adapter
	 * @param watch starts watching a task's events; completes once no later event can be
	 * missed
	 * @param timer schedules re-reads of jobs while the store is unreachable
	 */
	ResultWaiters(Supplier<Adapter> adapter, Function<String, CompletableFuture<Void>> watch,
			ScheduledExecutorService timer) {
		this.adapter = adapter;
		this.watch = watch;
		this.timer = timer;
	}

	/**
	 * Completes with the job's record once it is completed, failed, cancelled or expired.
	 * The waiter is registered before the state is read, so a finish in between is not
	 * missed.
	 */
	public CompletableFuture<JobRecord> awaitOutcome(String task, String jobId) {
		return awaitOutcome(task, jobId, false);
	}

	/**
	 * Like {@link #awaitOutcome(String, String)}; with {@code notYetStored}, a job that
	 * does not exist yet is waited for too (a workflow node's job, stored when the node
	 * becomes ready or is cancelled), instead of failing the waiter.
	 */
	public CompletableFuture<JobRecord> awaitOutcome(String task, String jobId, boolean notYetStored) {
		CompletableFuture<JobRecord> waiter = new CompletableFuture<>();
		if (this.closed) {
			waiter.completeExceptionally(new TaskoraException("Taskora is closed; job " + jobId + " is not awaited"));
			return waiter;
		}
		// compute() is atomic with complete()'s remove(), so a waiter never lands in a
		// drained list.
		this.waiters.compute(jobId, (id, list) -> {
			List<CompletableFuture<JobRecord>> pending = (list != null) ? list : new CopyOnWriteArrayList<>();
			pending.add(waiter);
			return pending;
		});
		waiter.whenComplete((record, error) -> removeWaiter(jobId, waiter));
		check(task, jobId, 0, notYetStored);
		return waiter;
	}

	/**
	 * Completes the waiters of a job whose terminal event arrived, reading its record on
	 * the calling (event) thread. Returns the record read, or {@code null} when nobody
	 * waits or it could not be read (it is then read again with backoff).
	 */
	@Nullable JobRecord onTerminal(AdapterEvent event) {
		if (!this.waiters.containsKey(event.jobId())) {
			return null;
		}
		JobRecord record = null;
		try {
			record = this.adapter.get().inspect().findJob(event.task(), event.jobId()).join();
		}
		catch (CompletionException ex) {
			check(event.task(), event.jobId(), 0);
			return null;
		}
		if (record != null) {
			complete(event.jobId(), record, null);
		}
		else {
			// finished and already deleted by retention (or clean): its outcome is gone
			// with it
			complete(event.jobId(), null,
					new JobFailedException(event.jobId(),
							"Job " + event.jobId() + " of task '" + event.task() + "' finished ("
									+ event.type().name().toLowerCase(Locale.ROOT)
									+ "), but was deleted by retention before its result was read; keep more jobs "
									+ "(Retention maxItems/maxAge) to read results later"));
		}
		return record;
	}

	/**
	 * Fails the waiters of a job a later debounced dispatch replaced: it was deleted
	 * unrun, and no terminal event will ever come for it.
	 */
	void onReplaced(AdapterEvent event) {
		if (this.waiters.containsKey(event.jobId())) {
			complete(event.jobId(), null,
					new JobFailedException(event.jobId(),
							"Job " + event.jobId() + " of task '" + event.task() + "' was replaced by job "
									+ event.field("replacedBy") + ", a later dispatch with the same debounce key"));
		}
	}

	/**
	 * Reads the job once its task is watched and completes its waiters if it has
	 * finished. A store that cannot answer right now (a reconnect) is asked again with
	 * backoff: waiting for a result outlives an outage.
	 */
	private void check(String task, String jobId, long previousDelay) {
		check(task, jobId, previousDelay, false);
	}

	private void check(String task, String jobId, long previousDelay, boolean notYetStored) {
		if (this.closed || !this.waiters.containsKey(jobId)) {
			return;
		}
		this.watch.apply(task)
			.thenCompose(watching -> this.adapter.get().inspect().findJob(task, jobId))
			.whenComplete((record, error) -> {
				if (error != null) {
					Throwable cause = (error instanceof CompletionException && error.getCause() != null)
							? error.getCause() : error;
					if (cause instanceof SchemaVersionMismatchException) {
						complete(jobId, null, cause);
						return;
					}
					long delay = Math.min(Math.max(previousDelay * 2, 50), MAX_RECHECK_DELAY_MS);
					logger.debug("Could not read job {} of task '{}'; asking again in {}ms", jobId, task, delay, cause);
					schedule(() -> check(task, jobId, delay, notYetStored), delay);
				}
				else if (record == null) {
					if (notYetStored) {
						return;
					}
					complete(jobId, null,
							new JobFailedException(jobId, "Job " + jobId + " of task '" + task + "' does not exist"));
				}
				else if (record.state().isTerminal()) {
					complete(jobId, record, null);
				}
			});
	}

	private void schedule(Runnable action, long delayMs) {
		try {
			this.timer.schedule(action, delayMs, TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Shutting down: close() fails the remaining waiters.
		}
	}

	private void complete(String jobId, @Nullable JobRecord record, @Nullable Throwable error) {
		List<CompletableFuture<JobRecord>> pending = this.waiters.remove(jobId);
		if (pending == null) {
			return;
		}
		for (CompletableFuture<JobRecord> waiter : pending) {
			if (error != null) {
				waiter.completeExceptionally(error);
			}
			else {
				waiter.complete(record);
			}
		}
	}

	private void removeWaiter(String jobId, CompletableFuture<JobRecord> waiter) {
		this.waiters.computeIfPresent(jobId, (id, list) -> {
			list.remove(waiter);
			return list.isEmpty() ? null : list;
		});
	}

	/**
	 * Fails every pending waiter with {@code error}. For test harnesses that delete every
	 * job between tests: nothing would complete those waiters any more.
	 */
	public void failAll(TaskoraException error) {
		for (String jobId : List.copyOf(this.waiters.keySet())) {
			complete(jobId, null, error);
		}
	}

	/** Fails every pending waiter, as nothing would complete them any more. */
	void close() {
		this.closed = true;
		failAll(new TaskoraException("Taskora was closed before the job finished"));
	}

}
