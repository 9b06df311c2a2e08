package dev.taskora.engine.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Next-run computation: intervals keep their cadence, cron follows its zone, backlogs are
 * counted.
 */
class TimingTests {

	private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	/** Two 1 s polls. */
	private static final long WINDOW = 2_000;

	/** A 30 s lock TTL and two 1 s polls. */
	private static final long GRACE = 32_000;

	private static long at(String instant) {
		return Instant.parse(instant).toEpochMilli();
	}

	@Test
	void anIntervalStartsOneIntervalAfterItsDefinitionAndKeepsItsCadenceWhenTicksAreLate() {
		Timing hourly = Timing.every(3_600_000);
		assertThat(hourly.firstRun(at("2025-03-08T12:00:00.250Z"))).isEqualTo(at("2025-03-08T13:00:00.250Z"));
		// due at 13:00, run 400 ms late: the next stays on the grid
		assertThat(hourly.nextRun(at("2025-03-08T13:00:00Z"), at("2025-03-08T13:00:00.400Z")))
			.isEqualTo(at("2025-03-08T14:00:00Z"));
		// due at 13:00, run at 16:30 after an outage: the next grid point after now
		assertThat(hourly.nextRun(at("2025-03-08T13:00:00Z"), at("2025-03-08T16:30:00Z")))
			.isEqualTo(at("2025-03-08T17:00:00Z"));
	}

	@Test
	void fiveFieldCronRunsInItsZoneAcrossTheSpringForwardChange() {
		Timing weekdays = Timing.cron("0 9 * * 1-5", NEW_YORK);
		// Friday 2025-03-07 10:00 New York (EST) -> Monday 2025-03-10 09:00 (EDT, after
		// the change on the 9th)
		long friday = at("2025-03-07T15:00:00Z");
		long monday = weekdays.firstRun(friday);
		assertThat(Instant.ofEpochMilli(monday)).isEqualTo(Instant.parse("2025-03-10T13:00:00Z"));
		assertThat(Instant.ofEpochMilli(weekdays.nextRun(monday, monday + 5)))
			.isEqualTo(Instant.parse("2025-03-11T13:00:00Z"));
	}

	@Test
	void sixFieldCronHasSecondsFirstAndIgnoresSubSecondParts() {
		Timing everySecond = Timing.cron("* * * * * *", ZoneOffset.UTC);
		assertThat(everySecond.firstRun(at("2025-03-08T12:00:00.500Z"))).isEqualTo(at("2025-03-08T12:00:01Z"));
		assertThat(everySecond.firstRun(at("2025-03-08T12:00:00Z"))).isEqualTo(at("2025-03-08T12:00:01Z"));
		Timing everyFive = Timing.cron("*/5 * * * * *", ZoneOffset.UTC);
		assertThat(everyFive.firstRun(at("2025-03-08T12:00:01Z"))).isEqualTo(at("2025-03-08T12:00:05Z"));
	}

	@Test
	void cronAcceptsNamesSundayAsZeroOrSevenLastDaysAndNicknames() {
		long saturday = at("2025-03-08T12:00:00Z");
		assertThat(Timing.cron("0 0 * * 7", ZoneOffset.UTC).firstRun(saturday)).isEqualTo(at("2025-03-09T00:00:00Z"));
		assertThat(Timing.cron("0 0 * * SUN", ZoneOffset.UTC).firstRun(saturday)).isEqualTo(at("2025-03-09T00:00:00Z"));
		assertThat(Timing.cron("0 0 * * 0", ZoneOffset.UTC).firstRun(saturday)).isEqualTo(at("2025-03-09T00:00:00Z"));
		assertThat(Timing.cron("0 0 L * *", ZoneOffset.UTC).firstRun(saturday)).isEqualTo(at("2025-03-31T00:00:00Z"));
		assertThat(Timing.cron("0 0 * * 5L", ZoneOffset.UTC).firstRun(saturday)).isEqualTo(at("2025-03-28T00:00:00Z"));
		assertThat(Timing.cron("@daily", ZoneOffset.UTC).firstRun(saturday)).isEqualTo(at("2025-03-09T00:00:00Z"));
		assertThat(Timing.cron("@hourly", ZoneOffset.UTC).firstRun(saturday)).isEqualTo(at("2025-03-08T13:00:00Z"));
		// day of month and day of week both restricted: either matches, as in Unix cron
		assertThat(Timing.cron("0 0 13 * 5", ZoneOffset.UTC).firstRun(saturday)).isEqualTo(at("2025-03-13T00:00:00Z"));
		assertThat(Timing.cron("0 0 9 ? * MON", ZoneOffset.UTC).firstRun(saturday))
			.isEqualTo(at("2025-03-10T09:00:00Z"));
	}

	@Test
	void invalidCronExpressionsAreRejectedSayingWhy() {
		assertThatThrownBy(() -> Timing.cron("1 2 3", ZoneOffset.UTC)).hasMessageContaining("3 fields");
		assertThatThrownBy(() -> Timing.cron("61 * * * *", ZoneOffset.UTC)).hasMessageContaining("61");
		assertThatThrownBy(() -> Timing.cron("* * * * 8", ZoneOffset.UTC)).hasMessageContaining("8");
		assertThatThrownBy(() -> Timing.cron("a b c d e", ZoneOffset.UTC)).hasMessageContaining("not a valid cron");
		assertThatThrownBy(() -> Timing.cron("  ", ZoneOffset.UTC)).hasMessageContaining("empty");
		assertThatThrownBy(() -> Timing.cron("0 0 31 2 *", ZoneOffset.UTC)).hasMessageContaining("never matches");
		assertThatThrownBy(() -> Timing.every(0)).hasMessageContaining("positive");
	}

