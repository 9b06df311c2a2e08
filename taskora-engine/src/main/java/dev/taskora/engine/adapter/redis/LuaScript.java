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
import org.jspecify.annotations.Nullable;

/**
 * The transition scripts, one resource file each under {@code lua/<capability>/}
 * ({@code jobs}, {@code maintenance}, {@code inspect}, {@code schedule},
 * {@code handshake}, {@code flow}, {@code workflow}, as the adapter's facets). Each is
 * loaded with the shared helpers it uses ({@code lua/lib.lua},
 * {@code lua/jobs/claim_lib.lua}, {@code lua/flow/flow_lib.lua},
 * {@code lua/workflow/workflow_lib.lua}) in front, so every transition stays a single
 * atomic call, by SHA-1 (computed here, once) or, where the server allows it, as a
 * function of {@link LuaLibrary}, which defines every helper once.
 */
enum LuaScript {

	ENQUEUE("jobs", ScriptOutputType.INTEGER),

	ENQUEUE_DELAYED("jobs", ScriptOutputType.INTEGER),

	ENQUEUE_BULK("jobs", ScriptOutputType.INTEGER),

	MOVE_TO_ACTIVE("jobs", ScriptOutputType.MULTI),

	MOVE_TO_ACTIVE_MANY("jobs", ScriptOutputType.MULTI),

	ACK("jobs", ScriptOutputType.MULTI),

	ACK_AND_MOVE_TO_ACTIVE("jobs", ScriptOutputType.MULTI),

	FAIL("jobs", ScriptOutputType.MULTI),

	FAIL_AND_MOVE_TO_ACTIVE("jobs", ScriptOutputType.MULTI),

	SETTLE_MANY("jobs", ScriptOutputType.MULTI),

	NACK("jobs", ScriptOutputType.INTEGER),

	EXTEND_LOCK("jobs", ScriptOutputType.INTEGER),

	EXTEND_LOCKS("jobs", ScriptOutputType.MULTI),

	CANCEL("jobs", ScriptOutputType.INTEGER),

	FINISH_CANCEL("jobs", ScriptOutputType.INTEGER),

	STALLED_CHECK("maintenance", ScriptOutputType.MULTI),

	TRIM("maintenance", ScriptOutputType.INTEGER, "allow-oom"),

	RETRY_DLQ("maintenance", ScriptOutputType.INTEGER),

	RETRY_ALL_DLQ("maintenance", ScriptOutputType.INTEGER),

	CLEAN_JOBS("maintenance", ScriptOutputType.INTEGER, "allow-oom"),

	LIST_JOB_DETAILS("inspect", ScriptOutputType.MULTI, "no-writes"),

	VERSION_DISTRIBUTION("inspect", ScriptOutputType.MULTI, "no-writes"),

	FAILED_ERRORS("inspect", ScriptOutputType.MULTI, "no-writes"),

	HANDSHAKE("handshake", ScriptOutputType.MULTI),

	ADD_SCHEDULE("schedule", ScriptOutputType.INTEGER),

	REPLACE_SCHEDULE("schedule", ScriptOutputType.INTEGER),

	RESUME_SCHEDULE("schedule", ScriptOutputType.INTEGER),

	CLAIM_DUE_SCHEDULES("schedule", ScriptOutputType.MULTI),

	ACQUIRE_SCHEDULER_LOCK("schedule", ScriptOutputType.INTEGER),

	RELEASE_SCHEDULER_LOCK("schedule", ScriptOutputType.INTEGER),

	DEBOUNCE("flow", ScriptOutputType.INTEGER),

	THROTTLE_ENQUEUE("flow", ScriptOutputType.INTEGER),

	DEDUPLICATE_ENQUEUE("flow", ScriptOutputType.MULTI),

	COLLECT_PUSH("flow", ScriptOutputType.MULTI),

	CREATE_WORKFLOW("workflow", ScriptOutputType.INTEGER),

	ADVANCE_WORKFLOW("workflow", ScriptOutputType.MULTI),

	FAIL_WORKFLOW("workflow", ScriptOutputType.MULTI),

	CANCEL_WORKFLOW("workflow", ScriptOutputType.MULTI);

	private final String file;

	private final ScriptOutputType output;

	private final String body;

	private final String source;

	private final String sha;

	private final @Nullable String flag;

	LuaScript(String capability, ScriptOutputType output) {
		this(capability, output, null);
	}

	/**
	 * @param flag the function flag: {@code no-writes} for a script that only reads,
	 * {@code allow-oom} for one that only deletes; either still runs while Redis is out
	 * of memory, as a script by SHA does until it writes
	 */
	LuaScript(String capability, ScriptOutputType output, @Nullable String flag) {
		this.file = capability + "/" + name().toLowerCase(Locale.ROOT) + ".lua";
		this.output = output;
		this.body = read(this.file);
		this.source = Library.PRELUDE.forScript(this.body) + this.body;
		this.sha = sha1(this.source);
		this.flag = flag;
	}

	/** The resource file, relative to {@code lua/} ({@code jobs/ack.lua}). */
	String file() {
		return this.file;
	}

	ScriptOutputType output() {
		return this.output;
	}

	/** The script's own code, without the helpers it uses. */
	String body() {
		return this.body;
	}

	/** The function's flag ({@code no-writes}, {@code allow-oom}), or {@code null}. */
	@Nullable String flag() {
		return this.flag;
	}

	/** The full text sent on SCRIPT LOAD / EVAL. */
	String source() {
		return this.source;
	}

	/** The SHA-1 EVALSHA calls it by. */
	String sha() {
		return this.sha;
	}

	/** The name FCALL calls it by in {@link LuaLibrary}. */
	String function() {
		return LuaLibrary.function(this);
	}

	/** Every shared helper, in definition order. */
	static LuaPrelude prelude() {
		return Library.PRELUDE;
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

	static String sha1(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is not available", ex);
		}
	}

	/**
	 * The helper files, read once (enum constants cannot reach their own static fields).
	 */
	private static final class Library {

		static final LuaPrelude PRELUDE = LuaPrelude.of(read("lib.lua"), read("jobs/claim_lib.lua"),
				read("flow/flow_lib.lua"), read("workflow/workflow_lib.lua"));

	}

}
