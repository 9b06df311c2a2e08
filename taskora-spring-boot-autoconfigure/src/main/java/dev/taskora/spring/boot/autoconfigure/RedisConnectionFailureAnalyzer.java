package dev.taskora.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.taskora.engine.adapter.redis.RedisUnavailableException;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Explains a Redis that taskora could not use at startup: which Redis (its URL with the
 * password masked) and from which properties, why (unreachable, credentials refused, too
 * old), and what to do, instead of a stack trace with the cause at its bottom.
 */
class RedisConnectionFailureAnalyzer extends AbstractFailureAnalyzer<RedisUnavailableException> {

	private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^@/]*)@(.*)$");

	private static final String MASK = "****";

	private final Environment environment;

	RedisConnectionFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, RedisUnavailableException cause) {
		Endpoint endpoint = endpoint(String.valueOf(cause.getMessage()));
		String reason = scrub(reason(cause), endpoint.passwords());
		Problem problem = Problem.of(cause);
		String description = "Taskora could not " + problem.failure() + " Redis while the application started.\n\n"
				+ "    Redis: " + endpoint.url() + " (from " + endpoint.source() + ")\n" + "    Reason: " + reason
				+ "\n";
		return new FailureAnalysis(description, action(problem, endpoint), cause);
	}

	private String action(Problem problem, Endpoint endpoint) {
		return switch (problem) {
			case CREDENTIALS -> "Redis refused the credentials. Check " + endpoint.credentialProperties()
					+ " against the Redis configuration (requirepass, or the ACL user).";
			case VERSION -> "Taskora needs Redis 7.0 or newer: upgrade the Redis at " + endpoint.url() + ".";
			case UNREACHABLE -> "Make sure Redis is running and reachable at " + endpoint.url() + ", or point "
					+ endpoint.locationProperties() + " at your Redis. To run without Redis, set taskora.adapter=memory"
					+ " (jobs are then kept in this process only).";
		};
	}

	/**
	 * The Redis taskora connects to, as the environment configures it: Spring Data Redis'
	 * when the failure says taskora used the application's client (or it is the only one
	 * configured), else {@code taskora.redis.url}.
	 */
	private Endpoint endpoint(String message) {
		String taskoraUrl = this.environment.getProperty("taskora.redis.url");
		boolean sharedClient = message.contains("the application's");
		if (!sharedClient && taskoraUrl != null) {
			String url = taskoraUrl;
			return new Endpoint(mask(url), "taskora.redis.url", passwords(url, null),
					"the user and password in taskora.redis.url", "taskora.redis.url");
		}
		String prefix = "spring.data.redis.";
		String password = this.environment.getProperty(prefix + "password");
		String url = this.environment.getProperty(prefix + "url");
		String credentials = "spring.data.redis.password (and spring.data.redis.username for an ACL user)";
		if (url != null) {
			return new Endpoint(mask(url), "spring.data.redis.url", passwords(url, password),
					"the user and password in spring.data.redis.url", "spring.data.redis.url");
		}
		String sentinels = this.environment.getProperty(prefix + "sentinel.nodes");
		if (sentinels != null) {
			return new Endpoint(
					"Sentinel master '" + this.environment.getProperty(prefix + "sentinel.master", "") + "' at "
							+ sentinels,
					"spring.data.redis.sentinel.*", passwords(null, password), credentials,
					"spring.data.redis.sentinel.nodes");
		}
		String cluster = this.environment.getProperty(prefix + "cluster.nodes");
		if (cluster != null) {
			return new Endpoint("Cluster " + cluster, "spring.data.redis.cluster.*", passwords(null, password),
					credentials, "spring.data.redis.cluster.nodes");
		}
		boolean ssl = Boolean.parseBoolean(this.environment.getProperty(prefix + "ssl.enabled", "false"));
		String username = this.environment.getProperty(prefix + "username");
		String userInfo = (password != null) ? ((username != null) ? username : "") + ":" + MASK + "@"
				: ((username != null) ? username + "@" : "");
		String database = this.environment.getProperty(prefix + "database", "0");
		String built = (ssl ? "rediss://" : "redis://") + userInfo
				+ this.environment.getProperty(prefix + "host", "localhost") + ":"
				+ this.environment.getProperty(prefix + "port", "6379") + ("0".equals(database) ? "" : "/" + database);
		return new Endpoint(built, "spring.data.redis.*", passwords(null, password), credentials,
				"spring.data.redis.host and spring.data.redis.port (or spring.data.redis.url)");
	}

	/** The failure's own message and its root cause's, which says what the driver saw. */
	private static String reason(RedisUnavailableException cause) {
		Throwable root = cause;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = String.valueOf(cause.getMessage());
		if (root != cause && root.getMessage() != null && !message.contains(root.getMessage())) {
			message = message + " (" + root.getMessage() + ")";
		}
		return message;
	}

	/** A URL with its password replaced by {@value #MASK}. */
	static String mask(String url) {
		StringBuilder masked = new StringBuilder();
		for (String part : url.split(",", -1)) {
			if (!masked.isEmpty()) {
				masked.append(',');
			}
			Matcher matcher = USER_INFO.matcher(part.trim());
			if (!matcher.matches()) {
				masked.append(part);
				continue;
			}
			String userInfo = matcher.group(2);
			int colon = userInfo.indexOf(':');
			// Lettuce reads redis://secret@host as a password alone
			String user = (colon >= 0) ? userInfo.substring(0, colon) + ":" : "";
			masked.append(matcher.group(1)).append(user).append(MASK).append('@').append(matcher.group(3));
		}
		return masked.toString();
	}

	private static List<String> passwords(@Nullable String url, @Nullable String password) {
		List<String> passwords = new ArrayList<>();
		if (password != null && !password.isEmpty()) {
			passwords.add(password);
		}
		if (url != null) {
			for (String part : url.split(",")) {
				Matcher matcher = USER_INFO.matcher(part.trim());
				if (matcher.matches()) {
					String userInfo = matcher.group(2);
					String secret = userInfo.substring(userInfo.indexOf(':') + 1);
					if (!secret.isEmpty()) {
						passwords.add(secret);
					}
				}
			}
		}
		return passwords;
	}

	private static String scrub(String message, List<String> passwords) {
		String scrubbed = message;
		for (String password : passwords) {
			scrubbed = scrubbed.replace(password, MASK);
		}
		return scrubbed;
	}

	private record Endpoint(String url, String source, List<String> passwords, String credentialProperties,
			String locationProperties) {
	}

	private enum Problem {

		UNREACHABLE, CREDENTIALS, VERSION;

		static Problem of(Throwable failure) {
			for (Throwable current = failure; current != null; current = (current.getCause() != current)
					? current.getCause() : null) {
				String message = String.valueOf(current.getMessage()).toUpperCase(Locale.ROOT);
				if (message.contains("WRONGPASS") || message.contains("NOAUTH") || message.contains("INVALID PASSWORD")
						|| message.contains("AUTH FAILED") || message.contains("AUTHENTICATION")) {
					return CREDENTIALS;
				}
				if (message.contains(" IS VERSION ")) {
					return VERSION;
				}
			}
			return UNREACHABLE;
		}

		String failure() {
			return switch (this) {
				case CREDENTIALS -> "authenticate with";
				case VERSION -> "use";
				case UNREACHABLE -> "connect to";
			};
		}

	}

}
