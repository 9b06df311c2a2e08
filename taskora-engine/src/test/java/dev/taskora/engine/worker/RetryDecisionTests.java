package dev.taskora.engine.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.time.Duration;

import dev.taskora.engine.CancelledException;
import dev.taskora.engine.JobTimeoutException;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.retry.RetryException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryDecisionTests {

	private final Retry retry = Retry.fixed(3, Duration.ofSeconds(1)).jitter(false);

	@Test
	void retriesAnOrdinaryErrorWhileAttemptsRemain() {
		assertThat(RetryDecision.retryDelay(this.retry, new IllegalStateException(), 1)).isEqualTo(1000);
		assertThat(RetryDecision.retryDelay(this.retry, new IllegalStateException(), 2)).isEqualTo(1000);
		assertThat(RetryDecision.retryDelay(this.retry, new IllegalStateException(), 3))
			.isEqualTo(JobFailure.PERMANENT);
	}

	@Test
	void aManualRetryBypassesTheFiltersButNotTheAttempts() {
		Retry strict = this.retry.retryOn(IOException.class).noRetryOn(RetryException.class);
		assertThat(RetryDecision.retryDelay(strict, new RetryException("x", Duration.ofSeconds(7)), 1)).isEqualTo(7000);
		assertThat(RetryDecision.retryDelay(strict, new RetryException("x", null), 2)).isEqualTo(1000);
		assertThat(RetryDecision.retryDelay(strict, new RetryException("x", null), 3)).isEqualTo(JobFailure.PERMANENT);
	}

	@Test
	void timeoutsAreRetriedOnlyWhenListed() {
		JobTimeoutException timeout = JobTimeoutException.handler("id", Duration.ofSeconds(1));
		assertThat(RetryDecision.retryDelay(this.retry, timeout, 1)).isEqualTo(JobFailure.PERMANENT);
		assertThat(RetryDecision.retryDelay(this.retry.retryOn(JobTimeoutException.class), timeout, 1)).isEqualTo(1000);
	}

	@Test
	void validationErrorsAndCancellationsAreNeverRetried() {
		assertThat(RetryDecision.retryDelay(this.retry, new ValidationException("bad"), 1))
			.isEqualTo(JobFailure.PERMANENT);
		assertThat(RetryDecision.retryDelay(this.retry, new CancelledException("id", null), 1))
			.isEqualTo(JobFailure.PERMANENT);
	}

	@Test
	void noRetryOnExcludesSubclassesToo() {
		Retry excluding = this.retry.noRetryOn(RuntimeException.class);
		assertThat(RetryDecision.retryDelay(excluding, new IllegalArgumentException(), 1))
			.isEqualTo(JobFailure.PERMANENT);
		assertThat(RetryDecision.retryDelay(excluding, new IOException(), 1)).isEqualTo(1000);
	}

	@Test
	void retryOnRetriesOnlyWhatItLists() {
		Retry listing = this.retry.retryOn(IOException.class);
		assertThat(RetryDecision.retryDelay(listing, new UncheckedIOException(new IOException()), 1))
			.isEqualTo(JobFailure.PERMANENT);
		assertThat(RetryDecision.retryDelay(listing, new SocketException(), 1)).isEqualTo(1000);
	}

	@Test
	void noRetryPolicyMeansOneAttempt() {
		assertThat(RetryDecision.retryDelay(Retry.none(), new IllegalStateException(), 1))
			.isEqualTo(JobFailure.PERMANENT);
	}

}
