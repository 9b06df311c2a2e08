package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How a {@link RedisAdapter} reaches Redis and names its keys. Either a {@code url} (any
 * Lettuce URI: {@code redis://}, {@code rediss://}, {@code redis-sentinel://}; several
 * comma-separated seed URIs for a Cluster) or
 * {@code host}/{@code port}/{@code password}/{@code database}/{@code ssl}.
 *
 * <pre class="code">
 * RedisAdapter adapter = RedisAdapter.create(RedisAdapterOptions.builder()
 *     .url("redis://:secret@redis.internal:6379/0")
 *     .prefix("billing")                       // keys become taskora:billing:{task}:...
 *     .commandTimeout(Duration.ofSeconds(5))
 *     .build());
 * </pre>
 */
public final class RedisAdapterOptions {

	private final @Nullable String url;

	private final String host;

	private final int port;

	private final @Nullable String username;

	private final @Nullable String password;

	private final int database;

	private final boolean ssl;

	private final boolean cluster;

	private final @Nullable String prefix;

	private final Duration commandTimeout;

	private final Duration connectTimeout;

	private final Duration reconnectDelay;

	private final Duration dispatchTimeout;

	private RedisAdapterOptions(Builder builder) {
		this.url = builder.url;
		this.host = builder.host;
		this.port = builder.port;
		this.username = builder.username;
		this.password = builder.password;
		this.database = builder.database;
		this.ssl = builder.ssl;
		this.cluster = builder.cluster;
		this.prefix = builder.prefix;
		this.commandTimeout = builder.commandTimeout;
		this.connectTimeout = builder.connectTimeout;
		this.reconnectDelay = builder.reconnectDelay;
		this.dispatchTimeout = builder.dispatchTimeout;
	}

	/**
	 * A builder with the defaults: {@code localhost:6379}, database 0, no prefix, 10 s
	 * command timeout, reconnect delay up to 1 s, dispatch timeout 5 s.
	 */
	public static Builder builder() {
		return new Builder();
	}

	/** Options for a URL, everything else at its default. */
	public static RedisAdapterOptions ofUrl(String url) {
		return builder().url(url).build();
	}

	/** The connection URL, or {@code null} when host and port are used. */
	public @Nullable String url() {
		return this.url;
	}

	/**
	 * The Redis host used when no {@link #url()} is set.
	 * @return the host name or address
	 */
	public String host() {
		return this.host;
	}

	/**
	 * The Redis port used when no {@link #url()} is set.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * The ACL user name, used when no {@link #url()} is set.
	 * @return the user, or {@code null} for the default user
	 */
	public @Nullable String username() {
		return this.username;
	}

	/**
	 * The password, used when no {@link #url()} is set.
	 * @return the password, or {@code null} for none
	 */
	public @Nullable String password() {
		return this.password;
	}

	/**
	 * The Redis database index, used when no {@link #url()} is set.
	 * @return the database, 0 or more
	 */
	public int database() {
		return this.database;
	}

	/**
	 * Whether the connection uses TLS, when no {@link #url()} is set.
	 * @return {@code true} for TLS
	 */
	public boolean ssl() {
		return this.ssl;
	}

	/** Whether the URL names the seed nodes of a Redis Cluster. */
	public boolean cluster() {
		return this.cluster;
	}

	/** The key prefix ({@code taskora:<prefix>:...}), or {@code null} for none. */
	public @Nullable String prefix() {
		return this.prefix;
	}

	/** How long one command may take before it fails. */
	public Duration commandTimeout() {
		return this.commandTimeout;
	}

	/** How long opening a connection may take. */
	public Duration connectTimeout() {
		return this.connectTimeout;
	}

	/**
	 * The longest wait between two reconnect attempts after a connection dropped (the
	 * delay grows from a few milliseconds up to it), so that the adapter is back within
	 * about this long of Redis answering again. Applies to the client the adapter builds;
	 * a client passed in keeps its own. Workers keep their job locks this much longer in
	 * Redis (see {@code Taskora.builder().lockTtl(..)}).
	 */
	public Duration reconnectDelay() {
		return this.reconnectDelay;
	}

	/**
	 * How long a dispatch waits for the connection while Redis is unreachable (a restart,
	 * a failover) before it fails with a {@link RedisUnavailableException}; zero fails at
	 * once. A dispatch is sent only once the connection is back, so waiting never stores
	 * a job twice.
	 */
	public Duration dispatchTimeout() {
		return this.dispatchTimeout;
	}

	@Override
	public String toString() {
		return "RedisAdapterOptions["
				+ (this.url != null ? RedisEndpoints.redact(this.url) : this.host + ":" + this.port) + ", prefix="
				+ this.prefix + ", cluster=" + this.cluster + "]";
	}

	/** Builds {@link RedisAdapterOptions}. */
	public static final class Builder {

		private @Nullable String url;

		private String host = "localhost";

		private int port = 6379;

		private @Nullable String username;

		private @Nullable String password;

		private int database;

		private boolean ssl;

		private boolean cluster;

		private @Nullable String prefix;

		private Duration commandTimeout = Duration.ofSeconds(10);

		private Duration connectTimeout = Duration.ofSeconds(5);

		private Duration reconnectDelay = Duration.ofMillis(500);

		private Duration dispatchTimeout = Duration.ofSeconds(5);

		private Builder() {
		}

		/** A Lettuce URI; wins over host, port, credentials, database and ssl. */
		public Builder url(@Nullable String url) {
			if (url != null && url.isBlank()) {
				throw new IllegalArgumentException("url must not be blank");
			}
			this.url = url;
			return this;
		}

		/**
		 * Connects to this host (ignored when a URL is set).
		 * @param host the host name or address
		 * @return this builder
		 * @throws IllegalArgumentException if the host is blank
		 */
		public Builder host(String host) {
			if (host.isBlank()) {
				throw new IllegalArgumentException("host must not be blank");
			}
			this.host = host;
			return this;
		}

		/**
		 * Connects to this port (ignored when a URL is set).
		 * @param port 1 to 65535
		 * @return this builder
		 * @throws IllegalArgumentException if the port is out of range
		 */
		public Builder port(int port) {
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
			}
			this.port = port;
			return this;
		}

		/** The ACL user; {@code null} for the default user. */
		public Builder username(@Nullable String username) {
			this.username = username;
			return this;
		}

		/**
		 * Authenticates with this password (ignored when a URL is set).
		 * @param password the password, or {@code null} for none
		 * @return this builder
		 */
		public Builder password(@Nullable String password) {
			this.password = password;
			return this;
		}

		/**
		 * Selects this database (ignored when a URL is set; not supported by a Cluster).
		 * @param database the index, 0 or more
		 * @return this builder
		 * @throws IllegalArgumentException if the index is negative
		 */
		public Builder database(int database) {
			if (database < 0) {
				throw new IllegalArgumentException("database must be >= 0, was " + database);
			}
			this.database = database;
			return this;
		}

		/**
		 * Connects over TLS (ignored when a URL is set: use {@code rediss://} there).
		 * @param ssl whether to use TLS
		 * @return this builder
		 */
		public Builder ssl(boolean ssl) {
			this.ssl = ssl;
			return this;
		}

		/** Whether {@link #url} names Cluster seed nodes (comma-separated URIs). */
		public Builder cluster(boolean cluster) {
			this.cluster = cluster;
			return this;
		}

		/**
		 * Namespaces every key ({@code taskora:<prefix>:{task}:...}); {@code null} or
		 * empty for none.
		 */
		public Builder prefix(@Nullable String prefix) {
			this.prefix = (prefix == null || prefix.isEmpty()) ? null : prefix;
			return this;
		}

		/**
		 * How long Redis may take to reply to one command (default 10 s) before the
		 * command fails with {@link RedisUnavailableException}; blocking reads get their
		 * block time on top.
		 * @param commandTimeout a positive duration
		 * @return this builder
		 * @throws IllegalArgumentException if the duration is not positive
		 */
		public Builder commandTimeout(Duration commandTimeout) {
			this.commandTimeout = positive("commandTimeout", commandTimeout);
			return this;
		}

		/**
		 * How long opening a connection (TCP and TLS) may take (default 5 s) before the
		 * attempt fails.
		 * @param connectTimeout a positive duration
		 * @return this builder
		 * @throws IllegalArgumentException if the duration is not positive
		 */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = positive("connectTimeout", connectTimeout);
			return this;
		}

		/**
		 * The longest wait between reconnect attempts (default 500 ms); see
		 * {@link RedisAdapterOptions#reconnectDelay()}.
		 */
		public Builder reconnectDelay(Duration reconnectDelay) {
			this.reconnectDelay = positive("reconnectDelay", reconnectDelay);
			return this;
		}

		/**
		 * How long a dispatch waits for a lost connection (default 5 s, zero for not at
		 * all); see {@link RedisAdapterOptions#dispatchTimeout()}.
		 */
		public Builder dispatchTimeout(Duration dispatchTimeout) {
			Objects.requireNonNull(dispatchTimeout, "dispatchTimeout");
			if (dispatchTimeout.isNegative()) {
				throw new IllegalArgumentException("dispatchTimeout must not be negative, was " + dispatchTimeout);
			}
			this.dispatchTimeout = dispatchTimeout;
			return this;
		}

		/**
		 * Creates the options; connecting happens in {@link RedisAdapter#create}.
		 * @return the options
		 */
		public RedisAdapterOptions build() {
			return new RedisAdapterOptions(this);
		}

		private static Duration positive(String name, Duration value) {
			Objects.requireNonNull(value, name);
			if (value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, was " + value);
			}
			return value;
		}

	}

}
