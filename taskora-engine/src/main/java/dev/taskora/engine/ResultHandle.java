package dev.taskora.engine;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.flow.DuplicateJobException;
import dev.taskora.engine.flow.ThrottledException;
import dev.taskora.engine.internal.Futures;
import dev.taskora.engine.internal.JobLogs;
import dev.taskora.engine.internal.Progress;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.job.CancelOutcome;
import dev.taskora.engine.job.LogEntry;
import org.jspecify.annotations.Nullable;

/**
 * A dispatched job. The id is known at once; {@link #result()} completes when the job
 * reaches a terminal state, pushed through the store's event stream rather than polled.
 *
 * @param <O> the task's output type
 */
public final class ResultHandle<O> {

	private final TaskoraRuntime runtime;

	private final String task;

	private final String id;

	private final Type outputType;

	private final CompletableFuture<Boolean> enqueued;

	private volatile @Nullable CompletableFuture<O> result;

	/**
	 * Set before {@link #enqueued} completes when this dispatch was refused as a
	 * duplicate.
	 */
	private volatile @Nullable String existingId;

	/**
	 * Set before {@link #enqueued} completes when this dispatch has no job outcome to
	 * wait for.
	 */
	private volatile @Nullable RuntimeException noResult;

	ResultHandle(TaskoraRuntime runtime, String task, String id, Type outputType, CompletableFuture<Boolean> enqueued) {
		this.runtime = runtime;
		this.task = task;
		this.id = id;
		this.outputType = outputType;
		this.enqueued = enqueued;
	}

	/** The job id (client-generated UUID). */
	public String id() {
		return this.id;
	}

	/** The task name. */
	public String task() {
		return this.task;
	}

	/**
	 * Completes with {@code true} once the job is stored, or exceptionally if the store
	 * could not be reached (the job then does not exist; the failure is also logged at
	 * ERROR).
	 * <p>
	 * A dispatch refused by its throttle or deduplicate option completes with
	 * {@code false} (then {@link #existingId()} names the duplicate's job), or, with
	 * {@code throwOnReject}, exceptionally with {@link ThrottledException} or
	 * {@link DuplicateJobException}.
	 * <p>
	 * It may complete on the store's I/O thread: stages added here must not block (use
	 * the {@code *Async} variants, or {@link #awaitEnqueued(Duration)} to wait).
	 */
	public CompletableFuture<Boolean> enqueued() {
		return this.enqueued;
	}

	/**
	 * The job that held the deduplication key when this dispatch was refused as its
	 * duplicate, or {@code null}: stored, refused by a throttle, or not known yet (read
	 * it once {@link #enqueued()} has completed).
	 */
	public @Nullable String existingId() {
		return this.existingId;
	}

	/**
	 * Records, before {@link #enqueued} completes, that this dispatch has no outcome of
	 * its own: {@link #result()} then fails with {@code reason}.
	 */
	void noResult(RuntimeException reason, @Nullable String existingId) {
		this.existingId = existingId;
		this.noResult = reason;
	}

