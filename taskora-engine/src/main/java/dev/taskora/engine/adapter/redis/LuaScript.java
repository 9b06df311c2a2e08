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
 * helpers it uses ({@code lib.lua}, {@code claim.lua}) in front, so every transition stays a single
 * atomic EVALSHA. The SHA-1 is computed here, once.
 */
enum LuaScript {

	ENQUEUE(ScriptOutputType.INTEGER),

	ENQUEUE_DELAYED(ScriptOutputType.INTEGER),

	ENQUEUE_BULK(ScriptOutputType.INTEGER),

	MOVE_TO_ACTIVE(ScriptOutputType.MULTI),

	ACK(ScriptOutputType.MULTI),

	ACK_AND_MOVE_TO_ACTIVE(ScriptOutputType.MULTI),

	FAIL(ScriptOutputType.MULTI),

	FAIL_AND_MOVE_TO_ACTIVE(ScriptOutputType.MULTI),

	NACK(ScriptOutputType.INTEGER),

	EXTEND_LOCK(ScriptOutputType.INTEGER),

	CANCEL(ScriptOutputType.INTEGER),

	FINISH_CANCEL(ScriptOutputType.INTEGER),

	STALLED_CHECK(ScriptOutputType.MULTI),

	TRIM(ScriptOutputType.INTEGER),

	RETRY_DLQ(ScriptOutputType.INTEGER),

	HANDSHAKE(ScriptOutputType.MULTI);

	private final ScriptOutputType output;

	private final String source;

	private final String sha;

	LuaScript(ScriptOutputType output) {
		this.output = output;
		String body = read(name().toLowerCase(Locale.ROOT) + ".lua");
		this.source = Library.PRELUDE.forScript(body) + body;
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

		static final LuaPrelude PRELUDE = LuaPrelude.of(read("lib.lua"), read("claim.lua"));

	}

}
