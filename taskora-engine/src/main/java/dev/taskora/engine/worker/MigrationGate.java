package dev.taskora.engine.worker;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.taskora.engine.event.Registration;
import dev.taskora.engine.internal.TaskoraRuntime;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Honours taskora's wire-format migration lock: while a migrator holds a lock covering
 * this build, the app's workers claim nothing; they resume when it is released. The lock
 * is read when the workers start, on every message of the migration broadcast, and every
 * 30 seconds in case a message was missed (a reconnect), as taskora's workers do. Jobs
 * already running finish.
 */
final class MigrationGate {

	private static final Logger logger = LoggerFactory.getLogger(MigrationGate.class);

	/** taskora's safety-net poll. */
	static final long POLL_MS = 30_000;

	private final TaskoraRuntime runtime;

	private final Object monitor = new Object();

	private boolean paused;

	private @Nullable Registration broadcast;

	private @Nullable ScheduledFuture<?> poll;

	MigrationGate(TaskoraRuntime runtime) {
		this.runtime = runtime;
	}

	/**
	 * Subscribes to the broadcast, reads the lock once (a process starting mid-migration
	 * pauses at once) and starts the poll. A failure to subscribe leaves the poll alone
	 * on the watch.
	 */
	synchronized void open() {
		if (this.poll != null) {
			return;
		}
		try {
			this.broadcast = this.runtime.adapter().events().subscribeMigrationBroadcast(this::refresh);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not subscribe to the migration broadcast; polling the lock only", ex);
		}
		try {
			apply(this.runtime.adapter().events().migrationLockHeld().get(10, TimeUnit.SECONDS));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			logger.debug("Could not read the migration lock; the poll tries again", ex);
		}
		this.poll = this.runtime.timer().scheduleWithFixedDelay(this::refresh, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
	}

	/**
	 * Unsubscribes and stops the poll; waiting claimers are let go (they are stopping
	 * too).
	 */
	synchronized void close() {
		if (this.broadcast != null) {
			this.broadcast.close();
			this.broadcast = null;
		}
		if (this.poll != null) {
			this.poll.cancel(false);
			this.poll = null;
		}
		apply(false);
	}

	/**
	 * Reads the lock again; a failed read keeps the current state (the next poll
	 * retries).
	 */
	void refresh() {
		this.runtime.adapter().events().migrationLockHeld().whenComplete((held, error) -> {
			if (error != null) {
				logger.debug("Could not read the migration lock", error);
			}
			else {
				apply(held);
			}
		});
	}

	private void apply(boolean held) {
		synchronized (this.monitor) {
			if (held == this.paused) {
				return;
			}
			this.paused = held;
			this.monitor.notifyAll();
		}
		if (held) {
			logger.info("[taskora] a wire-format migration is running: workers pause claiming until it is done");
		}
		else {
			logger.info("[taskora] the wire-format migration is done: workers claim again");
		}
	}

	/** Whether claiming is paused now. */
	boolean paused() {
		synchronized (this.monitor) {
			return this.paused;
		}
	}

	/**
	 * Blocks while a migration is running.
	 * @throws InterruptedException when the worker stops meanwhile
	 */
	void awaitClear() throws InterruptedException {
		synchronized (this.monitor) {
			while (this.paused) {
				this.monitor.wait();
			}
		}
	}

}