	@Test
	void runsReachedWithinTheWindowAreInTimeAndEarlierOnesMissed() {
		Timing hourly = Timing.every(3_600_000);
		long due = at("2025-03-08T13:00:00Z");
		// reached 200 ms late by a running scheduler
		assertThat(hourly.backlog(due, due + 200, WINDOW, GRACE, 100)).isEqualTo(new Timing.Backlog(1, 0));
		// after a 9-hour outage: the runs from 13:00 to 22:00 were all missed
		long back = at("2025-03-08T22:00:40Z");
		assertThat(hourly.backlog(due, back, WINDOW, GRACE, 100)).isEqualTo(new Timing.Backlog(0, 10));
		assertThat(hourly.backlog(due, back, WINDOW, GRACE, 3)).isEqualTo(new Timing.Backlog(0, 3));
		assertThat(hourly.backlog(due, back, WINDOW, GRACE, 0)).isEqualTo(new Timing.Backlog(0, 0));

		Timing cronHourly = Timing.cron("0 * * * *", ZoneOffset.UTC);
		assertThat(cronHourly.backlog(due, due + 200, WINDOW, GRACE, 100)).isEqualTo(new Timing.Backlog(1, 0));
		assertThat(cronHourly.backlog(due, back, WINDOW, GRACE, 100)).isEqualTo(new Timing.Backlog(0, 10));
		assertThat(cronHourly.backlog(due, back, WINDOW, GRACE, 4)).isEqualTo(new Timing.Backlog(0, 4));
		// due at a time off the cron's grid (a lease that ran out): it counts, and the
		// grid points after it
		assertThat(cronHourly.backlog(due + 20_000, at("2025-03-08T15:30:00Z"), WINDOW, GRACE, 100))
			.isEqualTo(new Timing.Backlog(0, 3));
		Timing weekdays = Timing.cron("0 9 * * 1-5", ZoneOffset.UTC);
		// Friday 09:00 due, now Tuesday 10:00: Friday, Monday, Tuesday were missed
		assertThat(weekdays.backlog(at("2025-03-07T09:00:00Z"), at("2025-03-11T10:00:00Z"), WINDOW, GRACE, 100))
			.isEqualTo(new Timing.Backlog(0, 3));
	}

	@Test
	void theLatestRunIsInTimeWhenReachedWithinTheTakeoverGrace() {
		// a leader died: another reaches the 13:00 run 20 s late, within the lock TTL and
		// two ticks
		Timing hourly = Timing.every(3_600_000);
		long due = at("2025-03-08T13:00:00Z");
		assertThat(hourly.backlog(due, due + 20_000, WINDOW, GRACE, 100)).isEqualTo(new Timing.Backlog(1, 0));
		assertThat(hourly.backlog(due, due + 40_000, WINDOW, GRACE, 100)).isEqualTo(new Timing.Backlog(0, 1));
		Timing cronHourly = Timing.cron("0 * * * *", ZoneOffset.UTC);
		assertThat(cronHourly.backlog(due, due + 20_000, WINDOW, GRACE, 0)).isEqualTo(new Timing.Backlog(1, 0));
		// a one-second schedule through the same takeover: the runs of the last two
		// seconds are in time
		Timing everySecond = Timing.every(1_000);
		assertThat(everySecond.backlog(due, due + 20_500, WINDOW, GRACE, 100)).isEqualTo(new Timing.Backlog(2, 19));
		Timing cronEverySecond = Timing.cron("* * * * * *", ZoneOffset.UTC);
		assertThat(cronEverySecond.backlog(due, due + 20_500, WINDOW, GRACE, 100)).isEqualTo(new Timing.Backlog(2, 19));
		assertThat(cronEverySecond.backlog(due, due + 20_500, WINDOW, GRACE, 5)).isEqualTo(new Timing.Backlog(2, 5));
		// a minutely schedule reached 20 s late: its latest run is in time through the
		// grace
		Timing minutely = Timing.every(60_000);
		assertThat(minutely.backlog(due, due + 120_000 + 20_000, WINDOW, GRACE, 100))
			.isEqualTo(new Timing.Backlog(1, 2));
	}

	@Test
	void severalRunsReachedWithinTheWindowAreAllInTime() {
		// a 100 ms schedule whose tick came 250 ms late: three runs, all within two 1 s
		// polls
		Timing fast = Timing.every(100);
		long due = at("2025-03-08T13:00:00Z");
		assertThat(fast.backlog(due, due + 250, WINDOW, GRACE, 0)).isEqualTo(new Timing.Backlog(3, 0));
		Timing everySecond = Timing.cron("* * * * * *", ZoneOffset.UTC);
		assertThat(everySecond.backlog(due, due + 1_500, WINDOW, GRACE, 0)).isEqualTo(new Timing.Backlog(2, 0));
	}

}
