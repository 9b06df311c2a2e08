package dev.taskora.engine.retry;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RetryTests {

	@Test
	void exponentialBackoffDoublesFromTheBaseDelay() {
		Retry retry = Retry.exponential(6, Duration.ofSeconds(1)).jitter(false);
		assertThat(retry.delayAfter(1)).isEqualTo(Duration.ofSeconds(1));
		assertThat(retry.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
		assertThat(retry.delayAfter(3)).isEqualTo(Duration.ofSeconds(4));
		assertThat(retry.delayAfter(4)).isEqualTo(Duration.ofSeconds(8));
	}

	@Test
	void linearBackoffMultipliesTheBaseByTheAttempt() {
		Retry retry = Retry.linear(5, Duration.ofMillis(300)).jitter(false);
		assertThat(retry.delayAfter(1)).isEqualTo(Duration.ofMillis(300));
		assertThat(retry.delayAfter(3)).isEqualTo(Duration.ofMillis(900));
	}

	@Test
	void fixedBackoffNeverChanges() {
		Retry retry = Retry.fixed(5, Duration.ofMillis(250)).jitter(false);
		assertThat(retry.delayAfter(1)).isEqualTo(retry.delayAfter(4)).isEqualTo(Duration.ofMillis(250));
	}

	@Test
	void customBackoffGetsTheFailedAttempt() {
		Retry retry = Retry.custom(5, attempt -> Duration.ofMillis(attempt * 100L)).jitter(false);
		assertThat(retry.delayAfter(3)).isEqualTo(Duration.ofMillis(300));
	}

	@Test
	void maxDelayCapsTheBackoffBeforeJitterAsTaskoraDoes() {
		Retry retry = Retry.exponential(20, Duration.ofSeconds(1)).maxDelay(Duration.ofSeconds(30));
		long min = Long.MAX_VALUE;
		long max = Long.MIN_VALUE;
		for (int i = 0; i < 2000; i++) {
			long delay = retry.delayAfter(15).toMillis();
			min = Math.min(min, delay);
			max = Math.max(max, delay);
		}
		// 2^14 s capped to 30 s, then ±25%: capped retries still spread out instead of
		// firing together
		assertThat(min).isBetween(22_500L, 24_000L);
		assertThat(max).isBetween(36_000L, 37_500L);
	}

	@Test
	void maxDelayIsExactWithoutJitter() {
		Retry retry = Retry.exponential(20, Duration.ofSeconds(1)).maxDelay(Duration.ofSeconds(30)).jitter(false);
		assertThat(retry.delayAfter(15)).isEqualTo(Duration.ofSeconds(30));
		assertThat(retry.delayAfter(2)).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void jitterStaysWithinAQuarterEitherWay() {
		Retry retry = Retry.fixed(3, Duration.ofMillis(1000));
		long min = Long.MAX_VALUE;
		long max = Long.MIN_VALUE;
		for (int i = 0; i < 2000; i++) {
			long delay = retry.delayAfter(1).toMillis();
			min = Math.min(min, delay);
			max = Math.max(max, delay);
		}
		assertThat(min).isBetween(750L, 800L);
		assertThat(max).isBetween(1200L, 1250L);
	}

	@Test
	void rejectsInvalidValuesNamingThem() {
		assertThatIllegalArgumentException().isThrownBy(() -> Retry.fixed(0, Duration.ofSeconds(1)))
			.withMessageContaining("attempts")
			.withMessageContaining("0");
		assertThatIllegalArgumentException().isThrownBy(() -> Retry.fixed(2, Duration.ofSeconds(-1)))
			.withMessageContaining("delay");
		assertThatIllegalArgumentException().isThrownBy(() -> Backoff.of("quadratic"))
			.withMessageContaining("quadratic");
	}

	@Test
	void parsesBackoffNames() {
		assertThat(Backoff.of("Exponential")).isSameAs(Backoff.EXPONENTIAL);
		assertThat(Backoff.of("fixed")).hasToString("fixed");
		assertThat(Backoff.of("linear")).isSameAs(Backoff.LINEAR);
	}

}
