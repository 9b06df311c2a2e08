package dev.taskora.engine.adapter;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.testing.VirtualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The {@link JobStore} facet's failure path: a failed attempt scheduled again after
 * exactly the delay the engine computed (every backoff, cap and jitter), manual retries,
 * errors that are not retried, and the error stored at the end.
 */
public abstract class JobRetriesContract extends AdapterContract {

	protected JobRetriesContract(AdapterFactory factory) {
		super(factory);
	}

	@Test
	void fixedBackoffWaitsTheSameDelayEachTime() {
		assertThat(retryDelays(Retry.fixed(4, Duration.ofSeconds(2)).jitter(false))).containsExactly(2000L, 2000L,
				2000L);
	}

	@Test
	void exponentialBackoffDoublesTheDelay() {
		assertThat(retryDelays(Retry.exponential(5, Duration.ofSeconds(1)).jitter(false))).containsExactly(1000L, 2000L,
				4000L, 8000L);
	}

	@Test
	void linearBackoffGrowsByTheBaseDelay() {
		assertThat(retryDelays(Retry.linear(4, Duration.ofSeconds(1)).jitter(false))).containsExactly(1000L, 2000L,
				3000L);
	}

	@Test
	void customBackoffUsesTheFunction() {
		assertThat(retryDelays(Retry.custom(4, attempt -> Duration.ofMillis(attempt * 500L + 200)).jitter(false)))
			.containsExactly(700L, 1200L, 1700L);
	}

	@Test
	void maxDelayCapsTheBackoff() {
		assertThat(retryDelays(
				Retry.exponential(5, Duration.ofSeconds(1)).maxDelay(Duration.ofMillis(2500)).jitter(false)))
			.containsExactly(1000L, 2000L, 2500L, 2500L);
	}

	@Test
	void jitterVariesACappedDelayAroundTheCap() {
		List<Long> delays = retryDelays(Retry.exponential(5, Duration.ofSeconds(1)).maxDelay(Duration.ofMillis(2500)));
		assertThat(delays).hasSize(4);
		// capped first, then jittered (taskora's order): the capped delays spread around
		// 2.5 s
		assertThat(delays.get(2)).isBetween(1875L, 3125L);
		assertThat(delays.get(3)).isBetween(1875L, 3125L);
	}

	@Test
	void jitterKeepsEachDelayWithinAQuarterOfTheBase() {
		List<Long> delays = retryDelays(Retry.exponential(6, Duration.ofSeconds(1)));
		long[] base = { 1000, 2000, 4000, 8000, 16000 };
		assertThat(delays).hasSize(5);
		for (int i = 0; i < base.length; i++) {
			assertThat(delays.get(i)).isBetween(Math.round(base[i] * 0.75), Math.round(base[i] * 1.25));
		}
	}

	/**
	 * Runs a job that always fails and reads each retry's delay from the stored schedule.
	 */
	private List<Long> retryDelays(Retry retry) {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).retry(retry).handler((s, ctx) -> {
			throw new IllegalStateException("boom " + ctx.attempt());
		});
		ResultHandle<String> handle = task.dispatch("x");
		handle.enqueued().join();
		List<Long> delays = new ArrayList<>();
		while (true) {
			long failedAt = clock.millis();
			processAll(app);
			if (handle.state() != JobState.RETRYING) {
				break;
			}
			Long due = adapter(app).inspect().nextDelayedAt(task.name()).join();
			delays.add(due - failedAt);
			clock.advanceTo(due);
		}
		assertThat(handle.state()).isEqualTo(JobState.FAILED);
		assertThat(adapter(app).inspect().findJob(task.name(), handle.id()).join().attempt())
			.isEqualTo(retry.attempts());
		return delays;
	}

	@Test
	void aJobThatKeepsFailingEndsFailedWithTheLastMessage() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class)
			.retry(Retry.fixed(2, Duration.ofSeconds(1)).jitter(false))
			.handler((s, ctx) -> {
				throw new IllegalStateException("failure " + ctx.attempt());
			});
		ResultHandle<String> handle = task.dispatch("x");
		handle.enqueued().join();
		processAll(app);
		assertThat(handle.state()).isEqualTo(JobState.RETRYING);
		clock.advance(Duration.ofSeconds(1));
		processAll(app);
		assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOf(JobFailedException.class).hasMessage("failure 2");
	}

	@Test
	void aManualRetryUsesItsOwnDelayEvenForAnExcludedError() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class)
			.retry(Retry.fixed(3, Duration.ofSeconds(1)).noRetryOn(RuntimeException.class))
			.handler((s, ctx) -> {
				if (ctx.attempt() == 1) {
					throw ctx.retry(Duration.ofSeconds(42), "rate limited");
				}
				return "attempt " + ctx.attempt();
			});
		ResultHandle<String> handle = task.dispatch("x");
		handle.enqueued().join();
		long failedAt = clock.millis();
		processAll(app);
		assertThat(handle.state()).isEqualTo(JobState.RETRYING);
		assertThat(adapter(app).inspect().nextDelayedAt(task.name()).join() - failedAt).isEqualTo(42_000);
		assertThat(adapter(app).inspect().findJob(task.name(), handle.id()).join().error()).isEqualTo("rate limited");
		clock.advance(Duration.ofSeconds(42));
		processAll(app);
		assertThat(handle.await(WAIT)).isEqualTo("attempt 2");
	}

	@Test
	void noRetryOnFailsAtOnceAndRetryOnRetriesOnlyWhatItLists() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> excluded = app.task(name(), String.class, String.class)
			.retry(Retry.fixed(3, Duration.ofSeconds(1)).noRetryOn(IllegalArgumentException.class))
			.handler((s, ctx) -> {
				throw new IllegalArgumentException("bad");
			});
		Task<String, String> listed = app.task(name(), String.class, String.class)
			.retry(Retry.fixed(3, Duration.ofSeconds(1)).retryOn(IOException.class))
			.handler((s, ctx) -> {
				throw new IllegalStateException("not listed");
			});
		ResultHandle<String> a = excluded.dispatch("x");
		ResultHandle<String> b = listed.dispatch("x");
		b.enqueued().join();
		processAll(app);
		assertThat(a.state()).isEqualTo(JobState.FAILED);
		assertThat(b.state()).isEqualTo(JobState.FAILED);
	}

}
