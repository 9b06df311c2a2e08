package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.EventFeed;
import dev.taskora.engine.adapter.FlowStore;
import dev.taskora.engine.adapter.InspectStore;
import dev.taskora.engine.adapter.JobStore;
import dev.taskora.engine.adapter.Maintenance;
import dev.taskora.engine.adapter.ScheduleStore;
import dev.taskora.engine.adapter.WorkflowStore;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import org.jspecify.annotations.Nullable;

/**
 * The production {@link Adapter}: jobs live in Redis (7.0 or newer) in taskora's wire
 * format version 6, so Java workers and Node taskora processes can share queues.
 *
 * <pre class="code">
 * Adapter adapter = RedisAdapter.connect("redis://localhost:6379");          // a URL
 * Adapter adapter = RedisAdapter.create(RedisAdapterOptions.builder()        // options
 *     .host("redis.internal").password("secret").prefix("billing").build());
 * Adapter adapter = RedisAdapter.create(lettuceClient, options);             // your RedisClient / RedisClusterClient
 * </pre>
 *
 * Nothing is opened until {@link #connect()} (the first operation connects, too).
 * Connections: one shared command connection (pipelined), one per worker's work waiter,
 * one for the event stream reader and one pub/sub connection for cancel notices. A client
 * passed in is never shut down by the adapter; one built from options is, on
 * {@link #disconnect()}.
 */
public final class RedisAdapter implements Adapter {

	private static final AtomicInteger INSTANCES = new AtomicInteger();

	/** How often a waiting dispatch looks whether the connection is back. */
	private static final long DISPATCH_POLL_MS = 20;

	/** Attempts after which any of Lettuce's reconnect delays has grown to its cap. */
	private static final long RECONNECT_ATTEMPTS_TO_CAP = 30;

	private final RedisAdapterOptions options;

	private final @Nullable AbstractRedisClient sharedClient;

	private final RedisKeys keys;

	private final String instanceName;

	private final RedisErrors errors;

	private final JobStore jobs;

	private final Maintenance maintenance;

	private final EventFeed events;

	private final InspectStore inspect;

	private final FlowStore flow;

	private final ScheduleStore schedules;

	private final WorkflowStore workflows;

	private @Nullable CompletableFuture<RedisSession> connecting;

	private volatile @Nullable RedisSession session;

	private @Nullable CompletableFuture<Void> disconnecting;

	private RedisAdapter(RedisAdapterOptions options, @Nullable AbstractRedisClient sharedClient) {
		this.options = options;
		this.sharedClient = sharedClient;
		this.keys = new RedisKeys(options.prefix(), options.cluster() || sharedClient instanceof RedisClusterClient);
		this.instanceName = "taskora-redis-" + INSTANCES.incrementAndGet();
		String endpoint = (sharedClient != null) ? "the application's " + sharedClient.getClass().getSimpleName()
				: RedisEndpoints.describe(options);
		this.errors = new RedisErrors(endpoint, options.password());
		if (sharedClient == null) {
			RedisEndpoints.uris(options); // reject a malformed URL now, not at connect
		}
		this.jobs = new RedisJobStore(this, this.keys, this.errors);
		this.maintenance = new RedisMaintenance(this, this.keys, this.errors);
		this.events = new RedisEventFeed(this, this.keys);
		this.inspect = new RedisInspectStore(this, this.keys, this.errors);
		this.flow = new RedisFlowStore(this, this.keys, this.errors);
		this.schedules = new RedisScheduleStore(this, this.keys, this.errors);
		this.workflows = new RedisWorkflowStore(this, this.keys, this.errors);
	}

	/**
	 * An adapter for a Redis URL ({@code redis://[user:password@]host[:port][/db]},
	 * {@code rediss://}, {@code redis-sentinel://}).
	 */
	public static RedisAdapter connect(String url) {
		return create(RedisAdapterOptions.ofUrl(url));
	}

	/** An adapter that builds and owns its Lettuce client from the options. */
	public static RedisAdapter create(RedisAdapterOptions options) {
		return new RedisAdapter(Objects.requireNonNull(options, "options"), null);
	}

