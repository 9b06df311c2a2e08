package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * Opens the adapter's connections on a standalone/Sentinel {@link RedisClient} or a
 * {@link RedisClusterClient}, either one the adapter built from its options (and shuts
 * down on disconnect) or one the application supplied (left open).
 * <p>
 * A client the adapter builds rejects commands while disconnected, so a call during an
 * outage fails at once instead of queueing, and gives blocking commands their block time
 * on top of the command timeout.
 */
final class RedisConnector {

	/** Longest server-side block of BZPOPMIN / XREAD the adapter issues. */
	static final Duration MAX_BLOCK = Duration.ofSeconds(5);

	private final AbstractRedisClient client;

	private final @Nullable ClientResources ownedResources;

	private final @Nullable RedisAdapterOptions ownedOptions;

	private final String instanceName;

	private final String endpoint;

	private RedisConnector(AbstractRedisClient client, @Nullable ClientResources ownedResources,
			@Nullable RedisAdapterOptions ownedOptions, String instanceName, String endpoint) {
		this.client = client;
		this.ownedResources = ownedResources;
		this.ownedOptions = ownedOptions;
		this.instanceName = instanceName;
		this.endpoint = endpoint;
	}

	/**
	 * A connector over a client built from the options; threads are named after the
	 * instance.
	 */
	static RedisConnector owned(RedisAdapterOptions options, String instanceName) {
		List<RedisURI> uris = RedisEndpoints.uris(options);
		ClientResources resources = DefaultClientResources.builder()
			.threadFactoryProvider(pool -> new DefaultThreadFactory(pool + "-" + instanceName, true))
			// Lettuce's default doubles up to 30 s, so a worker came back up to 30 s
			// after Redis did
			.reconnectDelay(reconnectDelay(options.reconnectDelay()))
			.build();
		TimeoutOptions timeouts = TimeoutOptions.builder()
			.timeoutSource(new BlockingAwareTimeout(options.commandTimeout()))
			.build();
		SocketOptions socket = SocketOptions.builder().connectTimeout(options.connectTimeout()).keepAlive(true).build();
		AbstractRedisClient client;
		if (options.cluster()) {
			for (RedisURI uri : uris) {
				uri.setClientName(instanceName);
			}
			RedisClusterClient cluster = RedisClusterClient.create(resources, uris);
			ClusterClientOptions.Builder builder = ClusterClientOptions.builder()
				.autoReconnect(true)
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.socketOptions(socket)
				.timeoutOptions(timeouts)
				// periodic and adaptive topology refresh: follow failovers and
				// resharding.
				// Adaptive refreshes at most every second (Lettuce: 30 s), so that one
				// read
				// while a replica was still being promoted is corrected by the next
				// trigger
				// instead of routing a slot to a dead master for half a minute.
				.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
					.enablePeriodicRefresh()
					.enableAllAdaptiveRefreshTriggers()
					.adaptiveRefreshTriggersTimeout(Duration.ofSeconds(1))
					.build());
			// the cluster builder inherits this setter without a covariant override; it
			// returns itself
			builder.maintNotificationsConfig(MaintNotificationsConfig.disabled());
			cluster.setOptions(builder.build());
			client = cluster;
		}
		else {
			RedisClient standalone = RedisClient.create(resources);
			standalone.setOptions(ClientOptions.builder()
				.autoReconnect(true)
				.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
				.socketOptions(socket)
				.timeoutOptions(timeouts)
				// Redis Enterprise maintenance hints; plain Redis 7.0 rejects the
				// subcommand on every connect
				.maintNotificationsConfig(MaintNotificationsConfig.disabled())
				.build());
			client = standalone;
		}
		return new RedisConnector(client, resources, options, instanceName, RedisEndpoints.describe(options));
	}

	/** Exponential from 10 ms, capped at {@code max}. */
	static Delay reconnectDelay(Duration max) {
		Duration lower = (max.toMillis() < 10) ? max : Duration.ofMillis(10);
		return Delay.exponential(lower, max, 2, TimeUnit.MILLISECONDS);
	}

	/** A connector over the application's client, which the adapter never shuts down. */
	static RedisConnector shared(AbstractRedisClient client, String instanceName) {
		String kind = (client instanceof RedisClusterClient) ? "RedisClusterClient" : "RedisClient";
		return new RedisConnector(client, null, null, instanceName, "the application's " + kind);
	}

	boolean isCluster() {
		return this.client instanceof RedisClusterClient;
	}

	/** The endpoint for messages, without credentials. */
	String endpoint() {
		return this.endpoint;
	}

	/**
	 * The longest server-side block to issue on the link. Our own clients allow for it in
	 * their timeouts; on the application's client a block must end well within its
	 * command timeout.
	 */
	Duration maxBlock(RedisLink link) {
		if (this.ownedResources != null) {
			return MAX_BLOCK;
		}
		Duration half = link.connection().getTimeout().dividedBy(2);
		return (half.compareTo(MAX_BLOCK) > 0) ? MAX_BLOCK : (half.toMillis() < 100 ? Duration.ofMillis(100) : half);
	}

	/**
	 * Opens a command connection named {@code taskora-<instance>-<role>} (blocking call).
	 */
	RedisLink connect(String role) {
		String name = clientName(role);
		if (this.client instanceof RedisClusterClient cluster) {
			StatefulRedisClusterConnection<String, String> connection = handshaking(
					() -> cluster.connect(StringCodec.UTF8));
			return new RedisLink(connection, connection.async());
		}
		RedisClient standalone = (RedisClient) this.client;
		StatefulRedisConnection<String, String> connection = handshaking(() -> (this.ownedOptions != null)
				? standalone.connect(StringCodec.UTF8, namedUri(name)) : standalone.connect(StringCodec.UTF8));
		if (this.ownedOptions == null) {
			// best effort: only a URI client name survives a reconnect, and we do not own
			// this client's URI
			connection.async().clientSetname(name);
		}
		return new RedisLink(connection, connection.async());
	}

	/** Opens a pub/sub connection (blocking call). */
	StatefulRedisPubSubConnection<String, String> connectPubSub(String role) {
		if (this.client instanceof RedisClusterClient cluster) {
			return handshaking(() -> cluster.connectPubSub(StringCodec.UTF8));
		}
		RedisClient standalone = (RedisClient) this.client;
		return handshaking(() -> (this.ownedOptions != null)
				? standalone.connectPubSub(StringCodec.UTF8, namedUri(clientName(role)))
				: standalone.connectPubSub(StringCodec.UTF8));
	}

	/**
	 * Connects, once more when Lettuce reports its handshake's own teardown instead of
	 * the server's reply: after a refused handshake (a wrong password) about one connect
	 * in 200 fails with "Connection closed prematurely" or "RedisHandshakeHandler not
	 * registered", and the error would not say what the server refused.
	 */
	private static <T> T handshaking(Supplier<T> connect) {
		try {
			return connect.get();
		}
		catch (RedisConnectionException ex) {
			if (!lostTheReply(ex)) {
				throw ex;
			}
			return connect.get();
		}
	}

	/** Whether the connect failed on Lettuce's teardown of its handshake. */
	static boolean lostTheReply(RedisConnectionException ex) {
		Throwable cause = ex.getCause();
		String message = (cause != null) ? String.valueOf(cause.getMessage()) : "";
		return (cause instanceof RedisConnectionException && message.equals("Connection closed prematurely"))
				|| (cause instanceof IllegalStateException && message.equals("RedisHandshakeHandler not registered"));
	}

	/**
	 * Shuts the client and its threads down when the adapter built it; a no-op otherwise.
	 */
	CompletableFuture<Void> shutdown() {
		ClientResources resources = this.ownedResources;
		if (resources == null) {
			return CompletableFuture.completedFuture(null);
		}
		return this.client.shutdownAsync(0, 2, TimeUnit.SECONDS).handle((ignored, ex) -> null).thenCompose(ignored -> {
			CompletableFuture<Void> done = new CompletableFuture<>();
			resources.shutdown(0, 2, TimeUnit.SECONDS).addListener(future -> done.complete(null));
			return done;
		});
	}

	/** A CLIENT SETNAME-safe name: Redis refuses spaces and other special characters. */
	String clientName(String role) {
		String name = (this.instanceName + "-" + role).replaceAll("[^A-Za-z0-9._:{}-]", "_");
		return (name.length() > 100) ? name.substring(0, 100) : name;
	}

	private RedisURI namedUri(String name) {
		RedisURI uri = RedisEndpoints.uris(Objects.requireNonNull(this.ownedOptions)).get(0);
		uri.setClientName(name);
		return uri;
	}

	/**
	 * The command timeout, plus the longest block for the commands that block on purpose.
	 */
	private static final class BlockingAwareTimeout extends TimeoutOptions.TimeoutSource {

		private final long timeoutMs;

		BlockingAwareTimeout(Duration commandTimeout) {
			this.timeoutMs = commandTimeout.toMillis();
		}

		@Override
		public long getTimeout(RedisCommand<?, ?, ?> command) {
			if (command.getType() == CommandType.BZPOPMIN || command.getType() == CommandType.XREAD) {
				return this.timeoutMs + MAX_BLOCK.toMillis();
			}
			return this.timeoutMs;
		}

		@Override
		public TimeUnit getTimeUnit() {
			return TimeUnit.MILLISECONDS;
		}

	}

}
