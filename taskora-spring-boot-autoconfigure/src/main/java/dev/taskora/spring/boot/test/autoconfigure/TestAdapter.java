package dev.taskora.spring.boot.test.autoconfigure;

/** The store a {@link TaskoraTest} runs against. */
public enum TestAdapter {

	/**
	 * The memory adapter on a virtual clock: no Redis needed, delays, backoff and
	 * schedules pass in virtual time.
	 */
	MEMORY,

	/**
	 * The application's Redis, configured as outside tests: {@code spring.data.redis.*}
	 * (or a {@code @ServiceConnection} container), or {@code taskora.redis.url}. Jobs run
	 * in real time; what needs the virtual clock (the harness's {@code clock()},
	 * {@code advanceTime}, {@code jobs()}) is unavailable, and {@code reset()} leaves the
	 * store as it is, so give each test class its own {@code taskora.prefix}.
	 */
	REDIS

}
