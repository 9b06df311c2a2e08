package dev.taskora.engine.retry;

import java.time.Duration;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * How the delay before a retry grows with the attempt that just failed (1-based).
 * {@link #FIXED}: {@code delay}; {@link #EXPONENTIAL}: {@code delay × 2^(attempt−1)};
 * {@link #LINEAR}: {@code delay × attempt}; or any function of the attempt.
 */
@FunctionalInterface
public interface Backoff {

	/** The same delay every time. */
	Backoff FIXED = named("fixed", (attempt, base) -> base);

	/** Doubling: 1×, 2×, 4× ... the base delay. */
	Backoff EXPONENTIAL = named("exponential",
			(attempt, base) -> base.multipliedBy(1L << Math.min(Math.max(attempt - 1, 0), 40)));

	/** Growing by the base each time: 1×, 2×, 3× ... */
	Backoff LINEAR = named("linear", (attempt, base) -> base.multipliedBy(Math.max(attempt, 1)));

	/**
	 * The delay after {@code attempt} failed, before max-delay capping and jitter.
	 * @param attempt the attempt that failed, 1-based
	 * @param base the configured base delay
	 */
	Duration delay(int attempt, Duration base);

	/**
	 * A backoff computed only from the attempt number, e.g.
	 * {@code a -> Duration.ofMillis(a * 500)}.
	 */
	static Backoff custom(IntFunction<Duration> delay) {
		return (attempt, base) -> delay.apply(attempt);
	}

	/** Parses {@code fixed}, {@code exponential} or {@code linear}. */
	static Backoff of(String name) {
		return switch (name.trim().toLowerCase(Locale.ROOT)) {
			case "fixed" -> FIXED;
			case "exponential" -> EXPONENTIAL;
			case "linear" -> LINEAR;
			default -> throw new IllegalArgumentException(
					"Unknown backoff '" + name + "': expected fixed, exponential or linear");
		};
	}

	private static Backoff named(String name, Backoff backoff) {
		return new Backoff() {
			@Override
			public Duration delay(int attempt, Duration base) {
				return backoff.delay(attempt, base);
			}

			@Override
			public String toString() {
				return name;
			}
		};
	}

}
