package dev.taskora.engine.adapter.redis;

import java.util.concurrent.CompletableFuture;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * One open connection and its async commands. The command type is the one standalone,
 * Sentinel and Cluster connections share, so the adapter is written once for all three.
 */
record RedisLink(StatefulConnection<String, String> connection, RedisClusterAsyncCommands<String, String> commands) {

	/** Whether the connection is up now (commands sent now are written, not rejected). */
	boolean isConnected() {
		return this.connection.isOpen();
	}

	CompletableFuture<Void> close() {
		return this.connection.closeAsync().handle((ignored, ex) -> null);
	}

}
