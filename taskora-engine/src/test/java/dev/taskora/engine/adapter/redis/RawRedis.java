package dev.taskora.engine.adapter.redis;

import java.util.List;
import java.util.Map;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;

/**
 * Plain Redis commands for tests: to look at the wire layout the adapter wrote, or to
 * write keys the way a Node taskora process would. Independent of the adapter under test.
 */
public final class RawRedis implements AutoCloseable {

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	public RawRedis(String url) {
		this.client = RedisClient.create(url);
		// Redis 7.0 does not know CLIENT MAINT_NOTIFICATIONS; do not ask on every connect
		this.client
			.setOptions(ClientOptions.builder().maintNotificationsConfig(MaintNotificationsConfig.disabled()).build());
		this.connection = this.client.connect(StringCodec.UTF8);
	}

	public RedisCommands<String, String> commands() {
		return this.connection.sync();
	}

	public String type(String key) {
		return commands().type(key);
	}

	public Map<String, String> hash(String key) {
		return commands().hgetall(key);
	}

	public List<String> list(String key) {
		return commands().lrange(key, 0, -1);
	}

	/** The ids of a client connection by name, from CLIENT LIST. */
	public List<Long> clientIds(String nameFragment) {
		return commands().clientList()
			.lines()
			.filter(line -> line.contains(" name=") && nameOf(line).contains(nameFragment))
			.map(line -> Long.parseLong(line.substring(3, line.indexOf(' '))))
			.toList();
	}

	private static String nameOf(String clientLine) {
		int start = clientLine.indexOf(" name=") + 6;
		int end = clientLine.indexOf(' ', start);
		return clientLine.substring(start, (end < 0) ? clientLine.length() : end);
	}

	/** How many times the server ran the command, from INFO commandstats. */
	public long calls(String command) {
		for (String line : commands().info("commandstats").split("\r?\n")) {
			if (line.startsWith("cmdstat_" + command + ":calls=")) {
				String count = line.substring(line.indexOf("calls=") + 6);
				return Long.parseLong(count.substring(0, count.indexOf(',')));
			}
		}
		return 0;
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown();
	}

}
