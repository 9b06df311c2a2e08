package dev.taskora.spring.boot.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Options every task starts from; a {@code @TaskConsumer} attribute overrides them.
 */
public class TaskoraDefaultsProperties {

	/**
	 * Max jobs of one task a worker runs at once.
	 */
	private int concurrency = 1;

	/**
	 * Handler timeout; 0 for none.
	 */
	private Duration timeout = Duration.ofSeconds(30);

	private final Retry retry = new Retry();

	private final Stall stall = new Stall();

	/**
	 * Returns {@code taskora.defaults.concurrency}.
	 * @return the value
	 */
	public int getConcurrency() {
		return this.concurrency;
	}

	/**
	 * Sets {@code taskora.defaults.concurrency}.
	 * @param concurrency the new value
	 */
	public void setConcurrency(int concurrency) {
		this.concurrency = concurrency;
	}

	/**
	 * Returns {@code taskora.defaults.timeout}.
	 * @return the value
	 */
	public Duration getTimeout() {
		return this.timeout;
	}

	/**
	 * Sets {@code taskora.defaults.timeout}.
	 * @param timeout the new value
	 */
	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	/**
	 * Returns {@code taskora.defaults.retry}.
	 * @return the value
	 */
	public Retry getRetry() {
		return this.retry;
	}

	/**
	 * Returns {@code taskora.defaults.stall}.
	 * @return the value
	 */
	public Stall getStall() {
		return this.stall;
	}

	/** Default retry policy. */
	public static class Retry {

		/**
		 * Total runs of a job including the first; 1 disables retries.
		 */
		private int attempts = 1;

		/**
		 * How the delay between attempts grows.
		 */
		private TaskoraProperties.BackoffType backoff = TaskoraProperties.BackoffType.EXPONENTIAL;

		/**
		 * Base delay before a retry.
		 */
		private Duration delay = Duration.ofSeconds(1);

		/**
		 * Cap on a single retry delay.
		 */
		private @Nullable Duration maxDelay;

		/**
		 * Whether retry delays vary by +/-25% so that failed jobs do not retry in
		 * lockstep.
		 */
		private boolean jitter = true;

		/**
		 * Returns {@code taskora.defaults.retry.attempts}.
		 * @return the value
		 */
		public int getAttempts() {
			return this.attempts;
		}

		/**
		 * Sets {@code taskora.defaults.retry.attempts}.
		 * @param attempts the new value
		 */
		public void setAttempts(int attempts) {
			this.attempts = attempts;
		}

		/**
		 * Returns {@code taskora.defaults.retry.backoff}.
		 * @return the value
		 */
		public TaskoraProperties.BackoffType getBackoff() {
			return this.backoff;
		}

		/**
		 * Sets {@code taskora.defaults.retry.backoff}.
		 * @param backoff the new value
		 */
		public void setBackoff(TaskoraProperties.BackoffType backoff) {
			this.backoff = backoff;
		}

		/**
		 * Returns {@code taskora.defaults.retry.delay}.
		 * @return the value
		 */
		public Duration getDelay() {
			return this.delay;
		}

		/**
		 * Sets {@code taskora.defaults.retry.delay}.
		 * @param delay the new value
		 */
		public void setDelay(Duration delay) {
			this.delay = delay;
		}

		/**
		 * Returns {@code taskora.defaults.retry.max-delay}.
		 * @return the value
		 */
		public @Nullable Duration getMaxDelay() {
			return this.maxDelay;
		}

		/**
		 * Sets {@code taskora.defaults.retry.max-delay}.
		 * @param maxDelay the new value
		 */
		public void setMaxDelay(@Nullable Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		/**
		 * Returns {@code taskora.defaults.retry.jitter}.
		 * @return the value
		 */
		public boolean isJitter() {
			return this.jitter;
		}

		/**
		 * Sets {@code taskora.defaults.retry.jitter}.
		 * @param jitter the new value
		 */
		public void setJitter(boolean jitter) {
			this.jitter = jitter;
		}

	}

	/** Default stall detection. */
	public static class Stall {

		/**
		 * Time between sweeps for jobs whose worker stopped extending their lock.
		 */
		private Duration interval = Duration.ofSeconds(1);

		/**
		 * Stalls a job survives before it fails; 0 fails it at the first.
		 */
		private int maxCount = 1;

		/**
		 * Returns {@code taskora.defaults.stall.interval}.
		 * @return the value
		 */
		public Duration getInterval() {
			return this.interval;
		}

		/**
		 * Sets {@code taskora.defaults.stall.interval}.
		 * @param interval the new value
		 */
		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		/**
		 * Returns {@code taskora.defaults.stall.max-count}.
		 * @return the value
		 */
		public int getMaxCount() {
			return this.maxCount;
		}

		/**
		 * Sets {@code taskora.defaults.stall.max-count}.
		 * @param maxCount the new value
		 */
		public void setMaxCount(int maxCount) {
			this.maxCount = maxCount;
		}

	}

}
