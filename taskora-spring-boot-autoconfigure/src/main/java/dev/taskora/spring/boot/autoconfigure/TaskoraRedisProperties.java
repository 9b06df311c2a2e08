package dev.taskora.spring.boot.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/** Redis without Spring Data Redis. */
public class TaskoraRedisProperties {

	/**
	 * Redis URL (redis://[user:password@]host:port[/db], rediss:// for TLS,
	 * redis-sentinel://). Used when Spring Data Redis is not on the classpath.
	 */
	private @Nullable String url;

	/**
	 * Longest wait between two reconnect attempts after the connection dropped, so that
	 * workers and producers are back within about this long of Redis answering again.
	 * Also applies to Spring Data Redis' client when taskora uses it.
	 */
	private Duration reconnectDelay = Duration.ofMillis(500);

	/**
	 * Returns {@code taskora.redis.url}.
	 * @return the value
	 */
	public @Nullable String getUrl() {
		return this.url;
	}

	/**
	 * Sets {@code taskora.redis.url}.
	 * @param url the new value
	 */
	public void setUrl(@Nullable String url) {
		this.url = url;
	}

	/**
	 * Returns {@code taskora.redis.reconnect-delay}.
	 * @return the value
	 */
	public Duration getReconnectDelay() {
		return this.reconnectDelay;
	}

	/**
	 * Sets {@code taskora.redis.reconnect-delay}.
	 * @param reconnectDelay the new value
	 */
	public void setReconnectDelay(Duration reconnectDelay) {
		this.reconnectDelay = reconnectDelay;
	}

}
