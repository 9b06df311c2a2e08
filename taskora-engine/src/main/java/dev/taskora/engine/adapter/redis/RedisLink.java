package dev.taskora.engine.adapter.redis;

import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

/**
 * One open connection and its async commands. The command type is the one standalone, Sentinel and
 * Cluster connections share, so the adapter is written once for all three.
 */
record RedisLink(StatefulConnection<String, String> connection, RedisClusterAsyncCommands<String, String> commands) {

	void close() {
		this.connection.closeAsync();
	}

}
