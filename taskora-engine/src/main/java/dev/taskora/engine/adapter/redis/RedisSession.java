package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.taskora.engine.TaskoraException;
import dev.taskora.engine.adapter.SchemaVersionMismatchException;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

/**
 * Everything a connected adapter holds: the shared command connection and what runs on
 * it, plus the connections opened on demand (worker waiters, the stream reader, the
 * cancel subscriber).
 */
final class RedisSession {

	final RedisConnector connector;

	final RedisLink link;

	final ScriptRunner scripts;

	private final RedisKeys keys;

	private final RedisErrors errors;

	private final OutageReporter outages;

	private final String instanceName;

	private final Duration timeout;

	private final Set<MarkerWaiter> waiters = ConcurrentHashMap.newKeySet();

	/** Waiters opened ahead for workers about to start ({@link #prepareWorkers}). */
	private final Map<String, MarkerWaiter> prepared = new ConcurrentHashMap<>();

	private @Nullable StreamEventReader reader;

	private @Nullable CancelSubscriber cancels;

	private RedisSession(RedisConnector connector, RedisLink link, ScriptRunner scripts, RedisKeys keys,
			RedisErrors errors, String instanceName, Duration timeout) {
		this.connector = connector;
		this.link = link;
		this.keys = keys;
		this.errors = errors;
		this.outages = errors.outages();
		this.instanceName = instanceName;
		this.timeout = timeout;
		this.scripts = scripts;
	}

	/**
	 * Connects, checks the server version, loads the scripts and runs the handshake.
	 * Blocking; on any failure everything opened so far is released again.
	 */
	static RedisSession open(RedisConnector connector, RedisKeys keys, RedisErrors errors, String instanceName,
			Duration timeout) {
		RedisLink link = null;
		try {
			link = connector.connect("commands");
			long waitMs = timeout.toMillis();
			String info = link.commands().info("server").get(waitMs, TimeUnit.MILLISECONDS);
			Handshake.checkServerVersion(info, connector.endpoint());
			ScriptRunner scripts = ScriptRunner.load(link.commands()).get(waitMs, TimeUnit.MILLISECONDS);
			Handshake.run(scripts, keys, connector.endpoint(), System.currentTimeMillis())
				.get(waitMs, TimeUnit.MILLISECONDS);
			return new RedisSession(connector, link, scripts, keys, errors, instanceName, timeout);
		}
		catch (Exception ex) {
			CompletableFuture<Void> closed = (link != null) ? link.close() : CompletableFuture.completedFuture(null);
			closed.thenCompose(ignored -> connector.shutdown());
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			Throwable cause = RedisErrors.unwrap(ex);
			if (cause instanceof SchemaVersionMismatchException || cause instanceof RedisUnavailableException) {
				throw (TaskoraException) cause;
			}
			throw errors.connectFailed(cause);
		}
	}

	/** The shared command connection's commands (pipelined, async). */
	RedisClusterAsyncCommands<String, String> commands() {
		return this.link.commands();
	}

	/** A work waiter for a worker of the task: one prepared for it, or a new one. */
	MarkerWaiter waiter(String task) {
		MarkerWaiter ready = this.prepared.remove(task);
		return (ready != null) ? ready : newWaiter(task);
	}

	/**
	 * Starts opening, in the background, the connections workers of these tasks will use:
	 * the pub/sub connection and a waiter's connection per task.
	 */
	void prepareWorkers(Collection<String> tasks) {
		cancels().openInBackground();
		for (String task : tasks) {
			this.prepared.computeIfAbsent(task, this::newWaiter);
		}
	}

	private MarkerWaiter newWaiter(String task) {
		MarkerWaiter waiter = new MarkerWaiter(this.connector, task, this.keys.task(task).marker(), this.outages,
				this.waiters::remove);
		this.waiters.add(waiter);
		waiter.open();
		return waiter;
	}

	synchronized StreamEventReader reader() {
		if (this.reader == null) {
			this.reader = new StreamEventReader(this.connector, this.keys, this::latestEventId, this.link.commands(),
					this.outages, this.instanceName + "-events");
		}
		return this.reader;
	}

	synchronized CancelSubscriber cancels() {
		if (this.cancels == null) {
			this.cancels = new CancelSubscriber(this.connector, this.keys, this.outages, this.timeout);
		}
		return this.cancels;
	}

	/**
	 * The latest entry id of the task's event stream, or {@code 0-0} when it is empty.
	 */
	CompletableFuture<String> latestEventId(String task) {
		CompletableFuture<String> latest = commands()
			.xrevrange(this.keys.task(task).events(), Range.create("-", "+"), Limit.from(1))
			.toCompletableFuture()
			.thenApply(entries -> entries.isEmpty() ? "0-0" : entries.get(0).getId());
		return this.errors.guard(latest, "watch events", task, null);
	}

	/**
	 * Closes every connection and thread of the session, then the client if the adapter
	 * owns it.
	 */
	CompletableFuture<Void> close() {
		List<CompletableFuture<?>> closing = new ArrayList<>();
		for (MarkerWaiter waiter : List.copyOf(this.waiters)) {
			closing.add(waiter.closeAsync());
		}
		synchronized (this) {
			if (this.reader != null) {
				closing.add(this.reader.close());
			}
			if (this.cancels != null) {
				closing.add(this.cancels.close());
			}
		}
		closing.add(this.link.close());
		return CompletableFuture.allOf(closing.toArray(CompletableFuture<?>[]::new))
			.handle((ignored, ex) -> null)
			.thenCompose(ignored -> this.connector.shutdown());
	}

}
