package dev.taskora.engine.adapter.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.RedisURI;

/**
 * Turns {@link RedisAdapterOptions} into Lettuce URIs, and URLs into text safe for
 * messages.
 */
final class RedisEndpoints {

	private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^@/]*)@(.*)$");

	private RedisEndpoints() {
	}

	/** The seed URIs of the options: one, or several for a Cluster. */
	static List<RedisURI> uris(RedisAdapterOptions options) {
		List<RedisURI> uris = new ArrayList<>();
		String url = options.url();
		if (url != null) {
			for (String part : options.cluster() ? url.split(",") : new String[] { url }) {
				uris.add(parse(part.trim()));
			}
		}
		else {
			RedisURI.Builder builder = RedisURI.builder()
				.withHost(options.host())
				.withPort(options.port())
				.withDatabase(options.database())
				.withSsl(options.ssl());
			String password = options.password();
			if (password != null) {
				String username = options.username();
				if (username != null) {
					builder.withAuthentication(username, password);
				}
				else {
					builder.withPassword(password.toCharArray());
				}
			}
			uris.add(builder.build());
		}
		for (RedisURI uri : uris) {
			uri.setTimeout(options.commandTimeout());
		}
		return uris;
	}

	/** The options' endpoint for messages and logs, never with a password. */
	static String describe(RedisAdapterOptions options) {
		String url = options.url();
		if (url != null) {
			return redact(url);
		}
		return (options.ssl() ? "rediss://" : "redis://") + options.host() + ":" + options.port()
				+ (options.database() != 0 ? "/" + options.database() : "");
	}

	/**
	 * The URL without its password: {@code redis://user:secret@host} becomes
	 * {@code redis://user@host}; a password alone ({@code redis://:secret@host} or
	 * Lettuce's {@code redis://secret@host}) is dropped.
	 */
	static String redact(String url) {
		Matcher matcher = USER_INFO.matcher(url);
		if (!matcher.matches()) {
			return url;
		}
		String userInfo = matcher.group(2);
		int colon = userInfo.indexOf(':');
		String user = (colon > 0) ? userInfo.substring(0, colon) + "@" : "";
		return matcher.group(1) + user + matcher.group(3);
	}

	private static RedisURI parse(String url) {
		try {
			return RedisURI.create(url);
		}
		catch (IllegalArgumentException ex) {
			String detail = String.valueOf(ex.getMessage()).replace(url, redact(url));
			throw new IllegalArgumentException("Invalid Redis URL '" + redact(url) + "': " + detail);
		}
	}

}
