package dev.taskora.engine.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.taskora.engine.CancelHook;
import dev.taskora.engine.JobTimeoutException;
import dev.taskora.engine.Task;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.JobOutcome;
import dev.taskora.engine.adapter.JobStore;
import dev.taskora.engine.adapter.LockMismatchException;
import dev.taskora.engine.adapter.LockStatus;
import dev.taskora.engine.adapter.SettleRequest;
import dev.taskora.engine.adapter.Settlement;
import dev.taskora.engine.adapter.StoreUnavailableException;
import dev.taskora.engine.contract.BeanValidation;
import dev.taskora.engine.contract.PayloadGate;
import dev.taskora.engine.contract.Versioning;
import dev.taskora.engine.event.Registration;
import dev.taskora.engine.event.WorkerErrorEvent;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.internal.TimerClock;
import dev.taskora.engine.job.CancellationSignal.Reason;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs claimed jobs of one task: deserialize, middleware and handler under the timeout,
 * then the outcome (cancel, shutdown, success or failure with the retry decision) settled
 * in one adapter call that may claim the next job in the same round trip.
 */
final class JobRunner {

	private static final Logger logger = LoggerFactory.getLogger(JobRunner.class);

	private final TaskoraRuntime runtime;

	/**
	 * Read once: a worker's adapter cannot change while it runs, and the claim path stays
	 * one call deep.
	 */
	private final JobStore jobs;

	private final Clock clock;

	private final long lockTtlMs;

	/**
	 * The adapter's clock when it runs timers itself (tests), else {@code null} for the
	 * timer thread.
	 */
	private final @Nullable TimerClock timerClock;

	private final Task<?, ?> task;

	private final HandlerChain chain;

	private final Map<String, ActiveJob> active = new ConcurrentHashMap<>();

	/** Newer payload versions seen and handed back, each logged once. */
	private final Set<Integer> newerVersionsSeen = ConcurrentHashMap.newKeySet();

	/** Jobs of a newer version claimed one after another, to slow the claim loop down. */
	private final AtomicInteger handBacksInARow = new AtomicInteger();

	/** Settles jobs that finish together in one call; only where several run at once. */
	private final @Nullable SettleBatcher batcher;

	JobRunner(TaskoraRuntime runtime, Task<?, ?> task) {
		this.runtime = runtime;
		this.jobs = runtime.adapter().jobs();
		this.clock = runtime.clock();
		this.lockTtlMs = runtime.lockTtl().toMillis();
		this.timerClock = JobTimers.timerClock(runtime);
		this.task = task;
		this.chain = new HandlerChain(runtime.middleware(), task);
		this.batcher = (task.options().concurrency() > 1) ? new SettleBatcher(this.jobs, task.name()) : null;
	}

	/** A claim request with a fresh lock token. */
	ClaimRequest claimRequest() {
		return new ClaimRequest(lockToken(), this.lockTtlMs, this.clock.millis(), this.task.options().discardExpired(),
				this.task.options().singleton());
	}

	/**
	 * A random version-4 UUID for a lock. It only has to differ from other claims of the
	 * same job, so it skips {@link UUID#randomUUID()}'s shared secure generator, which
	 * handler threads would otherwise contend on once per job.
	 */
	private static String lockToken() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long high = (random.nextLong() & ~0xF000L) | 0x4000L;
		long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

	/**
	 * Runs one job to its settlement on the calling thread.
	 * @param next supplies the request for a fused claim of the next job, or returns
	 * {@code null} to claim nothing (the worker is closing)
	 * @return the next job, if one was claimed while settling
	 */
	@Nullable ClaimedJob run(ClaimedJob job, Supplier<@Nullable ClaimRequest> next) {
		ActiveJob signal = new ActiveJob(job, Thread.currentThread());
		signal.lockHeldUntil(System.nanoTime() + this.lockTtlMs * 1_000_000);
		this.active.put(job.id(), signal);
		// On a real clock the worker extends every running job's lock at a fixed rate:
		// nothing per job.
		Registration lockExtension = (this.timerClock != null)
				? JobTimers.lockExtension(this.timerClock, this.lockTtlMs, () -> extendLock(signal)) : null;
		try {
			return execute(job, signal, next);
		}
		finally {
			if (lockExtension != null) {
				lockExtension.close();
			}
			this.active.remove(job.id());
		}
	}

