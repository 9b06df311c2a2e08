package dev.taskora.engine.worker;

import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.taskora.engine.CancelHook;
import dev.taskora.engine.JobState;
import dev.taskora.engine.JobTimeoutException;
import dev.taskora.engine.Task;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.JobOutcome;
import dev.taskora.engine.adapter.JobStore;
import dev.taskora.engine.adapter.LockStatus;
import dev.taskora.engine.adapter.Settlement;
import dev.taskora.engine.contract.BeanValidation;
import dev.taskora.engine.contract.PayloadGate;
import dev.taskora.engine.contract.Versioning;
import dev.taskora.engine.event.Registration;
import dev.taskora.engine.internal.NonBlockingHandlers;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.internal.TimerClock;
import dev.taskora.engine.job.CancellationSignal.Reason;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs claimed jobs of one task: deserialize, middleware and handler under the timeout,
 * then the outcome (cancel, shutdown, success or failure with the retry decision) settled
 * by its {@link JobSettler} in one adapter call that may claim the next job in the same
 * round trip.
 */
final class JobRunner {

	private static final Logger logger = LoggerFactory.getLogger(JobRunner.class);

	/** What {@code execute} returns when the job's settlement ends elsewhere. */
	private static final ClaimedJob SETTLING = new ClaimedJob("", "", 0, 0, 0, "");

	private final TaskoraRuntime runtime;

	/**
	 * Read once: a worker's adapter cannot change while it runs, and the claim path stays
	 * one call deep.
	 */
	private final JobStore jobs;

	private final Clock clock;

	/** How long each claim and renewal keeps a lock in the store. */
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

	private final JobSettler settler;

	/** Told the finished state each settled job went to (nack and hand-back: nothing). */
	private final Consumer<JobState> finished;

	/** Given the slot of every job whose {@link #run} returns {@code null}, if set. */
	private final @Nullable Continuation continuation;

	/**
	 * Whether acks and fails are answered off the handler thread: with a continuation,
	 * where several jobs run at once or handlers never block.
	 */
	private final boolean handsOff;

	/**
	 * Whether handlers run where jobs arrive and must never block (with a continuation):
	 * nothing interrupts them, and a settlement that waits for its answer goes to a
	 * handler thread.
	 */
	private final boolean nonBlocking;

	JobRunner(TaskoraRuntime runtime, Task<?, ?> task) {
		this(runtime, task, state -> {
		}, null);
	}

	/**
	 * @param finished told the finished state of every job settled here
	 * ({@link JobState#FAILED} for every failed attempt, retried or not)
	 * @param continuation given the slot of every job whose {@link #run} returns
	 * {@code null}; with one, where several jobs run at once, a handler thread does not
	 * wait for its job's ack or fail: the answer hands the slot on
	 */
	JobRunner(TaskoraRuntime runtime, Task<?, ?> task, Consumer<JobState> finished,
			@Nullable Continuation continuation) {
		this.finished = finished;
		this.continuation = continuation;
		this.nonBlocking = continuation != null && task.options().nonBlocking();
		this.handsOff = continuation != null && (task.options().concurrency() > 1 || this.nonBlocking);
		this.runtime = runtime;
		this.jobs = runtime.adapter().jobs();
		this.clock = runtime.clock();
		this.lockTtlMs = LockRenewal.heldMs(runtime.lockTtl(), runtime.adapter().reconnectDelay());
		this.timerClock = JobTimers.timerClock(runtime);
		this.task = task;
		this.chain = new HandlerChain(runtime.middleware(), task);
		this.settler = new JobSettler(runtime, this.jobs, task, this.active::get);
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
	 * Runs one job on the calling thread; its settlement ends there too, or, with a
	 * {@link Continuation}, where its ack or fail is answered.
	 * @param next supplies the request for a fused claim of the next job, or returns
	 * {@code null} to claim nothing (the worker is closing)
	 * @return the next job, claimed while settling, for this thread to run; or
	 * {@code null}, and then the continuation (if any) has been or will be given the
	 * job's slot, once
	 */
	@Nullable ClaimedJob run(ClaimedJob job, Supplier<@Nullable ClaimRequest> next) {
		ActiveJob signal = new ActiveJob(job, this.nonBlocking ? null : Thread.currentThread());
		signal.lockHeldUntil(System.nanoTime() + this.lockTtlMs * 1_000_000);
		this.active.put(job.id(), signal);
		// On a real clock the worker extends every running job's lock at a fixed rate:
		// nothing per job.
		if (this.timerClock != null) {
			signal.lockExtension(JobTimers.lockExtension(this.timerClock, this.lockTtlMs, () -> extendLock(signal)));
		}
		ClaimedJob following;
		try {
			following = execute(job, signal, next);
		}
		catch (RuntimeException | Error ex) {
			done(signal);
			throw ex;
		}
		if (following == SETTLING) {
			return null;
		}
		done(signal);
		if (following == null && this.continuation != null) {
			this.continuation.settled(null);
		}
		return following;
	}

	/** The job is no longer running here: its lock is no longer extended. */
	private void done(ActiveJob signal) {
		signal.closeLockExtension();
		this.active.remove(signal.job().id());
	}

	private @Nullable ClaimedJob execute(ClaimedJob job, ActiveJob signal, Supplier<@Nullable ClaimRequest> next) {
		if (job.defect() != null) {
			// a stored job that cannot be run: it fails once, naming the field, instead
			// of vanishing
			return fail(signal,
					new ValidationException(
							"Job " + job.id() + " of task '" + this.task.name() + "' cannot be run: " + job.defect()),
					next);
		}
		Versioning versioning = this.task.versioning();
		PayloadGate.Verdict verdict = PayloadGate.verdict(versioning, job.version());
		if (verdict == PayloadGate.Verdict.HAND_BACK) {
			return waitingForTheAnswer(signal, () -> handBack(job, versioning));
		}
		this.handBacksInARow.set(0);
		if (verdict == PayloadGate.Verdict.TOO_OLD) {
			return fail(signal, PayloadGate.tooOld(job.version(), versioning), next);
		}
		Object data;
		try {
			data = readInput(job, versioning);
		}
		catch (ValidationException ex) {
			return fail(signal, ex, next);
		}
		ExecutionContext ctx = new ExecutionContext(this.task.name(), job.id(), job.attempt(), job.timestamp(),
				job.headers(), signal, new AdapterReporter(this.jobs, this.task.name(), job, () -> extendLock(signal)),
				this.runtime.serializer(), this.clock, data);
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
		if (this.nonBlocking) {
			NonBlockingHandlers.enter(this.task.name());
		}
		try {
			result = this.chain.invoke(ctx);
		}
		catch (Exception | AssertionError | LinkageError ex) {
			error = unwrap(ex);
		}
		finally {
			if (this.nonBlocking) {
				NonBlockingHandlers.leave();
			}
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
			return waitingForTheAnswer(signal, () -> {
				this.settler.settle(job,
						first -> this.jobs.finishCancel(this.task.name(), job.id(), job.token(), cancelledAt));
				this.finished.accept(JobState.CANCELLED);
				return null;
			});
		}
		if (reason == Reason.SHUTDOWN) {
			// Not the job's fault: back to waiting, attempt unchanged, for another
			// worker.
			return waitingForTheAnswer(signal, () -> {
				this.settler.settle(job, first -> this.jobs.nack(this.task.name(), job.id(), job.token()));
				return null;
			});
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
				return fail(signal, ex.violations().isEmpty() ? new ValidationException("Result of job " + job.id()
						+ " of task '" + this.task.name() + "' cannot be serialized: " + ex.getMessage(), ex) : ex,
						next);
			}
			JobCompletion completion = new JobCompletion(job.id(), job.token(), stored, now());
			return settle(signal, completion, JobState.COMPLETED, stored, null, next);
		}
		return fail(signal, error, next);
	}

