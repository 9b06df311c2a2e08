package dev.taskora.engine.adapter.redis;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pacing for a background loop that talks to Redis over a connection of its own (a
 * worker's marker wait, the stream reader): after a failure it waits a growing delay (100
 * ms doubling to 1 s, so that it resumes within a second of Redis answering). The loop is
 * one source of the adapter's {@link OutageReporter}, which logs the outage once. Used by
 * one thread at a time.
 */
final class RetryPacer {

	private static final Logger logger = LoggerFactory.getLogger(RetryPacer.class);

	private static final long FIRST_DELAY_MS = 100;

	private static final long MAX_DELAY_MS = 1_000;

	private final OutageReporter outages;

	private final Object source;

	private final String operation;

	private final String subject;

	private long delayMs;

	/**
	 * @param outages the adapter's outage log
	 * @param source the loop, as a source of the outage log
	 * @param operation the kind of operation the loop repeats ({@code "wait for work"})
	 * @param subject what exactly it does, for the first log line
	 * ({@code "wait for work of task 'emails'"})
	 */
	RetryPacer(OutageReporter outages, Object source, String operation, String subject) {
		this.outages = outages;
		this.source = source;
		this.operation = operation;
		this.subject = subject;
	}

	/** Records a failure and returns how long to wait before the next try. */
	long failed(Throwable ex) {
		if (RedisErrors.isUnavailable(ex)) {
			this.outages.failed(this.source, this.operation, this.subject, ex);
		}
		else {
			// Redis answered, with an error: not an outage, and rare enough to log each
			// time
			logger.warn("{} failed: {}", this.subject, RedisErrors.unwrap(ex).toString());
			logger.debug("{} failed", this.subject, ex);
		}
		this.delayMs = (this.delayMs == 0) ? FIRST_DELAY_MS : Math.min(this.delayMs * 2, MAX_DELAY_MS);
		return this.delayMs;
	}

	/** Records a success. */
	void succeeded() {
		this.outages.succeeded(this.source);
		this.delayMs = 0;
	}

	/**
	 * Reports, during an outage, that Redis answers on the link as soon as it does: the
	 * loop's own command blocks for seconds when there is nothing to read, so a
	 * {@code PING} goes out with it.
	 */
	void probe(RedisLink link) {
		if (this.outages.isDown()) {
			link.commands().ping().whenComplete((pong, ex) -> {
				if (ex == null) {
					this.outages.succeeded(this.source); // thread-safe; the delay stays
															// the loop's
				}
			});
		}
	}

	/** The loop stopped: the outage log no longer waits for it to succeed. */
	void closed() {
		this.outages.forget(this.source);
	}

}
