package dev.taskora.engine.adapter.redis;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.EventSubscription;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.LockStatus;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.Settlement;
import dev.taskora.engine.adapter.StallSweep;
import dev.taskora.engine.adapter.WorkWaiter;
import dev.taskora.engine.event.Registration;
import dev.taskora.engine.job.CancelOutcome;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.cluster.RedisClusterClient;
import org.jspecify.annotations.Nullable;

/**
 * The production {@link Adapter}: jobs live in Redis (7.0 or newer) in taskora's wire format
 * version 6, so Java workers and Node taskora processes can share queues.
 *
 * <pre class="code">
 * Adapter adapter = RedisAdapter.connect("redis://localhost:6379");          // a URL
 * Adapter adapter = RedisAdapter.create(RedisAdapterOptions.builder()        // options
 *     .host("redis.internal").password("secret").prefix("billing").build());
 * Adapter adapter = RedisAdapter.create(lettuceClient, options);             // your RedisClient / RedisClusterClient
 * </pre>
 *
 * Nothing is opened until {@link #connect()} (the first operation connects, too). Connections: one
 * shared command connection (pipelined), one per worker's {@link #workWaiter}, one for the event
 * stream reader and one pub/sub connection for cancel notices. A client passed in is never shut down
 * by the adapter; one built from options is, on {@link #disconnect()}.
 */
public final class RedisAdapter implements Adapter {

	private static final AtomicInteger INSTANCES = new AtomicInteger();

	private final RedisAdapterOptions options;

	private final @Nullable AbstractRedisClient sharedClient;

	private final RedisKeys keys;

	private final String instanceName;

	private final RedisErrors errors;

	private @Nullable CompletableFuture<RedisSession> connecting;

	private volatile @Nullable RedisSession session;

	private @Nullable CompletableFuture<Void> disconnecting;

	private RedisAdapter(RedisAdapterOptions options, @Nullable AbstractRedisClient sharedClient) {
		this.options = options;
		this.sharedClient = sharedClient;
		this.keys = new RedisKeys(options.prefix());
		this.instanceName = "taskora-redis-" + INSTANCES.incrementAndGet();
		String endpoint = (sharedClient != null)
				? "the application's " + sharedClient.getClass().getSimpleName() : RedisEndpoints.describe(options);
		this.errors = new RedisErrors(endpoint, options.password());
		if (sharedClient == null) {
			RedisEndpoints.uris(options); // reject a malformed URL now, not at connect
		}
	}

	/** An adapter for a Redis URL ({@code redis://[user:password@]host[:port][/db]}, {@code rediss://}, {@code redis-sentinel://}). */
	public static RedisAdapter connect(String url) {
		return create(RedisAdapterOptions.ofUrl(url));
	}

	/** An adapter that builds and owns its Lettuce client from the options. */
	public static RedisAdapter create(RedisAdapterOptions options) {
		return new RedisAdapter(Objects.requireNonNull(options, "options"), null);
	}

	/**
	 * An adapter over the application's client (standalone or Sentinel), which must have been created
	 * with a URI ({@code RedisClient.create("redis://...")}). Of the options, the prefix and command
	 * timeout apply; the client's own settings rule its connections. The adapter never shuts the
	 * client down.
	 */
	public static RedisAdapter create(RedisClient client, RedisAdapterOptions options) {
		return new RedisAdapter(Objects.requireNonNull(options, "options"), Objects.requireNonNull(client, "client"));
	}

	/**
	 * An adapter over the application's Cluster client. Of the options, the prefix and command timeout
	 * apply. The adapter never shuts the client down.
	 */
	public static RedisAdapter create(RedisClusterClient client, RedisAdapterOptions options) {
		return new RedisAdapter(Objects.requireNonNull(options, "options"), Objects.requireNonNull(client, "client"));
	}

