package dev.taskora.engine.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import com.cronutils.model.time.ExecutionTime;
import org.jspecify.annotations.Nullable;

/**
 * When a schedule's runs fall: every fixed number of milliseconds, or at the times of a
 * cron expression in a zone. Times are epoch milliseconds.
 */
final class Timing {

	/** Most runs counted, and dispatched, for one due schedule at once. */
	static final int MAX_RUNS = 10_000;

	private final long everyMs;

	private final @Nullable ExecutionTime cron;

	private final ZoneId zone;

	private Timing(long everyMs, @Nullable ExecutionTime cron, ZoneId zone) {
		this.everyMs = everyMs;
		this.cron = cron;
		this.zone = zone;
	}

	static Timing every(long everyMs) {
		if (everyMs < 1) {
			throw new IllegalArgumentException("must be positive, was " + everyMs + "ms");
		}
		return new Timing(everyMs, null, ZoneId.systemDefault());
	}

	/**
	 * A cron timing.
	 * @throws IllegalArgumentException when the expression is invalid or never matches
	 */
	static Timing cron(String expression, ZoneId zone) {
		Timing timing = new Timing(0, CronExpressions.parse(expression), zone);
		if (timing.nextMatch(System.currentTimeMillis()) == null) {
			throw new IllegalArgumentException("'" + expression + "' never matches a date");
		}
		return timing;
	}

	/** The first run of a schedule defined (or resumed, or changed) at {@code now}. */
	long firstRun(long now) {
		return (this.cron == null) ? now + this.everyMs : requireMatch(now);
	}

	/**
	 * The run after one due at {@code dueAt} that was handled at {@code now}: an interval
	 * keeps its cadence (the next multiple of the interval from {@code dueAt} after
	 * {@code now}), a cron its next match after {@code now}.
	 */
	long nextRun(long dueAt, long now) {
		if (this.cron == null) {
			long elapsed = Math.max(now - dueAt, 0);
			return dueAt + (elapsed / this.everyMs + 1) * this.everyMs;
		}
		return requireMatch(now);
	}

	/**
	 * The runs that fell due from {@code dueAt} (always one) to {@code now}, split into
	 * those the scheduler reached in time and those it missed. A run is reached in time
	 * when it is at most {@code window} old; when none is, the latest still is if it is
	 * at most {@code grace} old (a leader died, and another took over). Missed runs are
	 * counted up to {@code cap}, runs in time up to {@link #MAX_RUNS}.
	 */
	Backlog backlog(long dueAt, long now, long window, long grace, int cap) {
		long windowStart = now - window;
		long graceStart = now - grace;
		if (this.cron == null) {
			long runs = Math.max(now - dueAt, 0) / this.everyMs + 1;
			long firstInTime = (windowStart <= dueAt) ? 0 : ceilDiv(windowStart - dueAt, this.everyMs);
			long inTime = Math.max(runs - firstInTime, 0);
			long last = dueAt + (runs - 1) * this.everyMs;
			if (inTime == 0 && last >= graceStart) {
				inTime = 1;
			}
			return new Backlog((int) Math.min(inTime, MAX_RUNS), (int) Math.min(runs - inTime, cap));
		}
		int inTime = ((dueAt >= windowStart) ? 1 : 0) + matches(Math.max(dueAt, windowStart - 1), now, MAX_RUNS);
		// one more than the cap, so that taking the latest run out below leaves a count
		// still at the cap
		int missed = ((dueAt < windowStart) ? 1 : 0) + matches(dueAt, windowStart - 1, cap + 1);
		if (inTime == 0 && runBetween(dueAt, graceStart, windowStart)) {
			inTime = 1;
			missed = Math.max(missed - 1, 0);
		}
		return new Backlog(Math.min(inTime, MAX_RUNS), Math.min(missed, cap));
	}

	/**
	 * How many cron matches lie in {@code (after, until]}, counting no further than
	 * {@code cap}.
	 */
	private int matches(long after, long until, int cap) {
		int count = 0;
		Long match = nextMatch(after);
		while (match != null && match <= until && count < cap) {
			count++;
			match = nextMatch(match);
		}
		return count;
	}

	/** Whether {@code dueAt} or a cron match after it lies in {@code [from, before)}. */
	private boolean runBetween(long dueAt, long from, long before) {
		if (dueAt >= from && dueAt < before) {
			return true;
		}
		Long match = nextMatch(Math.max(dueAt, from - 1));
		return match != null && match < before;
	}

	/**
	 * The first cron match strictly after {@code after}, whole seconds only, or
	 * {@code null}.
	 */
	private @Nullable Long nextMatch(long after) {
		// cron-utils carries sub-second parts of its input into the result; cron times
		// are whole seconds
		ExecutionTime cron = this.cron;
		if (cron == null) {
			// an interval timing has no cron matches
			return null;
		}
		ZonedDateTime from = Instant.ofEpochMilli(after).atZone(this.zone).truncatedTo(ChronoUnit.SECONDS);
		Optional<ZonedDateTime> next = cron.nextExecution(from);
		return next.map(time -> time.toInstant().toEpochMilli()).orElse(null);
	}

	private long requireMatch(long after) {
		Long next = nextMatch(after);
		if (next == null) {
			throw new IllegalStateException("cron never matches after " + Instant.ofEpochMilli(after));
		}
		return next;
	}

	private static long ceilDiv(long dividend, long divisor) {
		return -Math.floorDiv(-dividend, divisor);
	}

	/**
	 * Runs that fell due, by how the scheduler came to them.
	 *
	 * @param inTime reached when due (or within the takeover grace): each is dispatched
	 * @param missed fell due while no scheduler ran: the missed-run policy decides
	 */
	record Backlog(int inTime, int missed) {
	}

}
