package dev.taskora.engine.retry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

import org.jspecify.annotations.Nullable;

/**
 * A task's retry policy. {@code attempts} counts runs, not retries: 3 means one run and
 * up to two retries. Immutable; the {@code with*} methods return copies.
 *
 * <pre>{@code
 * Retry.exponential(5, Duration.ofSeconds(1)).maxDelay(Duration.ofMinutes(1)).noRetryOn(IllegalArgumentException.class)
 * }</pre>
 *
 * @param attempts total runs, at least 1
 * @param backoff how the delay grows
 * @param delay base delay
 * @param maxDelay cap on a single delay before jitter, or {@code null}
 * @param jitter whether delays vary by ±25% (on by default)
 * @param retryOn if not empty, only these exception types are retried
 * @param noRetryOn these exception types are never retried
 */
public record Retry(int attempts, Backoff backoff, Duration delay, @Nullable Duration maxDelay, boolean jitter,
		List<Class<? extends Throwable>> retryOn, List<Class<? extends Throwable>> noRetryOn) {

	/** The default base delay, one second. */
	public static final Duration DEFAULT_DELAY = Duration.ofSeconds(1);

	/**
	 * Creates a policy; the factories ({@code fixed}, {@code exponential} ...) and the
	 * {@code with...} copies are usually shorter.
	 * @throws IllegalArgumentException if {@code attempts} is below 1, or a delay is
	 * negative
	 */
	public Retry {
		if (attempts < 1) {
			throw new IllegalArgumentException("retry attempts must be at least 1, was " + attempts);
		}
		if (delay.isNegative()) {
			throw new IllegalArgumentException("retry delay must not be negative, was " + delay);
		}
		if (maxDelay != null && maxDelay.isNegative()) {
			throw new IllegalArgumentException("retry maxDelay must not be negative, was " + maxDelay);
		}
		retryOn = List.copyOf(retryOn);
		noRetryOn = List.copyOf(noRetryOn);
	}

	/** No retries: one run. */
	public static Retry none() {
		return new Retry(1, Backoff.EXPONENTIAL, DEFAULT_DELAY, null, true, List.of(), List.of());
	}

	/** {@code attempts} runs with exponential backoff from a one-second base. */
	public static Retry attempts(int attempts) {
		return exponential(attempts, DEFAULT_DELAY);
	}

	/** Exponential backoff: {@code delay}, {@code 2×delay}, {@code 4×delay} ... */
	public static Retry exponential(int attempts, Duration delay) {
		return new Retry(attempts, Backoff.EXPONENTIAL, delay, null, true, List.of(), List.of());
	}

	/** The same delay before every retry. */
	public static Retry fixed(int attempts, Duration delay) {
		return new Retry(attempts, Backoff.FIXED, delay, null, true, List.of(), List.of());
	}

	/** Linear backoff: {@code delay}, {@code 2×delay}, {@code 3×delay} ... */
	public static Retry linear(int attempts, Duration delay) {
		return new Retry(attempts, Backoff.LINEAR, delay, null, true, List.of(), List.of());
	}

	/** A delay computed by a function of the failed attempt. */
	public static Retry custom(int attempts, IntFunction<Duration> delay) {
		return new Retry(attempts, Backoff.custom(delay), DEFAULT_DELAY, null, true, List.of(), List.of());
	}

	/**
	 * A copy with another number of attempts.
	 * @param attempts total attempts, the first included
	 * @return the changed policy
	 */
	public Retry withAttempts(int attempts) {
		return new Retry(attempts, this.backoff, this.delay, this.maxDelay, this.jitter, this.retryOn, this.noRetryOn);
	}

	/**
	 * A copy with another backoff (how the delay grows between attempts).
	 * @param backoff the backoff
	 * @return the changed policy
	 */
	public Retry withBackoff(Backoff backoff) {
		return new Retry(this.attempts, backoff, this.delay, this.maxDelay, this.jitter, this.retryOn, this.noRetryOn);
	}

	/**
	 * A copy with another base delay, the one the backoff starts from.
	 * @param delay the base delay
	 * @return the changed policy
	 */
	public Retry withDelay(Duration delay) {
		return new Retry(this.attempts, this.backoff, delay, this.maxDelay, this.jitter, this.retryOn, this.noRetryOn);
	}

	/**
	 * A copy that caps every computed delay.
	 * @param maxDelay the cap, or {@code null} for none
	 * @return the changed policy
	 */
	public Retry maxDelay(@Nullable Duration maxDelay) {
		return new Retry(this.attempts, this.backoff, this.delay, maxDelay, this.jitter, this.retryOn, this.noRetryOn);
	}

	/**
	 * A copy that does or does not randomize each delay, so that jobs failing together do
	 * not all retry at the same moment.
	 * @param jitter whether to randomize
	 * @return the changed policy
	 */
	public Retry jitter(boolean jitter) {
		return new Retry(this.attempts, this.backoff, this.delay, this.maxDelay, jitter, this.retryOn, this.noRetryOn);
	}

	/**
	 * A copy that retries only failures of these types (or their subtypes); others fail
	 * the job at once.
	 * @param types the exception types to retry
	 * @return the changed policy
	 */
	@SafeVarargs
	public final Retry retryOn(Class<? extends Throwable>... types) {
		return new Retry(this.attempts, this.backoff, this.delay, this.maxDelay, this.jitter, List.of(types),
				this.noRetryOn);
	}

	/**
	 * A copy that never retries failures of these types (or their subtypes), e.g. a
	 * validation error that would fail again.
	 * @param types the exception types not to retry
	 * @return the changed policy
	 */
	@SafeVarargs
	public final Retry noRetryOn(Class<? extends Throwable>... types) {
		return new Retry(this.attempts, this.backoff, this.delay, this.maxDelay, this.jitter, this.retryOn,
				List.of(types));
	}

	/**
	 * The delay after {@code attempt} failed: backoff, then the {@code maxDelay} cap,
	 * then jitter (×[0.75, 1.25), rounded), in taskora's order: with jitter on, a capped
	 * delay still varies up to a quarter either side of {@code maxDelay}, so retries
	 * capped at the same delay do not fire together.
	 */
	public Duration delayAfter(int attempt) {
		long millis = Math.max(this.backoff.delay(attempt, this.delay).toMillis(), 0);
		if (this.maxDelay != null) {
			millis = Math.min(millis, this.maxDelay.toMillis());
		}
		if (this.jitter) {
			millis = Math.round(millis * (0.75 + ThreadLocalRandom.current().nextDouble() * 0.5));
		}
		return Duration.ofMillis(millis);
	}

}
