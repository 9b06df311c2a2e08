package dev.taskora.engine.adapter.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * A connection of its own for one purpose (a worker's marker wait, the cancel notices),
 * opened once: ahead of use on a thread of its own ({@link #openInBackground()}), or by
 * its first user; a user never opens a second one while a connect is under way, it waits
 * for that one. After {@link #close()} a connect under way closes what it opens.
 * <p>
 * No lock is held while connecting: a connect waits for a Lettuce I/O thread, and closing
 * must never wait for a connect.
 *
 * @param <C> the connection type
 */
final class ConnectOnce<C> {

	private final Supplier<C> connect;

	private final Function<C, CompletableFuture<?>> closer;

	private final String threadName;

	private final String closedMessage;

	private @Nullable C connection;

	private @Nullable CompletableFuture<C> opening;

	private boolean closed;

	/**
	 * @param connect opens the connection (blocking)
	 * @param closer closes one
	 * @param threadName the name of the thread that opens it in the background
	 * @param closedMessage the message of the exception a user gets once closed
	 */
	ConnectOnce(Supplier<C> connect, Function<C, CompletableFuture<?>> closer, String threadName,
			String closedMessage) {
		this.connect = connect;
		this.closer = closer;
		this.threadName = threadName;
		this.closedMessage = closedMessage;
	}

	/** The connection if it is open, without waiting. */
	synchronized @Nullable C current() {
		return this.connection;
	}

	/**
	 * Starts opening the connection on a thread of its own, unless it is open or being
	 * opened. A failure is left to the next {@link #get()}, which connects again.
	 */
	void openInBackground() {
		CompletableFuture<C> started;
		synchronized (this) {
			if (this.closed || this.connection != null || this.opening != null) {
				return;
			}
			started = new CompletableFuture<>();
			this.opening = started;
		}
		Thread opener = new Thread(() -> connect(started), this.threadName);
		opener.setDaemon(true);
		opener.start();
	}

	/**
	 * The connection: the one open, the one being opened, or a new one (blocking).
	 * @throws IllegalStateException once closed
	 */
	C get() {
		CompletableFuture<C> pending;
		boolean connectHere = false;
		synchronized (this) {
			if (this.closed) {
				throw new IllegalStateException(this.closedMessage);
			}
			if (this.connection != null) {
				return this.connection;
			}
			if (this.opening == null) {
				this.opening = new CompletableFuture<>();
				connectHere = true;
			}
			pending = this.opening;
		}
		if (connectHere) {
			connect(pending);
		}
		try {
			return pending.join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	/**
	 * Closes the connection; the future completes once it is closed, or once a connect
	 * under way has closed what it opened.
	 */
	CompletableFuture<Void> close() {
		C open;
		CompletableFuture<C> connecting;
		synchronized (this) {
			this.closed = true;
			open = this.connection;
			this.connection = null;
			connecting = this.opening;
		}
		if (open != null) {
			return this.closer.apply(open).handle((ignored, ex) -> null);
		}
		return (connecting != null) ? connecting.handle((opened, ex) -> null) : CompletableFuture.completedFuture(null);
	}

	private void connect(CompletableFuture<C> pending) {
		C opened;
		try {
			opened = this.connect.get();
		}
		catch (RuntimeException ex) {
			synchronized (this) {
				this.opening = null;
			}
			pending.completeExceptionally(ex);
			return;
		}
		boolean kept;
		synchronized (this) {
			this.opening = null;
			kept = !this.closed;
			if (kept) {
				this.connection = opened;
			}
		}
		if (kept) {
			pending.complete(opened);
		}
		else {
			this.closer.apply(opened)
				.whenComplete(
						(ignored, ex) -> pending.completeExceptionally(new IllegalStateException(this.closedMessage)));
		}
	}

}