	/** The name this adapter gives its connections and threads ({@code taskora-redis-<n>}). */
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
						.thenCompose(opened -> (opened != null) ? opened.close() : CompletableFuture.completedFuture(null));
			this.session = null;
		}
		return this.disconnecting;
	}

	@Override
	public CompletableFuture<Void> enqueue(String task, NewJob job) {
		return withSession(s -> s.transitions.enqueue(task, job));
	}

	@Override
	public CompletableFuture<Void> enqueueBulk(String task, List<NewJob> jobs) {
		return withSession(s -> s.transitions.enqueueBulk(task, jobs));
	}

	@Override
	public CompletableFuture<@Nullable ClaimedJob> claim(String task, ClaimRequest request) {
		return withSession(s -> s.transitions.claim(task, request));
	}

	@Override
	public CompletableFuture<Settlement> ack(String task, JobCompletion completion, @Nullable ClaimRequest next) {
		return withSession(s -> s.transitions.ack(task, completion, next));
	}

	@Override
	public CompletableFuture<Settlement> fail(String task, JobFailure failure, @Nullable ClaimRequest next) {
		return withSession(s -> s.transitions.fail(task, failure, next));
	}

	@Override
	public CompletableFuture<Void> nack(String task, String jobId, String token) {
		return withSession(s -> s.transitions.nack(task, jobId, token));
	}

	@Override
	public CompletableFuture<LockStatus> extendLock(String task, String jobId, String token, long ttlMs) {
		return withSession(s -> s.transitions.extendLock(task, jobId, token, ttlMs));
	}

	@Override
	public CompletableFuture<CancelOutcome> cancel(String task, String jobId, @Nullable String reason, long now) {
		return withSession(s -> s.transitions.cancel(task, jobId, reason, now));
	}

	@Override
	public CompletableFuture<Void> finishCancel(String task, String jobId, String token, long now) {
		return withSession(s -> s.transitions.finishCancel(task, jobId, token, now));
	}

	@Override
	public CompletableFuture<StallSweep> checkStalled(String task, int maxStalledCount, long now) {
		return withSession(s -> s.transitions.checkStalled(task, maxStalledCount, now));
	}

	@Override
	public CompletableFuture<Integer> trim(String task, JobState state, long cutoff, int maxItems) {
		return withSession(s -> s.transitions.trim(task, state, cutoff, maxItems));
	}

	@Override
	public CompletableFuture<Boolean> retryFailed(String task, String jobId, long now) {
		return withSession(s -> s.transitions.retryFailed(task, jobId, now));
	}

	@Override
	public CompletableFuture<Void> setProgress(String task, String jobId, String value) {
		return withSession(s -> s.queries.setProgress(task, jobId, value));
	}

	@Override
	public CompletableFuture<Void> appendLog(String task, String jobId, String entryJson) {
		return withSession(s -> s.queries.appendLog(task, jobId, entryJson));
	}

	@Override
	public CompletableFuture<@Nullable JobRecord> findJob(String task, String jobId) {
		return withSession(s -> s.queries.findJob(task, jobId));
	}

	@Override
	public CompletableFuture<@Nullable JobState> state(String task, String jobId) {
		return withSession(s -> s.queries.state(task, jobId));
	}

	@Override
	public CompletableFuture<List<String>> logs(String task, String jobId) {
		return withSession(s -> s.queries.logs(task, jobId));
	}

	@Override
	public CompletableFuture<Map<JobState, Long>> countByState(String task) {
		return withSession(s -> s.queries.countByState(task));
	}

	@Override
	public CompletableFuture<@Nullable Long> nextDelayedAt(String task) {
		return withSession(s -> s.queries.nextDelayedAt(task));
	}

	@Override
	public WorkWaiter workWaiter(String task) {
		return requireSession().waiter(task);
	}

	@Override
	public EventSubscription subscribe(Consumer<AdapterEvent> sink) {
		return requireSession().reader().subscribe(sink);
	}

	@Override
	public Registration subscribeCancellations(String task, Consumer<String> listener) {
		return requireSession().cancels().add(task, listener);
	}

	@Override
	public String toString() {
		return "RedisAdapter[" + this.instanceName + ", " + this.options + "]";
	}

	private RedisConnector newConnector() {
		return (this.sharedClient != null) ? RedisConnector.shared(this.sharedClient, this.instanceName)
				: RedisConnector.owned(this.options, this.instanceName);
	}

	/** Runs the operation on the open session; the first operation before connect() connects. */
	private <T> CompletableFuture<T> withSession(Function<RedisSession, CompletableFuture<T>> operation) {
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

	private RedisSession requireSession() {
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