	/**
	 * An adapter over the application's client (standalone or Sentinel), which must have
	 * been created with a URI ({@code RedisClient.create("redis://...")}). Of the
	 * options, the prefix and command timeout apply; the client's own settings rule its
	 * connections. The adapter never shuts the client down.
	 */
	public static RedisAdapter create(RedisClient client, RedisAdapterOptions options) {
		return new RedisAdapter(Objects.requireNonNull(options, "options"), Objects.requireNonNull(client, "client"));
	}

	/**
	 * An adapter over the application's Cluster client. Of the options, the prefix and
	 * command timeout apply. The adapter never shuts the client down.
	 */
	public static RedisAdapter create(RedisClusterClient client, RedisAdapterOptions options) {
		return new RedisAdapter(Objects.requireNonNull(options, "options"), Objects.requireNonNull(client, "client"));
	}

	/**
	 * The longest wait between reconnect attempts: the options' for a client the adapter
	 * builds, the longest its own reconnect delay grows to for a client passed in.
	 */
	@Override
	public Duration reconnectDelay() {
		if (this.sharedClient == null) {
			return this.options.reconnectDelay();
		}
		// the delay after many failed attempts is the longest it grows to
		return this.sharedClient.getResources().reconnectDelay().createDelay(RECONNECT_ATTEMPTS_TO_CAP);
	}

	/**
	 * The name this adapter gives its connections and threads
	 * ({@code taskora-redis-<n>}).
	 */
	public String instanceName() {
		return this.instanceName;
	}

	/** The key prefix, or {@code null}. */
	public @Nullable String prefix() {
		return this.options.prefix();
	}

	@Override
	public synchronized CompletableFuture<Void> connect() {
		if (this.disconnecting != null) {
			return CompletableFuture.failedFuture(new IllegalStateException("RedisAdapter was disconnected"));
		}
		if (this.connecting == null) {
			CompletableFuture<RedisSession> opening = new CompletableFuture<>();
			this.connecting = opening;
			// connecting blocks (TCP, AUTH, handshake); keep that off the caller's thread
			Thread connector = new Thread(() -> {
				try {
					RedisSession opened = RedisSession.open(newConnector(), this.keys, this.errors, this.instanceName,
							this.options.commandTimeout());
					this.session = opened;
					opening.complete(opened);
				}
				catch (Throwable ex) {
					opening.completeExceptionally(ex);
				}
			}, this.instanceName + "-connect");
			connector.setDaemon(true);
			connector.start();
		}
		return this.connecting.thenApply(opened -> null);
	}

	@Override
	public synchronized CompletableFuture<Void> disconnect() {
		if (this.disconnecting == null) {
			CompletableFuture<RedisSession> opening = this.connecting;
			this.disconnecting = (opening == null) ? CompletableFuture.completedFuture(null)
					: opening.handle((opened, ex) -> opened)
						.thenCompose(
								opened -> (opened != null) ? opened.close() : CompletableFuture.completedFuture(null));
			this.session = null;
		}
		return this.disconnecting;
	}

	@Override
	public JobStore jobs() {
		return this.jobs;
	}

	@Override
	public Maintenance maintenance() {
		return this.maintenance;
	}

	/**
	 * The event feed: a shared stream reader, one pub/sub connection for cancel notices,
	 * and one blocking connection per work waiter, each opened on first use.
	 */
	@Override
	public EventFeed events() {
		return this.events;
	}

	@Override
	public InspectStore inspect() {
		return this.inspect;
	}

	@Override
	public FlowStore flow() {
		return this.flow;
	}

	/** Schedules in taskora's {@code schedules} keys, and the scheduler's leader lock. */
	@Override
	public ScheduleStore schedules() {
		return this.schedules;
	}

	/** Workflows in taskora's {@code wf:{id}} hashes. */
	@Override
	public WorkflowStore workflows() {
		return this.workflows;
	}

