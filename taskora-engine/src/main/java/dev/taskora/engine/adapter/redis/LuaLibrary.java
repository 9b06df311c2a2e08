package dev.taskora.engine.adapter.redis;

import java.util.Locale;

/**
 * The transition scripts as one Redis function library: every shared helper is defined
 * once, when the library loads, and each script is a function of it, called with FCALL. A
 * script sent with EVALSHA defines the helpers it links again on every call, closures
 * Redis then collects (28 for the fused ack and claim). The library's name carries a hash
 * of its code, so processes of different versions sharing one Redis each call their own;
 * each loads it when it connects and again when the server has lost it.
 */
final class LuaLibrary {

	/** {@code taskora_java_} and 12 hex digits of the code's SHA-1. */
	static final String NAME;

	/** The text sent on FUNCTION LOAD. */
	static final String CODE;

	private static final String[] FUNCTIONS;

	static {
		LuaScript[] scripts = LuaScript.values();
		String helpers = LuaScript.prelude().all();
		// what the code holds besides its own name: the helpers, and each function's
		// name,
		// flag and body
		StringBuilder hashed = new StringBuilder(helpers);
		for (LuaScript script : scripts) {
			hashed.append(script.name()).append(script.flag()).append(script.body());
		}
		NAME = "taskora_java_" + LuaScript.sha1(hashed.toString()).substring(0, 12);
		FUNCTIONS = new String[scripts.length];
		StringBuilder code = new StringBuilder("#!lua name=").append(NAME).append('\n').append(helpers);
		for (LuaScript script : scripts) {
			String function = NAME + "_" + script.name().toLowerCase(Locale.ROOT);
			FUNCTIONS[script.ordinal()] = function;
			// KEYS and ARGV as the callback's parameters: the body reads as it does in a
			// script
			code.append("redis.register_function{function_name='")
				.append(function)
				.append("', callback=function(KEYS, ARGV)\n")
				.append(script.body())
				.append("\nend")
				.append((script.flag() != null) ? ", flags={'" + script.flag() + "'}}\n" : "}\n");
		}
		CODE = code.toString();
	}

	private LuaLibrary() {
	}

	static String function(LuaScript script) {
		return FUNCTIONS[script.ordinal()];
	}

}
