package dev.taskora.engine;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses taskora's duration strings: a number followed by {@code ms}, {@code s},
 * {@code m}, {@code h} or {@code d} ({@code "30s"}, {@code "5m"}), a bare number of
 * milliseconds, or an ISO-8601 duration ({@code "PT30S"}).
 */
public final class Durations {

	private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

	private Durations() {
	}

	/**
	 * Parses a duration.
	 * @throws IllegalArgumentException naming the value when it is not a duration
	 */
	public static Duration parse(String value) {
		String text = value.trim();
		Matcher matcher = SHORT.matcher(text);
		if (matcher.matches()) {
			long amount = Long.parseLong(matcher.group(1));
			String unit = matcher.group(2);
			if (unit == null || unit.equals("ms")) {
				return Duration.ofMillis(amount);
			}
			return switch (unit) {
				case "s" -> Duration.ofSeconds(amount);
				case "m" -> Duration.ofMinutes(amount);
				case "h" -> Duration.ofHours(amount);
				default -> Duration.ofDays(amount);
			};
		}
		try {
			return Duration.parse(text);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(
					"Invalid duration '" + value
							+ "': expected a number with ms, s, m, h or d (\"30s\", \"5m\") or an ISO-8601 duration",
					ex);
		}
	}

}