	@Override
	public String toString() {
		return "RedisAdapter[" + this.instanceName + ", " + this.options + "]";
	}

	private RedisConnector newConnector() {
		return (this.sharedClient != null) ? RedisConnector.shared(this.sharedClient, this.instanceName)
				: RedisConnector.owned(this.options, this.instanceName);
	}

	/**
	 * Runs the operation on the open session; the first operation before connect()
	 * connects.
	 */
	<T extends @Nullable Object> CompletableFuture<T> withSession(
			Function<RedisSession, CompletableFuture<T>> operation) {
		RedisSession current = this.session;
		if (current != null) {
			return operation.apply(current);
		}
		return connect().thenCompose(ignored -> {
			RedisSession opened = this.session;
			return (opened != null) ? operation.apply(opened)
					: CompletableFuture.failedFuture(new IllegalStateException("RedisAdapter was disconnected"));
		});
	}

	/**
	 * Runs a dispatch (an enqueue, a flow admission) on the open session. While the
	 * connection is down, the client rejects commands without sending them, and a
	 * restarted server refuses them while it loads its data; the dispatch waits, polling,
	 * up to {@link RedisAdapterOptions#dispatchTimeout()}, and then fails naming that
	 * timeout. A command that was never run is tried again; one whose reply was lost (the
	 * connection dropped after it was sent) only when {@code resendable}: its script
	 * skips a job that is stored already, so no job is stored twice.
	 */
	<T> CompletableFuture<T> dispatching(boolean resendable, Function<RedisSession, CompletableFuture<T>> operation) {
		long timeoutNanos = this.options.dispatchTimeout().toNanos();
		long deadline = System.nanoTime() + timeoutNanos;
		return withSession(s -> dispatchAttempt(s, operation, deadline, timeoutNanos > 0, resendable));
	}

	private <T> CompletableFuture<T> dispatchAttempt(RedisSession s,
			Function<RedisSession, CompletableFuture<T>> operation, long deadline, boolean waits, boolean resendable) {
		if (waits && !s.link.isConnected() && System.nanoTime() < deadline) {
			return later(() -> dispatchAttempt(s, operation, deadline, true, resendable));
		}
		CompletableFuture<T> result = new CompletableFuture<>();
		operation.apply(s).whenComplete((value, ex) -> {
			if (ex == null) {
				result.complete(value);
			}
			else if (waits && (RedisErrors.isRefusedUnrun(ex) || (resendable && RedisErrors.isUnavailable(ex)))) {
				if (System.nanoTime() < deadline && this.session == s) {
					later(() -> dispatchAttempt(s, operation, deadline, true, resendable))
						.whenComplete((retried, error) -> {
							if (error != null) {
								result.completeExceptionally(error);
							}
							else {
								result.complete(retried);
							}
						});
					return;
				}
				Throwable cause = RedisErrors.unwrap(ex);
				result.completeExceptionally(new RedisUnavailableException(
						cause.getMessage() + " (waited " + this.options.dispatchTimeout().toMillis()
								+ "ms, the dispatch timeout, for the connection to come back)",
						cause));
			}
			else {
				result.completeExceptionally(RedisErrors.unwrap(ex));
			}
		});
		return result;
	}

	private static <T> CompletableFuture<T> later(Supplier<CompletableFuture<T>> attempt) {
		return CompletableFuture
			.supplyAsync(attempt, CompletableFuture.delayedExecutor(DISPATCH_POLL_MS, TimeUnit.MILLISECONDS))
			.thenCompose(Function.identity());
	}

	/**
	 * The open session, or {@code null} before it is connected and after it is closed.
	 */
	@Nullable RedisSession openSession() {
		return this.session;
	}

	/** The open session, connecting first (blocking) if there is none yet. */
	RedisSession requireSession() {
		RedisSession current = this.session;
		if (current != null) {
			return current;
		}
		try {
			connect().join();
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
		}
		RedisSession opened = this.session;
		if (opened == null) {
			throw new IllegalStateException("RedisAdapter was disconnected");
		}
		return opened;
	}

}
