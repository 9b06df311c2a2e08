package dev.taskora.engine.adapter.redis;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.taskora.engine.adapter.SchemaVersionMismatchException;
import dev.taskora.engine.adapter.SchemaVersionMismatchException.Code;
import dev.taskora.engine.adapter.SchemaVersionMismatchException.Versions;
import org.jspecify.annotations.Nullable;

/**
 * The start-up checks: the server is Redis 7 or newer, and the store's wire-format record
 * ({@code taskora[:<prefix>]:meta}) is one this build can share. The record is read, or
 * written when there is none, in one script, so two processes starting together agree on
 * it.
 */
final class Handshake {

	/** The storage layout this adapter writes: taskora's wire version 6. */
	static final int WIRE_VERSION = 6;

	/** The oldest layout this adapter reads. */
	static final int MIN_COMPAT = 6;

	static final String WRITTEN_BY = "taskora-wire-" + WIRE_VERSION;

	private static final Pattern REDIS_VERSION = Pattern.compile("(?m)^redis_version:(\\d+)\\.(\\d+)\\S*");

	private Handshake() {
	}

	/** This build's versions. */
	static Versions ours() {
		return new Versions(WIRE_VERSION, MIN_COMPAT, WRITTEN_BY, 0);
	}

	/** Fails unless {@code INFO server} reports Redis 7.0 or newer. */
	static void checkServerVersion(String info, String endpoint) {
		Matcher matcher = REDIS_VERSION.matcher(info);
		if (!matcher.find()) {
			return; // not Redis itself (a proxy or a fork that hides it): let the scripts
					// decide
		}
		int major = Integer.parseInt(matcher.group(1));
		if (major < 7) {
			throw new RedisUnavailableException("Redis at " + endpoint + " is version " + matcher.group(1) + "."
					+ matcher.group(2) + "; taskora needs Redis 7.0 or newer", null);
		}
	}

	/** Reads or initializes the meta record and checks it against ours. */
	static CompletableFuture<Void> run(ScriptRunner scripts, RedisKeys keys, String endpoint, long now) {
		CompletableFuture<List<Object>> stored = scripts.run(LuaScript.HANDSHAKE, new String[] { keys.meta() },
				Integer.toString(WIRE_VERSION), Integer.toString(MIN_COMPAT), WRITTEN_BY, Long.toString(now));
		return stored.thenAccept(reply -> check(reply, keys.meta(), endpoint));
	}

	/**
	 * Applies taskora's compatibility rule to a stored record
	 * {@code [wire, minCompat, writtenBy, writtenAt]}.
	 */
	static void check(List<Object> stored, String metaKey, String endpoint) {
		Versions ours = ours();
		String wireText = RedisJobCodec.text(stored.get(0));
		String minCompatText = RedisJobCodec.text(stored.get(1));
		String writtenBy = RedisJobCodec.text(stored.get(2));
		long writtenAt = RedisJobCodec.toLong(RedisJobCodec.text(stored.get(3)), 0);
		Integer wire = parseVersion(wireText);
		Integer minCompat = parseVersion(minCompatText);
		if (wire == null || minCompat == null || minCompat > wire) {
			Versions theirs = new Versions((wire != null) ? wire : 0, (minCompat != null) ? minCompat : 0, writtenBy,
					writtenAt);
			throw new SchemaVersionMismatchException(Code.INVALID_META, ours, theirs,
					"The taskora record '" + metaKey + "' at " + endpoint
							+ " is not a valid wire-format record (wireVersion='" + wireText + "', minCompat='"
							+ minCompatText + "', writtenBy='" + writtenBy
							+ "'). Find out who wrote it; if it is garbage, delete the key and start again.");
		}
		Versions theirs = new Versions(wire, minCompat, writtenBy, writtenAt);
		if (ours.wireVersion() < minCompat) {
			throw new SchemaVersionMismatchException(Code.THEIRS_TOO_NEW, ours, theirs,
					"Redis at " + endpoint + " was written by " + describe(theirs)
							+ ", which needs a build that reads wire format " + minCompat + " or newer; this build ("
							+ describe(ours)
							+ ") is too old. Upgrade this process, or point it at another keyspace (prefix).");
		}
		if (wire < ours.minCompat()) {
			throw new SchemaVersionMismatchException(Code.THEIRS_TOO_OLD, ours, theirs,
					"Redis at " + endpoint + " was written by " + describe(theirs) + ", older than this build ("
							+ describe(ours) + ") can read. Upgrade in smaller steps, or drain the old queues first.");
		}
	}

	private static String describe(Versions versions) {
		return versions.writtenBy() + " (wireVersion " + versions.wireVersion() + ", minCompat " + versions.minCompat()
				+ ")";
	}

	private static @Nullable Integer parseVersion(String text) {
		try {
			int value = Integer.parseInt(text.trim());
			return (value >= 1) ? value : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
