package dev.taskora.engine.adapter.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import io.lettuce.core.ScriptOutputType;

/**
 * The transition scripts, one resource file each under {@code lua/}. Each is loaded with the shared
 * helpers ({@code lib.lua}, and {@code claim.lua} for the scripts that claim) in front, so every
 * transition stays a single atomic EVALSHA. The SHA-1 is computed here, once.
 */
enum LuaScript {

	ENQUEUE(ScriptOutputType.INTEGER, false),

	ENQUEUE_DELAYED(ScriptOutputType.INTEGER, false),

	ENQUEUE_BULK(ScriptOutputType.INTEGER, false),

	MOVE_TO_ACTIVE(ScriptOutputType.MULTI, true),

	ACK(ScriptOutputType.MULTI, false),

	ACK_AND_MOVE_TO_ACTIVE(ScriptOutputType.MULTI, true),

	FAIL(ScriptOutputType.MULTI, false),

	FAIL_AND_MOVE_TO_ACTIVE(ScriptOutputType.MULTI, true),

	NACK(ScriptOutputType.INTEGER, false),

	EXTEND_LOCK(ScriptOutputType.INTEGER, false),

	CANCEL(ScriptOutputType.INTEGER, false),

	FINISH_CANCEL(ScriptOutputType.INTEGER, false),

	STALLED_CHECK(ScriptOutputType.MULTI, false),

	TRIM(ScriptOutputType.INTEGER, false),

	RETRY_DLQ(ScriptOutputType.INTEGER, false),

	HANDSHAKE(ScriptOutputType.MULTI, false);

	private final ScriptOutputType output;

	private final String source;

	private final String sha;

	LuaScript(ScriptOutputType output, boolean claims) {
		this.output = output;
		String body = read(name().toLowerCase(Locale.ROOT) + ".lua");
		this.source = Library.LIB + (claims ? Library.CLAIM : "") + body;
		this.sha = sha1(this.source);
	}

	ScriptOutputType output() {
		return this.output;
	}

	/** The full text sent on SCRIPT LOAD / EVAL. */
	String source() {
		return this.source;
	}

	/** The SHA-1 EVALSHA calls it by. */
	String sha() {
		return this.sha;
	}

	static String read(String file) {
		String path = "lua/" + file;
		try (InputStream in = LuaScript.class.getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("Missing Lua script resource " + path);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read Lua script resource " + path, ex);
		}
	}

	private static String sha1(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is not available", ex);
		}
	}

	/** The helper files, read once (enum constants cannot reach their own static fields). */
	private static final class Library {

		static final String LIB = read("lib.lua");

		static final String CLAIM = read("claim.lua");

	}

}
