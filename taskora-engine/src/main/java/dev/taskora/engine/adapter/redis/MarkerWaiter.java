package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import dev.taskora.engine.adapter.WorkWaiter;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScoredValue;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's wait for work: {@code BZPOPMIN} on the task's marker over a connection of
 * its own.
 * <p>
 * A popped score of 0, or one already past, means "claim now". A future score is the time
 * the next delayed job becomes due; the waiter then blocks on the marker again until that
 * time, an interruptible sleep that a producer's marker write ends early, as taskora's
 * Node worker does.
 * <p>
 * {@link #wakeUp()} ends an await at once without touching Redis: a BZPOPMIN still
 * blocked on the server stays in flight and the next {@link #await} waits on it instead
 * of issuing another. {@link #await} is called by one worker thread; {@code wakeUp} and
 * {@code close} from any thread.
 * <p>
 * Given a claim ({@link #await(Duration, WorkClaim)}), the waiter claims as the marker
 * pops, on the I/O thread that read it, and pops again from there while the claim drained
 * the queue: a worker idle between jobs enqueued one by one claims each without a thread
 * wake-up in between (the worker's thread would otherwise wake up to claim, and again to
 * pop).
 */
final class MarkerWaiter implements WorkWaiter {

	private static final Logger logger = LoggerFactory.getLogger(MarkerWaiter.class);

	private static final long MIN_BLOCK_MS = 10;

	/** A "claim now" pop, for a watch that leaves the claim to the caller. */
	private static final KeyValue<String, ScoredValue<String>> CLAIM_NOW = KeyValue.just("", ScoredValue.just(0, ""));

	private final RedisConnector connector;

	private final String marker;

	private final String role;

	private final Consumer<MarkerWaiter> onClose;

	private final RetryPacer pacer;

	private final Object monitor = new Object();

	private final ConnectOnce<RedisLink> link;

	private CompletableFuture<Void> wake = new CompletableFuture<>();

	private volatile boolean closed;

	private @Nullable CompletableFuture<@Nullable KeyValue<String, ScoredValue<String>>> inFlight;

	/** Epoch ms of a popped future marker score we sleep towards, 0 for none. */
	private long dueAt;

	MarkerWaiter(RedisConnector connector, String task, String marker, OutageReporter outages,
			Consumer<MarkerWaiter> onClose) {
		this.connector = connector;
		this.marker = marker;
		this.role = "waiter-" + task;
		this.onClose = onClose;
		this.pacer = new RetryPacer(outages, this, "wait for work", "wait for work of task '" + task + "'");
		this.link = new ConnectOnce<>(() -> connector.connect(this.role), RedisLink::close,
				connector.clientName(this.role) + "-open", "Work waiter is closed");
	}

	@Override
	public void await(Duration max) throws InterruptedException {
		await(max, null);
	}

	/**
	 * Waits as {@link #await(Duration)}; each marker that says "claim now" first runs
	 * {@code onWork} on the I/O thread that read it, and while that keeps waiting the
	 * next BZPOPMIN goes out from there too, up to the wait's deadline.
	 */
	@Override
	public void await(Duration max, @Nullable WorkClaim onWork) throws InterruptedException {
		long deadline = System.nanoTime() + Math.min(max.toNanos(), TimeUnit.DAYS.toNanos(1));
		CompletableFuture<Void> wakeSignal;
		synchronized (this.monitor) {
			wakeSignal = this.wake;
		}
		while (!this.closed && !consumeWake(wakeSignal)) {
			long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
			long now = System.currentTimeMillis();
			if (this.dueAt > 0 && now >= this.dueAt) {
				this.dueAt = 0;
				return;
			}
			if (remainingMs < MIN_BLOCK_MS) {
				return;
			}
			CompletableFuture<@Nullable KeyValue<String, ScoredValue<String>>> pop;
			try {
				pop = (this.inFlight != null) ? this.inFlight : watch(remainingMs, now, deadline, onWork);
			}
			catch (RuntimeException ex) {
				pause(ex, wakeSignal, remainingMs);
				return;
			}
			this.inFlight = pop;
			try {
				CompletableFuture.anyOf(pop, wakeSignal).get(remainingMs, TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				return; // the pop stays in flight for the next await
			}
			catch (ExecutionException ex) {
				this.inFlight = null;
				pause(ex, wakeSignal, remainingMs);
				return;
			}
			if (!pop.isDone()) {
				continue; // woken up: consumeWake ends the loop, the pop stays in flight
			}
			this.inFlight = null;
			this.pacer.succeeded();
			KeyValue<String, ScoredValue<String>> popped = pop.join();
			if (claimNow(popped)) {
				this.dueAt = 0;
				return;
			}
			if (popped != null && popped.hasValue()) {
				long score = (long) popped.getValue().getScore();
				this.dueAt = (this.dueAt == 0) ? score : Math.min(this.dueAt, score);
			}
		}
	}

	@Override
	public void wakeUp() {
		synchronized (this.monitor) {
			this.wake.complete(null);
		}
	}

	@Override
	public void close() {
		closeAsync();
	}

	/** Closes the waiter; the future completes once its connection is closed. */
	CompletableFuture<Void> closeAsync() {
		synchronized (this.monitor) {
			if (this.closed) {
				return CompletableFuture.completedFuture(null);
			}
			this.closed = true;
			this.wake.complete(null);
		}
		this.onClose.accept(this);
		this.pacer.closed();
		return this.link.close();
	}

	/**
	 * Whether the wait was woken; the signal is consumed so the next await blocks again.
	 */
	private boolean consumeWake(CompletableFuture<Void> wakeSignal) {
		if (!wakeSignal.isDone()) {
			return false;
		}
		synchronized (this.monitor) {
			if (this.wake == wakeSignal && !this.closed) {
				this.wake = new CompletableFuture<>();
			}
		}
		return true;
	}

	/**
	 * The next pop of the marker; with {@code onWork}, a pop that says "claim now" runs
	 * it and, while it keeps waiting, pops again from the I/O thread. Completes with the
	 * pop that ends the watch: a future score, {@code null} for none by the deadline, or
	 * {@link #CLAIM_NOW} when {@code onWork} leaves the claim to the caller.
	 */
	private CompletableFuture<@Nullable KeyValue<String, ScoredValue<String>>> watch(long remainingMs, long now,
			long deadline, @Nullable WorkClaim onWork) {
		long due = this.dueAt;
		CompletableFuture<@Nullable KeyValue<String, ScoredValue<String>>> pop = popMarker(remainingMs, now, due);
		if (onWork == null) {
			return pop;
		}
		CompletableFuture<@Nullable KeyValue<String, ScoredValue<String>>> watched = new CompletableFuture<>();
		claimOnPop(pop, watched, deadline, due, onWork);
		return watched;
	}

	private void claimOnPop(CompletableFuture<@Nullable KeyValue<String, ScoredValue<String>>> pop,
			CompletableFuture<@Nullable KeyValue<String, ScoredValue<String>>> watched, long deadline, long dueAt,
			WorkClaim onWork) {
		pop.whenComplete((popped, error) -> {
			if (error != null || this.closed || !claimNow(popped)) {
				complete(watched, popped, error);
				return;
			}
			this.pacer.succeeded();
			CompletableFuture<Boolean> claimed;
			try {
				claimed = onWork.claim();
			}
			catch (RuntimeException ex) {
				claimed = CompletableFuture.failedFuture(ex);
			}
			claimed.whenComplete((keepWaiting, claimError) -> {
				if (claimError != null) {
					logger.debug("Claim on a marker of {} failed; the worker claims again", this.role, claimError);
				}
				long remainingMs = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (claimError != null || !Boolean.TRUE.equals(keepWaiting) || this.closed
						|| remainingMs < MIN_BLOCK_MS) {
					watched.complete((claimError == null && Boolean.TRUE.equals(keepWaiting)) ? null : CLAIM_NOW);
					return;
				}
				try {
					claimOnPop(popMarker(remainingMs, System.currentTimeMillis(), dueAt), watched, deadline, dueAt,
							onWork);
				}
				catch (RuntimeException ex) {
					watched.completeExceptionally(ex);
				}
			});
		});
	}

	/** Whether a pop says "claim now": a score of 0, or one already past. */
	private static boolean claimNow(@Nullable KeyValue<String, ScoredValue<String>> popped) {
		return popped != null && popped.hasValue() && (long) popped.getValue().getScore() <= System.currentTimeMillis();
	}

	private static <T> void complete(CompletableFuture<T> future, T value, @Nullable Throwable error) {
		if (error != null) {
			future.completeExceptionally(error);
		}
		else {
			future.complete(value);
		}
	}

	private CompletableFuture<@Nullable KeyValue<String, ScoredValue<String>>> popMarker(long remainingMs, long now,
			long dueAt) {
		RedisLink current = this.link.get();
		long blockMs = Math.min(remainingMs, this.connector.maxBlock(current).toMillis());
		if (dueAt > 0) {
			blockMs = Math.min(blockMs, dueAt - now);
		}
		blockMs = Math.max(blockMs, MIN_BLOCK_MS);
		this.pacer.probe(current);
		// null when the block times out with the marker still empty
		return current.commands()
			.bzpopmin(blockMs / 1000.0, this.marker)
			.toCompletableFuture()
			.thenApply(popped -> popped);
	}

	/**
	 * Starts opening the waiter's connection on a thread of its own, so that neither the
	 * caller (a worker starting, or an app preparing its workers) nor the first wait
	 * (which would delay the first job it should wake for) waits for it. A failure is
	 * left to the first wait, which retries.
	 */
	void open() {
		this.link.openInBackground();
	}

	/**
	 * Waits out a failure (wakeUp still ends the wait), then returns so the worker may
	 * try a claim.
	 */
	private void pause(Throwable ex, CompletableFuture<Void> wakeSignal, long remainingMs) throws InterruptedException {
		if (this.closed) {
			return;
		}
		long delay = this.pacer.failed(ex);
		try {
			wakeSignal.get(Math.min(delay, remainingMs), TimeUnit.MILLISECONDS);
			consumeWake(wakeSignal);
		}
		catch (TimeoutException | ExecutionException expected) {
			// the pause is over
		}
	}

}