	/**
	 * Waits until the job is stored, then returns this handle: dispatch, wait, and only
	 * then hand the id to anyone who will look for the job. A dispatch refused by
	 * throttle or deduplicate returns too, with {@link #enqueued()} {@code false}; with
	 * {@code throwOnReject} the refusal is thrown here as {@link ThrottledException} or
	 * {@link DuplicateJobException}.
	 *
	 * <pre>{@code
	 * String id = sendEmail.dispatch(email).awaitEnqueued(Duration.ofSeconds(5)).id();
	 * }</pre>
	 *
	 * Do not call it on a store I/O thread (from a stage of another handle's
	 * {@link #enqueued()}).
	 * @param timeout how long to wait for the store to confirm the write
	 * @return this handle
	 * @throws ThrottledException or {@link DuplicateJobException} for a refusal under
	 * {@code throwOnReject}
	 * @throws EnqueueFailedException naming the task and job if the store refused the job
	 * or could not be reached (the job does not exist), or the outcome is unknown: no
	 * confirmation within {@code timeout} or within the store's command timeout (it may
	 * be stored; {@link #state()} tells), or the wait was interrupted
	 */
	public ResultHandle<O> awaitEnqueued(Duration timeout) {
		try {
			this.enqueued.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return this;
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? unwrap(ex.getCause()) : ex;
			if (cause instanceof ThrottledException || cause instanceof DuplicateJobException) {
				throw (TaskoraException) cause;
			}
			throw new EnqueueFailedException(this.task, this.id,
					"Job " + this.id + " of task '" + this.task + "' was not stored: " + cause.getMessage(), cause);
		}
		catch (TimeoutException ex) {
			throw new EnqueueFailedException(this.task, this.id, "Job " + this.id + " of task '" + this.task
					+ "' was not confirmed as stored within " + timeout.toMillis() + "ms; it may still be stored", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EnqueueFailedException(this.task, this.id,
					"Interrupted while waiting for job " + this.id + " of task '" + this.task + "' to be stored", ex);
		}
	}

	/**
	 * The job's result: completes with the output, or exceptionally with
	 * {@link JobFailedException}, {@link CancelledException} or {@link ExpiredException}.
	 * A refused dispatch fails with {@link ThrottledException} or
	 * {@link DuplicateJobException} (wait for the existing job with
	 * {@code task.handle(existingId)}); a job replaced by a later debounced dispatch
	 * fails with {@link JobFailedException}; an item dispatched to a collect task has no
	 * result of its own and fails with {@link UnsupportedOperationException}.
	 * <p>
	 * It completes on a pool thread (the JDK's default for async stages), never on the
	 * store's I/O threads, so dependent stages may block.
	 */
	@SuppressWarnings("unchecked")
	public CompletableFuture<O> result() {
		CompletableFuture<O> current = this.result;
		if (current == null) {
			synchronized (this) {
				current = this.result;
				if (current == null) {
					CompletableFuture<O> outcome = new CompletableFuture<>();
					// async: the outcome arrives on a store I/O thread, which a caller's
					// stage must not hold
					this.enqueued.thenCompose(stored -> {
						RuntimeException none = this.noResult;
						return (none != null) ? CompletableFuture.<JobRecord>failedFuture(none)
								: this.runtime.waiters().awaitOutcome(this.task, this.id);
					}).whenCompleteAsync((record, error) -> {
						if (error != null) {
							outcome.completeExceptionally(unwrap(error));
							return;
						}
						try {
							outcome.complete((O) outcome(record));
						}
						catch (RuntimeException ex) {
							outcome.completeExceptionally(ex);
						}
					}, outcome.defaultExecutor());
					current = outcome;
					this.result = current;
				}
			}
		}
		return current;
	}

	/**
	 * Waits for the result.
	 * @throws JobFailedException if the job failed
	 * @throws CancelledException if it was cancelled
	 * @throws JobTimeoutException if it did not finish within {@code timeout}
	 */
	public @Nullable O await(Duration timeout) {
		return Futures.await(result(), timeout, "job " + this.id,
				() -> new JobTimeoutException("Timed out after " + timeout.toMillis() + "ms waiting for job " + this.id,
						this.id, timeout));
	}

	/** The job's current state, or {@code null} if the store does not know it. */
	public @Nullable JobState state() {
		return Futures
			.join(this.enqueued.thenCompose(stored -> this.runtime.adapter().inspect().state(this.task, this.id)));
	}

	/**
	 * The last reported progress: a {@link Number}, an object read from JSON, or
	 * {@code null}.
	 */
	public @Nullable Object progress() {
		JobRecord record = Futures.join(this.runtime.adapter().inspect().findJob(this.task, this.id));
		return (record == null || record.progress() == null) ? null
				: Progress.parse(record.progress(), this.runtime.serializer());
	}

	/** The job's structured log, oldest first. */
	public List<LogEntry> logs() {
		List<String> lines = Futures.join(this.runtime.adapter().inspect().logs(this.task, this.id));
		return JobLogs.parse(lines, this.runtime.serializer());
	}

	/**
	 * Cancels the job: a waiting or delayed job at once; an active one is interrupted,
	 * its {@code onCancel} hook runs, and it ends {@code cancelled}.
	 * @param reason stored with the job and reported to listeners, may be {@code null}
	 */
	public CancelOutcome cancel(@Nullable String reason) {
		return Futures.join(this.enqueued.thenCompose(stored -> this.runtime.adapter()
			.jobs()
			.cancel(this.task, this.id, reason, this.runtime.clock().millis())));
	}

	private @Nullable Object outcome(JobRecord record) {
		return switch (record.state()) {
			case COMPLETED -> (record.result() == null) ? null
					: this.runtime.serializer().deserialize(record.result(), this.outputType);
			case FAILED -> throw new JobFailedException(this.id,
					record.error() != null ? record.error() : "Job " + this.id + " failed");
			case CANCELLED -> throw new CancelledException(this.id, record.cancelReason());
			case EXPIRED -> throw new ExpiredException(this.id);
			default -> throw new IllegalStateException("Job " + this.id + " is not finished: " + record.state());
		};
	}

	private static Throwable unwrap(Throwable error) {
		return (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
	}

	@Override
	public String toString() {
		return "ResultHandle[" + this.task + "/" + this.id + "]";
	}

}
