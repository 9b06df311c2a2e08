package dev.taskora.engine;

import java.time.Duration;

import dev.taskora.engine.internal.Validation;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.retry.StallOptions;
import org.jspecify.annotations.Nullable;

/**
 * App-wide defaults every task starts from; a task's own options override them.
 *
 * <pre>{@code
 * Taskora.builder().defaults(d -> d.concurrency(5).retry(Retry.exponential(3, Duration.ofSeconds(1))))
 * }</pre>
 */
public final class TaskDefaults {

	/** The default handler timeout (taskora's worker default). */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	private int concurrency = 1;

	private @Nullable Duration timeout = DEFAULT_TIMEOUT;

	private Retry retry = Retry.none();

	private StallOptions stall = StallOptions.DEFAULT;

	/** Max jobs of one task a worker runs at once (default 1). */
	public TaskDefaults concurrency(int concurrency) {
		this.concurrency = Validation.concurrency(concurrency);
		return this;
	}

	/** Handler timeout (default 30 s); {@code null} for none. */
	public TaskDefaults timeout(@Nullable Duration timeout) {
		this.timeout = Validation.timeout(timeout);
		return this;
	}

	/** Retry policy (default: no retries). */
	public TaskDefaults retry(Retry retry) {
		this.retry = retry;
		return this;
	}

	/** Stall detection (default 30 s, one recovery). */
	public TaskDefaults stall(StallOptions stall) {
		this.stall = stall;
		return this;
	}

	/**
	 * The default number of jobs of one task a worker runs at once.
	 * @return at least 1
	 */
	public int concurrency() {
		return this.concurrency;
	}

	/**
	 * The default handler timeout.
	 * @return the timeout, or {@code null} for none
	 */
	public @Nullable Duration timeout() {
		return this.timeout;
	}

	/**
	 * The default retry policy of tasks without their own.
	 * @return the policy
	 */
	public Retry retry() {
		return this.retry;
	}

	/**
	 * The default stall detection of tasks without their own.
	 * @return the stall options
	 */
	public StallOptions stall() {
		return this.stall;
	}

}