	/**
	 * Runs a settlement that waits for its answer: here, or, where handlers never block,
	 * on a handler thread ({@link #SETTLING}).
	 */
	private @Nullable ClaimedJob waitingForTheAnswer(ActiveJob signal, Supplier<@Nullable ClaimedJob> settlement) {
		Continuation continuation = this.continuation;
		if (!this.nonBlocking || continuation == null) {
			return settlement.get();
		}
		continuation.resume(() -> {
			try {
				return settlement.get();
			}
			finally {
				done(signal);
			}
		});
		return SETTLING;
	}

	/**
	 * Acks or fails a job that ran, claiming the next one in the same call. With a
	 * continuation the handler thread does not wait: the answer hands the slot on
	 * ({@link #SETTLING}), and a retry or a workflow step it calls for runs on a handler
	 * thread.
	 */
	private @Nullable ClaimedJob settle(ActiveJob signal, JobOutcome outcome, JobState state, @Nullable String result,
			@Nullable String error, Supplier<@Nullable ClaimRequest> next) {
		ClaimedJob job = signal.job();
		Continuation continuation = this.continuation;
		if (!this.handsOff || continuation == null) {
			Settlement settled = this.settler.settle(job,
					first -> this.settler.record(outcome, first ? next.get() : null, first));
			this.finished.accept(state);
			return this.settler.afterSettle(settled, result, error);
		}
		this.settler.record(outcome, next.get(), true).whenComplete((settled, failure) -> {
			if (failure == null && settled.workflowId() == null) {
				done(signal);
				this.finished.accept(state);
				continuation.settled(settled.next());
				return;
			}
			continuation.resume(() -> {
				Settlement retried = (failure != null) ? this.settler.retry(job, outcome, unwrap(failure)) : settled;
				done(signal);
				this.finished.accept(state);
				return this.settler.afterSettle(retried, result, error);
			});
		});
		return SETTLING;
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
		this.settler.settle(job,
				first -> this.jobs.nack(this.task.name(), job.id(), job.token()).thenApply(done -> null));
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

	private @Nullable ClaimedJob fail(ActiveJob signal, Throwable error, Supplier<@Nullable ClaimRequest> next) {
		ClaimedJob job = signal.job();
		long delay = RetryDecision.retryDelay(this.task.options().retry(), error, job.attempt());
		String message = (error.getMessage() != null) ? error.getMessage() : error.getClass().getName();
		if (!this.runtime.events().hasFailedListener(this.task.name())) {
			logger.error("[taskora] task \"{}\" job {} failed (attempt {}/{}, {})", this.task.name(), job.id(),
					job.attempt(), this.task.options().retry().attempts(),
					(delay >= 0) ? "will retry in " + delay + "ms" : "permanently", error);
		}
		JobFailure failure = new JobFailure(job.id(), job.token(), message, now(), delay);
		return settle(signal, failure, JobState.FAILED, null, message, next);
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
				|| current instanceof InvocationTargetException) && current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/**
	 * Takes a job's slot when the job's ack or fail is answered off the thread that ran
	 * it.
	 */
	interface Continuation {

		/**
		 * The job is settled: its slot goes to {@code next}, claimed in the same call, or
		 * is free. Called on the store client's I/O thread: must not block.
		 */
		void settled(@Nullable ClaimedJob next);

		/**
		 * The settlement needs a thread that may block (a retry while the store is
		 * unreachable, a workflow step): runs {@code rest} on one; it returns the job the
		 * slot goes to, as for {@link #settled}.
		 */
		void resume(Supplier<@Nullable ClaimedJob> rest);

	}

}
