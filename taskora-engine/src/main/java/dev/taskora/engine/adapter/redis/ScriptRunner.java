package dev.taskora.engine.adapter.redis;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisAdvancedClusterAsyncCommands;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs transition scripts on the shared command connection: as the functions of
 * {@link LuaLibrary}, called with FCALL, where the server allows FUNCTION LOAD, else by
 * SHA with EVALSHA. A server that lost the library or a script (a restart, FUNCTION or
 * SCRIPT FLUSH, a new Cluster node) answers that it does not know it; the call is then
 * made once with EVAL and the script in full, and the library is loaded again.
 */
final class ScriptRunner {

	private static final Logger logger = LoggerFactory.getLogger(ScriptRunner.class);

	private final RedisClusterAsyncCommands<String, String> commands;

	/** Whether the scripts run as functions (FCALL) rather than by SHA (EVALSHA). */
	private final boolean functions;

	/** Set while the library is being loaded again, so that one load is under way. */
	private final AtomicBoolean reloading = new AtomicBoolean();

	private ScriptRunner(RedisClusterAsyncCommands<String, String> commands, boolean functions) {
		this.commands = commands;
		this.functions = functions;
	}

	/**
	 * Loads the library, or every script where the server refuses FUNCTION (an ACL, a
	 * proxy, a server without it), so the first transitions take no detour.
	 * @return the runner for the scripts as loaded
	 */
	static CompletableFuture<ScriptRunner> load(RedisClusterAsyncCommands<String, String> commands) {
		return loadLibrary(commands).handle((loaded, ex) -> {
			if (ex == null) {
				return CompletableFuture.completedFuture(new ScriptRunner(commands, true));
			}
			Throwable cause = RedisErrors.unwrap(ex);
			if (!refusesFunctions(cause)) {
				return CompletableFuture.<ScriptRunner>failedFuture(cause);
			}
			logger.info("Redis refused FUNCTION LOAD ({}): the scripts run with EVALSHA", cause.getMessage());
			CompletableFuture<?>[] loads = new CompletableFuture<?>[LuaScript.values().length];
			for (LuaScript script : LuaScript.values()) {
				loads[script.ordinal()] = commands.scriptLoad(script.source()).toCompletableFuture();
			}
			return CompletableFuture.allOf(loads).thenApply(done -> new ScriptRunner(commands, false));
		}).thenCompose(Function.identity());
	}

	/**
	 * Whether FUNCTION LOAD failed because the server does not allow it (an error reply
	 * such as NOPERM or an unknown command), rather than because it was not answered or
	 * the library does not compile ({@code ERR Error compiling function}: a bug, never
	 * hidden behind the scripts).
	 */
	static boolean refusesFunctions(Throwable failure) {
		return failure instanceof RedisCommandExecutionException
				&& !String.valueOf(failure.getMessage()).startsWith("ERR Error");
	}

	/**
	 * Loads the library where it is missing: on every primary of a Cluster, which
	 * replicates it to its replicas. An existing library of the same name is the same
	 * code.
	 */
	private static CompletableFuture<Void> loadLibrary(RedisClusterAsyncCommands<String, String> commands) {
		if (commands instanceof RedisAdvancedClusterAsyncCommands<String, String> cluster) {
			CompletableFuture<?>[] loads = cluster.upstream()
				.commands()
				.functionLoad(LuaLibrary.CODE)
				.stream()
				.map(ScriptRunner::loadedOrPresent)
				.toArray(CompletableFuture<?>[]::new);
			return CompletableFuture.allOf(loads);
		}
		return loadedOrPresent(commands.functionLoad(LuaLibrary.CODE).toCompletableFuture());
	}

	private static CompletableFuture<Void> loadedOrPresent(CompletableFuture<String> load) {
		return load.handle((name, ex) -> {
			if (ex == null || String.valueOf(RedisErrors.unwrap(ex).getMessage()).contains("already exists")) {
				return null;
			}
			throw (ex instanceof CompletionException completion) ? completion : new CompletionException(ex);
		});
	}

	/** Runs the script; the first key decides the Cluster slot. */
	<T extends @Nullable Object> CompletableFuture<T> run(LuaScript script, String[] keys, String... args) {
		CompletableFuture<T> called = this.functions ? call(CommandType.FCALL, script.function(), script, keys, args)
				: call(CommandType.EVALSHA, script.sha(), script, keys, args);
		return called.exceptionallyCompose(ex -> {
			if (!forgotten(RedisErrors.unwrap(ex))) {
				return CompletableFuture.failedFuture(ex);
			}
			if (this.functions) {
				reload();
			}
			return call(CommandType.EVAL, script.source(), script, keys, args);
		});
	}

	/** Whether the call failed because the server does not know the library or script. */
	private boolean forgotten(Throwable failure) {
		return this.functions ? String.valueOf(failure.getMessage()).startsWith("ERR Function not found")
				: failure instanceof RedisNoScriptException;
	}

	/** Loads the library again, once at a time; a failure waits for the next miss. */
	private void reload() {
		if (this.reloading.compareAndSet(false, true)) {
			loadLibrary(this.commands).whenComplete((loaded, ex) -> {
				this.reloading.set(false);
				if (ex != null) {
					logger.debug("Could not load the script library {} again", LuaLibrary.NAME, ex);
				}
			});
		}
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
