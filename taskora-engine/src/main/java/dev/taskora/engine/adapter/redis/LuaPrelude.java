package dev.taskora.engine.adapter.redis;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared helper functions ({@code lib.lua}, {@code jobs/claim_lib.lua},
 * {@code flow/flow_lib.lua}) a script needs, and only those. Redis runs a script's whole
 * text on every EVALSHA, so each unused helper would be defined again for nothing on
 * every call.
 */
final class LuaPrelude {

	private static final Pattern FUNCTION = Pattern.compile("^local function ([A-Za-z_][A-Za-z0-9_]*)\\(",
			Pattern.MULTILINE);

	private final List<Helper> helpers;

	private LuaPrelude(List<Helper> helpers) {
		this.helpers = helpers;
	}

	/** Splits helper files into their top-level {@code local function}s, in order. */
	static LuaPrelude of(String... sources) {
		List<Helper> helpers = new ArrayList<>();
		for (String source : sources) {
			Matcher matcher = FUNCTION.matcher(source);
			List<Integer> starts = new ArrayList<>();
			List<String> names = new ArrayList<>();
			while (matcher.find()) {
				starts.add(matcher.start());
				names.add(matcher.group(1));
			}
			for (int i = 0; i < starts.size(); i++) {
				int end = (i + 1 < starts.size()) ? starts.get(i + 1) : source.length();
				helpers.add(new Helper(names.get(i), source.substring(starts.get(i), end)));
			}
		}
		return new LuaPrelude(helpers);
	}

	/**
	 * The helpers {@code body} uses, directly or through other helpers, in definition
	 * order.
	 */
	String forScript(String body) {
		Set<String> needed = new HashSet<>();
		List<String> pending = new ArrayList<>(List.of(body));
		while (!pending.isEmpty()) {
			String code = withoutComments(pending.remove(pending.size() - 1));
			for (Helper helper : this.helpers) {
				if (!needed.contains(helper.name) && helper.usedBy(code)) {
					needed.add(helper.name);
					pending.add(helper.text);
				}
			}
		}
		StringBuilder prelude = new StringBuilder();
		for (Helper helper : this.helpers) {
			if (needed.contains(helper.name)) {
				prelude.append(helper.text);
			}
		}
		return prelude.toString();
	}

	/** Every helper, in definition order: what a function library defines once. */
	String all() {
		StringBuilder all = new StringBuilder();
		for (Helper helper : this.helpers) {
			all.append(helper.text);
		}
		return all.toString();
	}

	/**
	 * The code without its {@code --} comments, so that a helper named in a comment is
	 * not linked ("as in recordFailure"). Quoted strings are kept whole: a {@code --}
	 * inside one starts no comment.
	 */
	static String withoutComments(String lua) {
		StringBuilder code = new StringBuilder(lua.length());
		char quote = 0;
		for (int i = 0; i < lua.length(); i++) {
			char c = lua.charAt(i);
			if (quote != 0) {
				code.append(c);
				if (c == '\\' && i + 1 < lua.length()) {
					code.append(lua.charAt(++i));
				}
				else if (c == quote) {
					quote = 0;
				}
			}
			else if (c == '-' && lua.startsWith("--", i)) {
				int end = lua.indexOf('\n', i);
				i = (end < 0) ? lua.length() : end - 1;
			}
			else {
				if (c == '\'' || c == '"') {
					quote = c;
				}
				code.append(c);
			}
		}
		return code.toString();
	}

	private record Helper(String name, String text) {

		boolean usedBy(String code) {
			return Pattern.compile("\\b" + this.name + "\\b").matcher(code).find();
		}

	}

}
