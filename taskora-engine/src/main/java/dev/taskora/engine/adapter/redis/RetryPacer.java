package dev.taskora.engine.adapter.redis;

import org.slf4j.Logger;

/**
 * Pacing and logging for a background loop that talks to Redis (a worker's marker wait, the stream
 * reader): after a failure it waits a growing delay (100 ms doubling to 5 s), logs the first failure
 * of an outage as a warning and the rest at debug, and logs once when Redis answers again.
 * Used by one thread at a time.
 */
final class RetryPacer {

	private static final long FIRST_DELAY_MS = 100;

	private static final long MAX_DELAY_MS = 5_000;

	private final Logger logger;

	private final String loop;

	private long delayMs;

	private boolean failing;

	RetryPacer(Logger logger, String loop) {
		this.logger = logger;
		this.loop = loop;
	}

	/** Records a failure and returns how long to wait before the next try. */
	long failed(Throwable ex) {
		Throwable cause = RedisErrors.unwrap(ex);
		if (!this.failing) {
			this.failing = true;
			this.logger.warn("{} lost Redis ({}); retrying until it is back", this.loop, cause.toString());
		}
		else {
			this.logger.debug("{} still cannot reach Redis: {}", this.loop, cause.toString());
		}
		this.delayMs = (this.delayMs == 0) ? FIRST_DELAY_MS : Math.min(this.delayMs * 2, MAX_DELAY_MS);
		return this.delayMs;
	}

	/** Records a success. */
	void succeeded() {
		if (this.failing) {
			this.failing = false;
			this.logger.info("{} reached Redis again", this.loop);
		}
		this.delayMs = 0;
	}

}
