package dev.taskora.engine.adapter.redis;

import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import dev.taskora.engine.event.Registration;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancel notices: one pub/sub connection per adapter, subscribed to {@code B:cancel} of
 * every task with a listener. A message is the id of an active job that was just flagged
 * as cancelled.
 * <p>
 * Lettuce re-subscribes after a reconnect; channels whose SUBSCRIBE failed during an
 * outage are subscribed again on reconnect as well. A notice lost in between is covered
 * by the lock extension, which reports the cancel.
 */
final class CancelSubscriber {

	private static final Logger logger = LoggerFactory.getLogger(CancelSubscriber.class);

	private final RedisConnector connector;

	private final RedisKeys keys;

	private final OutageReporter outages;

	private final Duration timeout;

	private final Map<String, Set<Consumer<String>>> listeners = new ConcurrentHashMap<>();

	private final ConnectOnce<StatefulRedisPubSubConnection<String, String>> connection;

	private boolean closed;

	CancelSubscriber(RedisConnector connector, RedisKeys keys, OutageReporter outages, Duration timeout) {
		this.connector = connector;
		this.keys = keys;
		this.outages = outages;
		this.timeout = timeout;
		this.connection = new ConnectOnce<>(this::open, StatefulRedisPubSubConnection::closeAsync,
				connector.clientName("cancel") + "-open", "The Redis adapter is disconnected");
	}

	/**
	 * Adds a listener; returns once the channel is subscribed, so later cancels reach it.
	 * Blocks (connecting, subscribing), so it must not run on a Lettuce I/O thread.
	 */
	Registration add(String task, Consumer<String> listener) {
		return addChannel(this.keys.task(task).cancelChannel(), listener, "cancel notices of task '" + task + "'");
	}

	/**
	 * Adds a listener of any channel on the same connection (taskora's migration
	 * broadcast); returns once the channel is subscribed. Blocks, so it must not run on a
	 * Lettuce I/O thread.
	 * @param what names the channel's messages in log lines
	 */
	Registration addChannel(String channel, Consumer<String> listener, String what) {
		StatefulRedisPubSubConnection<String, String> pubSub = this.connection.get();
		boolean first;
		synchronized (this) {
			if (this.closed) {
				throw new IllegalStateException("The Redis adapter is disconnected");
			}
			Set<Consumer<String>> channelListeners = this.listeners.computeIfAbsent(channel,
					c -> new CopyOnWriteArraySet<>());
			first = channelListeners.isEmpty();
			channelListeners.add(listener);
		}
		if (first) {
			try {
				pubSub.async().subscribe(channel).get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
				this.outages.succeeded(OutageReporter.COMMANDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (Exception ex) {
				// subscribed again on reconnect
				reportFailure(ex, "subscribe to " + what);
			}
		}
		return () -> remove(channel, listener);
	}

	CompletableFuture<Void> close() {
		synchronized (this) {
			this.closed = true;
			this.listeners.clear();
		}
		return this.connection.close();
	}

	private void remove(String channel, Consumer<String> listener) {
		StatefulRedisPubSubConnection<String, String> pubSub;
		synchronized (this) {
			Set<Consumer<String>> channelListeners = this.listeners.get(channel);
			if (channelListeners == null || !channelListeners.remove(listener) || !channelListeners.isEmpty()) {
				return;
			}
			this.listeners.remove(channel);
			pubSub = this.connection.current();
		}
		if (pubSub != null) {
			pubSub.async().unsubscribe(channel);
		}
	}

	/**
	 * Starts opening the pub/sub connection on a thread of its own, so that the first
	 * subscription (a worker starting) finds it open. A failure is left to that
	 * subscription, which connects again.
	 */
	void openInBackground() {
		this.connection.openInBackground();
	}

	private StatefulRedisPubSubConnection<String, String> open() {
		StatefulRedisPubSubConnection<String, String> opened = this.connector.connectPubSub("cancel");
		opened.addListener(new RedisPubSubAdapter<String, String>() {

			@Override
			public void message(String channel, String jobId) {
				dispatch(channel, jobId);
			}

		});
		opened.addListener(new RedisConnectionStateListener() {

			@Override
			public void onRedisConnected(RedisChannelHandler<?, ?> handler, SocketAddress address) {
				resubscribe(opened);
			}

		});
		return opened;
	}

	private void resubscribe(StatefulRedisPubSubConnection<String, String> pubSub) {
		String[] channels = this.listeners.keySet().toArray(String[]::new);
		if (channels.length > 0) {
			pubSub.async().subscribe(channels).toCompletableFuture().whenComplete((done, ex) -> {
				if (ex == null) {
					this.outages.succeeded(OutageReporter.COMMANDS);
				}
				else {
					reportFailure(ex, "subscribe to cancel notices again");
				}
			});
		}
	}

	private void reportFailure(Throwable ex, String subject) {
		if (RedisErrors.isUnavailable(ex) || RedisErrors.unwrap(ex) instanceof TimeoutException) {
			this.outages.failed(OutageReporter.COMMANDS, "subscribe to cancel notices", subject, ex);
		}
		else {
			logger.warn("Cannot {} ({}); will subscribe on reconnect", subject, RedisErrors.unwrap(ex).toString());
		}
	}

	private void dispatch(String channel, String jobId) {
		Set<Consumer<String>> channelListeners = this.listeners.get(channel);
		if (channelListeners == null) {
			return;
		}
		for (Consumer<String> listener : channelListeners) {
			try {
				listener.accept(jobId);
			}
			catch (RuntimeException ex) {
				logger.warn("Cancel listener failed for job {} ({})", jobId, channel, ex);
			}
		}
	}

}
