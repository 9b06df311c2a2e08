package dev.taskora.engine.adapter.redis;

import java.util.concurrent.CompletableFuture;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.BooleanOutput;
import io.lettuce.core.output.CommandOutput;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.NestedMultiOutput;
import io.lettuce.core.output.ObjectOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
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
		CompletableFuture<T> bySha = call(CommandType.EVALSHA, script.sha(), script, keys, args);
		return bySha.exceptionallyCompose(ex -> {
			if (RedisErrors.unwrap(ex) instanceof RedisNoScriptException) {
				return call(CommandType.EVAL, script.source(), script, keys, args);
			}
			return CompletableFuture.failedFuture(ex);
		});
	}

	/**
	 * The call as Lettuce's {@code evalsha}/{@code eval} makes it, but with the values
	 * written straight into the command buffer as UTF-8: given as the connection codec's
	 * values, each would first be encoded into a pooled buffer of its own (a settle call
	 * carries 7 values per job, a bulk enqueue 13).
	 */
	private <T extends @Nullable Object> CompletableFuture<T> call(CommandType type, String shaOrSource,
			LuaScript script, String[] keys, String[] args) {
		CommandArgs<String, String> arguments = new CommandArgs<>(StringCodec.UTF8).add(shaOrSource)
			.add(keys.length)
			.addKeys(keys);
		for (String arg : args) {
			arguments.add(arg);
		}
		return this.commands.dispatch(type, ScriptRunner.<T>output(script.output()), arguments).toCompletableFuture();
	}

	/**
	 * The reply's output for the script's type, as Lettuce makes it for {@code evalsha}.
	 */
	@SuppressWarnings("unchecked")
	private static <T extends @Nullable Object> CommandOutput<String, String, T> output(ScriptOutputType type) {
		CommandOutput<String, String, ?> output = switch (type) {
			case BOOLEAN -> new BooleanOutput<>(StringCodec.UTF8);
			case INTEGER -> new IntegerOutput<>(StringCodec.UTF8);
			case STATUS -> new StatusOutput<>(StringCodec.UTF8);
			case MULTI -> new NestedMultiOutput<>(StringCodec.UTF8);
			case VALUE -> new ValueOutput<>(StringCodec.UTF8);
			case OBJECT -> new ObjectOutput<>(StringCodec.UTF8);
		};
		return (CommandOutput<String, String, T>) output;
	}

}
