package dev.taskora.engine.adapter.redis;

import java.util.concurrent.CompletableFuture;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

/**
 * Runs transition scripts by SHA on the shared command connection. A server that does not
 * know a script yet (first use, a restart, SCRIPT FLUSH, a new Cluster node) answers
 * NOSCRIPT; the script is then sent in full once with EVAL, which also caches it
 * server-side for the next EVALSHA.
 */
final class ScriptRunner {

	private final RedisClusterAsyncCommands<String, String> commands;

	ScriptRunner(RedisClusterAsyncCommands<String, String> commands) {
		this.commands = commands;
	}

	/**
	 * Loads every script up front so the first transitions do not pay the NOSCRIPT
	 * detour.
	 */
	CompletableFuture<Void> loadAll() {
		CompletableFuture<?>[] loads = new CompletableFuture<?>[LuaScript.values().length];
		for (LuaScript script : LuaScript.values()) {
			loads[script.ordinal()] = this.commands.scriptLoad(script.source()).toCompletableFuture();
		}
		return CompletableFuture.allOf(loads);
	}

	/** Runs the script; the first key decides the Cluster slot. */
	<T extends @Nullable Object> CompletableFuture<T> run(LuaScript script, String[] keys, String... args) {
		CompletableFuture<T> bySha = this.commands.<T>evalsha(script.sha(), script.output(), keys, args)
			.toCompletableFuture();
		return bySha.exceptionallyCompose(ex -> {
			if (RedisErrors.unwrap(ex) instanceof RedisNoScriptException) {
				return this.commands.<T>eval(script.source(), script.output(), keys, args).toCompletableFuture();
			}
			return CompletableFuture.failedFuture(ex);
		});
	}

}
