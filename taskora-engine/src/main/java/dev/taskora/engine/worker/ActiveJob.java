package dev.taskora.engine.worker;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.taskora.engine.CancelledException;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.event.Registration;
import dev.taskora.engine.job.CancellationSignal;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A job running in this process, and its cancellation signal. Firing the signal
 * interrupts the handler thread, but only while the handler runs, so settling the job is
 * never interrupted; a non-blocking task's handler has no thread of its own to interrupt.
 */
final class ActiveJob implements CancellationSignal {

	private static final Logger logger = LoggerFactory.getLogger(ActiveJob.class);

	private final ClaimedJob job;

	/** The handler's thread, to interrupt; {@code null} for a non-blocking task's. */
	private final @Nullable Thread thread;

	private final List<Runnable> actions = new ArrayList<>();

	private @Nullable Reason reason;

	private boolean inHandler;

	/**
	 * {@link System#nanoTime()} until which the store holds the job's lock for us, as far
	 * as we know.
	 */
	private volatile long lockHeldUntilNanos;

	/** On virtual time: the job's own lock extension timer. */
	private volatile @Nullable Registration lockExtension;

	ActiveJob(ClaimedJob job, @Nullable Thread thread) {
		this.job = job;
		this.thread = thread;
	}

	ClaimedJob job() {
		return this.job;
	}

	/** Sets the job's own lock extension timer (virtual time only). */
	void lockExtension(Registration extension) {
		this.lockExtension = extension;
	}

	/** Stops the job's own lock extension timer, if it has one. */
	void closeLockExtension() {
		Registration extension = this.lockExtension;
		if (extension != null) {
			extension.close();
		}
	}

	/**
	 * Records that the lock is ours until {@code nanos} ({@link System#nanoTime()}) at
	 * least.
	 */
	synchronized void lockHeldUntil(long nanos) {
		if (nanos - this.lockHeldUntilNanos > 0 || this.lockHeldUntilNanos == 0) {
			this.lockHeldUntilNanos = nanos;
		}
	}

	/** Until when ({@link System#nanoTime()}) the lock is ours as far as we know. */
	long lockHeldUntilNanos() {
		return this.lockHeldUntilNanos;
	}

	/**
	 * Fires the signal once; later calls are ignored. Returns whether this call fired it.
	 */
	boolean fire(Reason why) {
		List<Runnable> toRun;
		synchronized (this) {
			if (this.reason != null) {
				return false;
			}
			this.reason = why;
			if (this.inHandler && this.thread != null) {
				this.thread.interrupt();
			}
			toRun = List.copyOf(this.actions);
			this.actions.clear();
		}
		toRun.forEach(ActiveJob::runQuietly);
		return true;
	}

	synchronized void enterHandler() {
		this.inHandler = true;
		if (this.reason != null && this.thread != null) {
			this.thread.interrupt();
		}
	}

	/**
	 * Called on the handler thread: no interrupt can arrive after this, and a pending one
	 * is cleared.
	 */
	synchronized void leaveHandler() {
		this.inHandler = false;
		if (this.thread != null) {
			Thread.interrupted();
		}
	}

	@Override
	public synchronized boolean isCancelled() {
		return this.reason != null;
	}

	@Override
	public synchronized @Nullable Reason reason() {
		return this.reason;
	}

	@Override
	public void onCancel(Runnable action) {
		synchronized (this) {
			if (this.reason == null) {
				this.actions.add(action);
				return;
			}
		}
		runQuietly(action);
	}

	@Override
	public void throwIfCancelled() {
		if (isCancelled()) {
			throw new CancelledException(this.job.id(), String.valueOf(reason()).toLowerCase(Locale.ROOT));
		}
	}

	private static void runQuietly(Runnable action) {
		try {
			action.run();
		}
		catch (RuntimeException ex) {
			logger.warn("Cancellation callback threw", ex);
		}
	}

}
