package dev.taskora.engine.adapter.redis;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One adapter's log of Redis outages: a warning when the first operation fails for want
 * of Redis, one line when Redis answers again (how long it was gone, how many operations
 * failed, of which kinds), and every failure in between at DEBUG only, with its stack
 * trace. Without it, each claim retry, stall sweep, retention trim and result recheck of
 * a 35 s outage logged a full trace.
 * <p>
 * Failures come from two kinds of sources. Commands on the shared connection (and one-off
 * calls such as a cancel subscription) share {@link #COMMANDS}: any reply on it shows
 * Redis is back. A loop with a connection of its own (a work waiter, the event reader) is
 * its own source, as its connection may come back later than the others; the outage ends
 * once every source that failed has succeeded again or was closed.
 * <p>
 * Called on any thread, Lettuce's I/O threads included: the lock is held only to update
 * the state and write the one log line, so the lines appear in order; it is never held
 * while waiting.
 */
final class OutageReporter {

	/** The source for commands on the shared connection and for one-off calls. */
	static final Object COMMANDS = new Object();

	// named after the adapter: the class users configure and look for in their logs
	private static final Logger logger = LoggerFactory.getLogger(RedisAdapter.class);

	private final String endpoint;

	private final UnaryOperator<String> scrub;

	private final Object lock = new Object();

	/** Sources that failed and have not succeeded since; guarded by lock. */
	private final Set<Object> failing = Collections.newSetFromMap(new IdentityHashMap<>());

	/** Failed operations of the current outage by kind; guarded by lock. */
	private final Map<String, Long> failures = new TreeMap<>();

	private long startedAt;

	private volatile boolean down;

	OutageReporter(String endpoint, UnaryOperator<String> scrub) {
		this.endpoint = endpoint;
		this.scrub = scrub;
	}

	/**
	 * Records an operation that failed because Redis could not be reached or did not
	 * answer.
	 * @param source {@link #COMMANDS}, or the loop that owns a connection
	 * @param operation the kind of operation, as counted at the end ({@code "claim"})
	 * @param subject what exactly failed, for the first line
	 * ({@code "claim of task 'emails'"})
	 * @param cause the driver's failure, whose message is logged
	 */
	void failed(Object source, String operation, String subject, Throwable cause) {
		String reason = this.scrub.apply(String.valueOf(RedisErrors.unwrap(cause).getMessage()));
		synchronized (this.lock) {
			boolean starting = this.failing.isEmpty();
			this.failing.add(source);
			this.failures.merge(operation, 1L, Long::sum);
			if (starting) {
				this.startedAt = System.nanoTime();
				this.down = true;
				logger.warn("Redis at {} is unavailable ({}: {}); background work retries until it is back, "
						+ "failed operations are logged at DEBUG", this.endpoint, subject, reason);
			}
		}
		if (logger.isDebugEnabled()) {
			logger.debug("{} failed: Redis at {} is unavailable", subject, this.endpoint, cause);
		}
	}

	/**
	 * Records that the source reached Redis; the last failing source to do so ends the
	 * outage.
	 */
	void succeeded(Object source) {
		if (!this.down) {
			return; // the hot path: one volatile read
		}
		synchronized (this.lock) {
			if (this.failing.remove(source) && this.failing.isEmpty()) {
				end();
			}
		}
	}

	/**
	 * Forgets a source that closed: it will not report again, so the outage must not wait
	 * for it.
	 */
	void forget(Object source) {
		synchronized (this.lock) {
			if (this.failing.remove(source) && this.failing.isEmpty()) {
				// nothing proved Redis is back; start afresh without claiming it is
				this.failures.clear();
				this.down = false;
			}
		}
	}

	/** Whether an outage is going on. */
	boolean isDown() {
		return this.down;
	}

	private void end() {
		long total = this.failures.values().stream().mapToLong(Long::longValue).sum();
		StringBuilder kinds = new StringBuilder();
		this.failures.forEach((operation,
				count) -> kinds.append((kinds.length() > 0) ? ", " : "").append(operation).append(' ').append(count));
		logger.info("Redis at {} is reachable again after {}; {} operation(s) failed meanwhile ({})", this.endpoint,
				describe(System.nanoTime() - this.startedAt), total, kinds);
		this.failures.clear();
		this.down = false;
	}

	private static String describe(long nanos) {
		long millis = nanos / 1_000_000;
		return (millis < 1_000) ? millis + "ms" : String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
	}

}
