package dev.taskora.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The suite's own connection to the benchmarked database, outside the engine: the
 * ownership check, FLUSHDB between iterations, and the server counters (memory, CPU,
 * command time) read around each timed window.
 */
final class BenchStore implements AutoCloseable {

	/** Every task the suite creates is named {@code bench-...}. */
	static final String TASK_PREFIX = "bench-";

	private final RedisClient client;

	private final StatefulRedisConnection<String, String> connection;

	private final RedisCommands<String, String> commands;

	private BenchStore(RedisClient client, StatefulRedisConnection<String, String> connection) {
		this.client = client;
		this.connection = connection;
		this.commands = connection.sync();
	}

	static BenchStore open(String url) {
		RedisURI uri = RedisURI.create(url);
		uri.setTimeout(Duration.ofSeconds(60)); // FLUSHDB of a large database takes a
												// while
		RedisClient client = RedisClient.create(uri);
		try {
			return new BenchStore(client, client.connect());
		}
		catch (RuntimeException ex) {
			client.shutdown();
			throw ex;
		}
	}

	/**
	 * Whether the suite wrote the key: taskora's wire-format record, or a key of a
	 * {@code bench-} task ({@code taskora:{bench-...}...}). No prefix is used, so the
	 * keys are the ones taskora writes.
	 */
	static boolean isOwnKey(String key) {
		return key.equals("taskora:meta") || key.startsWith("taskora:{" + TASK_PREFIX);
	}

	/** Up to {@code limit} keys of the database that the suite did not write. */
	List<String> foreignKeys(int limit) {
		List<String> foreign = new ArrayList<>();
		ScanCursor cursor = ScanCursor.INITIAL;
		do {
			KeyScanCursor<String> page = this.commands.scan(cursor, ScanArgs.Builder.limit(1000));
			for (String key : page.getKeys()) {
				if (!isOwnKey(key)) {
					foreign.add(key);
					if (foreign.size() >= limit) {
						return foreign;
					}
				}
			}
			cursor = page;
		}
		while (!cursor.isFinished());
		return foreign;
	}

	long keyCount() {
		return this.commands.dbsize();
	}

	void flush() {
		this.commands.flushdb();
	}

	String serverVersion() {
		return info("server").getOrDefault("redis_version", "unknown");
	}

	/** The server's {@code used_memory} in bytes. */
	long usedMemory() {
		return Long.parseLong(info("memory").getOrDefault("used_memory", "0"));
	}

	/** CPU time the server process used so far (user + system), in microseconds. */
	long cpuMicros() {
		Map<String, String> cpu = info("cpu");
		double seconds = Double.parseDouble(cpu.getOrDefault("used_cpu_user", "0"))
				+ Double.parseDouble(cpu.getOrDefault("used_cpu_sys", "0"));
		return Math.round(seconds * 1e6);
	}

	/**
	 * Time spent inside commands (scripts included) so far, summed over all commands, in
	 * microseconds.
	 */
	long commandMicros() {
		long total = 0;
		for (Map.Entry<String, String> stat : info("commandstats").entrySet()) {
			total += commandMicros(stat.getValue());
		}
		return total;
	}

	@Override
	public void close() {
		this.connection.close();
		this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
	}

	private Map<String, String> info(String section) {
		return parseInfo(this.commands.info(section));
	}

	/** The {@code field:value} lines of an INFO reply. */
	static Map<String, String> parseInfo(String info) {
		Map<String, String> fields = new HashMap<>();
		for (String line : info.split("\r?\n")) {
			int colon = line.indexOf(':');
			if (colon > 0 && !line.startsWith("#")) {
				fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
			}
		}
		return fields;
	}

	/**
	 * The {@code usec} of one commandstats value
	 * ({@code calls=3,usec=42,usec_per_call=14.00,...}).
	 */
	static long commandMicros(String stat) {
		for (String part : stat.split(",")) {
			if (part.startsWith("usec=")) {
				return Long.parseLong(part.substring("usec=".length()));
			}
		}
		return 0;
	}

}