	private @Nullable ClaimedJob execute(ClaimedJob job, ActiveJob signal, Supplier<@Nullable ClaimRequest> next) {
		if (job.defect() != null) {
			// a stored job that cannot be run: it fails once, naming the field, instead
			// of vanishing
			return fail(job,
					new ValidationException(
							"Job " + job.id() + " of task '" + this.task.name() + "' cannot be run: " + job.defect()),
					next);
		}
		Versioning versioning = this.task.versioning();
		PayloadGate.Verdict verdict = PayloadGate.verdict(versioning, job.version());
		if (verdict == PayloadGate.Verdict.HAND_BACK) {
			return handBack(job, versioning);
		}
		this.handBacksInARow.set(0);
		if (verdict == PayloadGate.Verdict.TOO_OLD) {
			return fail(job, PayloadGate.tooOld(job.version(), versioning), next);
		}
		Object data;
		try {
			data = readInput(job, versioning);
		}
		catch (ValidationException ex) {
			return fail(job, ex, next);
		}
		ExecutionContext ctx = new ExecutionContext(this.task.name(), job.id(), job.attempt(), job.timestamp(),
				job.headers(), signal, new AdapterReporter(job, signal), this.runtime.serializer(), this.clock, data);
		Duration timeout = this.task.options().timeout();
		// On a real clock the timer thread's future is cancelled directly: no wrapper per
		// job.
		ScheduledFuture<?> timer = null;
		Registration virtualTimer = null;
		if (timeout != null) {
			Runnable fire = () -> signal.fire(Reason.TIMEOUT);
			if (this.timerClock != null) {
				virtualTimer = JobTimers.timeout(this.timerClock, timeout, fire);
			}
			else {
				timer = this.runtime.timer().schedule(fire, timeout.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		Object result = null;
		Throwable error = null;
		signal.enterHandler();
		try {
			result = this.chain.invoke(ctx);
		}
		catch (Exception | AssertionError | LinkageError ex) {
			error = unwrap(ex);
		}
		finally {
			signal.leaveHandler();
			if (timer != null) {
				timer.cancel(false);
			}
			if (virtualTimer != null) {
				virtualTimer.close();
			}
		}
		Reason reason = signal.reason();
		if (reason == Reason.CANCELLED) {
			runOnCancel(ctx, data);
			long cancelledAt = now();
			settle(job, first -> this.jobs.finishCancel(this.task.name(), job.id(), job.token(), cancelledAt));
			return null;
		}
		if (reason == Reason.SHUTDOWN) {
			// Not the job's fault: back to waiting, attempt unchanged, for another
			// worker.
			settle(job, first -> this.jobs.nack(this.task.name(), job.id(), job.token()));
			return null;
		}
		if (reason == Reason.TIMEOUT && timeout != null) {
			error = JobTimeoutException.handler(job.id(), timeout);
		}
		if (error == null) {
			String stored;
			try {
				BeanValidation.check(result, "Result of job " + job.id() + " of task '" + this.task.name() + "'");
				stored = this.runtime.serializer().serialize(result);
			}
			catch (ValidationException ex) {
				return fail(job, ex.violations().isEmpty() ? new ValidationException("Result of job " + job.id()
						+ " of task '" + this.task.name() + "' cannot be serialized: " + ex.getMessage(), ex) : ex,
						next);
			}
			JobCompletion completion = new JobCompletion(job.id(), job.token(), stored, now());
			Settlement settled = settle(job, first -> record(completion, first ? next.get() : null, first));
			return afterSettle(settled, stored, null);
		}
		return fail(job, error, next);
	}

	/**
	 * The handler's input: the payload migrated from the job's version to the task's,
	 * read as the input type, then validated (each item of a collect batch on its own).
	 * @throws ValidationException naming the migration step, the unreadable data or the
	 * fields at fault; never retried
	 */
	private @Nullable Object readInput(ClaimedJob job, Versioning versioning) {
		String payload = job.data();
		if (job.version() < versioning.version()) {
			payload = PayloadGate.migrate(this.runtime.serializer(), this.task.name(), job.id(), versioning, payload,
					job.version());
		}
		Object data;
		try {
			data = this.runtime.serializer().deserialize(payload, this.task.handlerInputType());
		}
		catch (ValidationException ex) {
			throw new ValidationException("Job " + job.id() + " of task '" + this.task.name()
					+ "' has data that cannot be read: " + ex.getMessage(), ex);
		}
		data = PayloadGate.present(data, this.task.name(), job.id(), this.task.handlerInputType());
		String what = "Input of job " + job.id() + " of task '" + this.task.name() + "'";
		if (this.task.collect() != null && data instanceof List<?> items) {
			for (int i = 0; i < items.size(); i++) {
				BeanValidation.check(items.get(i), what + " (item " + i + " of the batch)");
			}
		}
		else {
			BeanValidation.check(data, what);
		}
		return data;
	}

	/**
	 * Gives a job of a newer payload version back untouched, attempt unchanged, for a
	 * newer worker (taskora's nack); logged once per version. The next job is claimed by
	 * the claim loop, which slows down while only such jobs come (see
	 * {@link #handBackPauseMs()}).
	 */
	private @Nullable ClaimedJob handBack(ClaimedJob job, Versioning versioning) {
		if (this.newerVersionsSeen.add(job.version())) {
			logger.warn(
					"[taskora] task \"{}\" job {} has payload version {}, newer than this worker's {}: jobs of "
							+ "that version are left waiting for a newer worker",
					this.task.name(), job.id(), job.version(), versioning.version());
		}
		this.handBacksInARow.incrementAndGet();
		settle(job, first -> this.jobs.nack(this.task.name(), job.id(), job.token()).thenApply(done -> null));
		return null;
	}

	/**
	 * How long the claim loop waits before its next claim: nothing, unless jobs of a
	 * newer version were the last ones claimed back to back (then 50 ms, doubling up to a
	 * second), so that a queue holding only such jobs is not claimed in a busy loop.
	 */
	long handBackPauseMs() {
		int inARow = this.handBacksInARow.get();
		return (inARow < 2) ? 0 : Math.min(50L << Math.min(inARow - 2, 5), 1_000);
	}

	private @Nullable ClaimedJob fail(ClaimedJob job, Throwable error, Supplier<@Nullable ClaimRequest> next) {
		long delay = RetryDecision.retryDelay(this.task.options().retry(), error, job.attempt());
		String message = (error.getMessage() != null) ? error.getMessage() : error.getClass().getName();
		if (!this.runtime.events().hasFailedListener(this.task.name())) {
			logger.error("[taskora] task \"{}\" job {} failed (attempt {}/{}, {})", this.task.name(), job.id(),
					job.attempt(), this.task.options().retry().attempts(),
					(delay >= 0) ? "will retry in " + delay + "ms" : "permanently", error);
		}
		JobFailure failure = new JobFailure(job.id(), job.token(), message, now(), delay);
		Settlement settled = settle(job, first -> record(failure, first ? next.get() : null, first));
		return afterSettle(settled, null, message);
	}

	/**
	 * Tells the job's workflow, if it has one, that its node completed (with
	 * {@code result}) or failed for good (with {@code error}): the settlement names the
	 * workflow only in those two cases.
	 */
	private @Nullable ClaimedJob afterSettle(@Nullable Settlement settled, @Nullable String result,
			@Nullable String error) {
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
	private CompletableFuture<Settlement> record(JobOutcome outcome, @Nullable ClaimRequest next, boolean first) {
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
	private <T> @Nullable T settle(ClaimedJob job, Function<Boolean, CompletableFuture<T>> call) {
		ActiveJob signal = this.active.get(job.id());
		long fallback = System.nanoTime() + this.runtime.lockTtl().toNanos() / 2;
		long backoff = 0;
		for (boolean first = true;; first = false) {
			try {
				return call.apply(first).get();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return null;
			}
			catch (ExecutionException ex) {
				Throwable error = (ex.getCause() != null) ? ex.getCause() : ex;
				backoff = Math.min(Math.max(backoff * 2, 50), 1_000);
				long deadline = (signal != null) ? signal.lockHeldUntilNanos() : fallback;
				if (error instanceof LockMismatchException || System.nanoTime() + backoff * 1_000_000 - deadline > 0) {
					settleFailed(job, error);
					return null;
				}
				logger.debug("Settling job {} failed; trying again in {}ms", job.id(), backoff, error);
				try {
					Thread.sleep(backoff);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return null;
				}
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

	// NullAway: as for the handler (HandlerChain.proceed), the input is null when the job
	// was dispatched with null; the hook's type argument says whether it accepts that.
	@SuppressWarnings({ "unchecked", "NullAway" })
	private void runOnCancel(ExecutionContext ctx, @Nullable Object data) {
		CancelHook<Object> hook = (CancelHook<Object>) this.task.onCancel();
		if (hook == null) {
			return;
		}
		try {
			hook.onCancel(data, ctx);
		}
		catch (Exception ex) {
			logger.warn("onCancel hook of task '{}' threw for job {}", this.task.name(), ctx.id(), ex);
		}
		finally {
			Thread.interrupted();
		}
	}

	/** Stops a job running here after its cancellation was requested. */
	void cancel(String jobId) {
		ActiveJob job = this.active.get(jobId);
		if (job != null) {
			job.fire(Reason.CANCELLED);
		}
	}

	/** Interrupts every job running here for shutdown; each goes back to waiting. */
	void stopAll() {
		this.active.values().forEach(job -> job.fire(Reason.SHUTDOWN));
	}

	/**
	 * Extends the lock of every job running here, in one call; a cancelled answer stops
	 * the job.
	 */
	void extendLocks() {
		LockRenewal.renew(this.jobs, this.task.name(), this.active.values(), this.lockTtlMs);
	}

	Collection<ActiveJob> activeJobs() {
		return this.active.values();
	}

	private void extendLock(ActiveJob job) {
		ClaimedJob claimed = job.job();
		long sent = System.nanoTime();
		this.jobs.extendLock(this.task.name(), claimed.id(), claimed.token(), this.lockTtlMs)
			.whenComplete((status, error) -> {
				if (error != null) {
					logger.debug("Could not extend lock of job {}", claimed.id(), error);
					return;
				}
				if (status != LockStatus.LOST) {
					job.lockHeldUntil(sent + this.lockTtlMs * 1_000_000);
				}
				if (status == LockStatus.CANCELLED) {
					job.fire(Reason.CANCELLED);
				}
				else if (status == LockStatus.LOST) {
					logger.debug("Lock of job {} of task '{}' was lost", claimed.id(), this.task.name());
				}
			});
	}

	private long now() {
		return this.clock.millis();
	}

	private static Throwable unwrap(Throwable error) {
		Throwable current = error;
		while ((current instanceof CompletionException || current instanceof ExecutionException
				|| current instanceof java.lang.reflect.InvocationTargetException) && current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/**
	 * Sends a running job's heartbeats, progress and log lines to the adapter,
	 * fire-and-forget.
	 */
	private final class AdapterReporter implements ExecutionContext.Reporter {

		private final ClaimedJob job;

		private final ActiveJob signal;

		AdapterReporter(ClaimedJob job, ActiveJob signal) {
			this.job = job;
			this.signal = signal;
		}

		@Override
		public void heartbeat() {
			extendLock(this.signal);
		}

		@Override
		public void progress(String stored, Object value) {
			quietly(JobRunner.this.jobs.setProgress(JobRunner.this.task.name(), this.job.id(), stored), "progress");
		}

		@Override
		public void log(String entryJson) {
			quietly(JobRunner.this.jobs.appendLog(JobRunner.this.task.name(), this.job.id(), entryJson), "log entry");
		}

		private void quietly(CompletableFuture<Void> write, String what) {
			write.whenComplete((done, error) -> {
				if (error != null) {
					logger.debug("Could not store {} of job {}", what, this.job.id(), error);
				}
			});
		}

	}

}
