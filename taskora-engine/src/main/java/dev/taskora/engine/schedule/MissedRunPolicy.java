package dev.taskora.engine.schedule;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a schedule does about runs that fell due while no scheduler was running (a
 * deployment, a crash): taskora's {@code "skip"}, {@code "catch-up"} and
 * {@code "catch-up-limit:N"}. A run is missed when the scheduler comes to it later than a
 * running scheduler would (more than two poll intervals); the latest due run is not
 * missed when it is reached within the time another process takes over from a leader that
 * died (the lock TTL and two poll intervals).
 * <ul>
 * <li>{@link #skip()} (the default): no missed run is dispatched; the schedule goes on at
 * its next time from now;</li>
 * <li>{@link #catchUp()}: every missed run is dispatched, at once;</li>
 * <li>{@link #catchUpLimit(int)}: the same, at most {@code N} of them
 * ({@code catch-up-limit:1} is "run once if anything was missed").</li>
 * </ul>
 */
public final class MissedRunPolicy {

	private static final Pattern LIMIT = Pattern.compile("catch-up-limit:(\\d{1,9})");

	private static final MissedRunPolicy SKIP = new MissedRunPolicy("skip", 0);

	private static final MissedRunPolicy CATCH_UP = new MissedRunPolicy("catch-up", Integer.MAX_VALUE);

	private final String wireValue;

	private final int limit;

	private MissedRunPolicy(String wireValue, int limit) {
		this.wireValue = wireValue;
		this.limit = limit;
	}

	/** Dispatches none of the missed runs. */
	public static MissedRunPolicy skip() {
		return SKIP;
	}

	/** Dispatches every missed run. */
	public static MissedRunPolicy catchUp() {
		return CATCH_UP;
	}

	/**
	 * Dispatches the missed runs, at most {@code limit} of them.
	 * @throws IllegalArgumentException when {@code limit} is below 1
	 */
	public static MissedRunPolicy catchUpLimit(int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("catch-up limit must be at least 1, was " + limit);
		}
		return new MissedRunPolicy("catch-up-limit:" + limit, limit);
	}

	/**
	 * Reads taskora's form: {@code skip}, {@code catch-up} or {@code catch-up-limit:N}.
	 * @throws IllegalArgumentException naming the value when it is none of these
	 */
	public static MissedRunPolicy parse(String value) {
		String text = value.trim();
		if (text.equals(SKIP.wireValue)) {
			return SKIP;
		}
		if (text.equals(CATCH_UP.wireValue)) {
			return CATCH_UP;
		}
		Matcher matcher = LIMIT.matcher(text);
		if (matcher.matches()) {
			return catchUpLimit(Integer.parseInt(matcher.group(1)));
		}
		throw new IllegalArgumentException(
				"Invalid missed-run policy '" + value + "': expected skip, catch-up or catch-up-limit:N");
	}

	/** The most missed runs dispatched at once (0 for skip). */
	public int limit() {
		return this.limit;
	}

	/** How many of {@code missed} runs to dispatch. */
	int runs(int missed) {
		return Math.min(Math.max(missed, 0), this.limit);
	}

	/** The wire form, as taskora stores it. */
	@Override
	public String toString() {
		return this.wireValue;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof MissedRunPolicy policy && policy.wireValue.equals(this.wireValue);
	}

	@Override
	public int hashCode() {
		return this.wireValue.hashCode();
	}

}
