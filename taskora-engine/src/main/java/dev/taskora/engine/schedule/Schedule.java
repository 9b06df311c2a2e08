package dev.taskora.engine.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

import dev.taskora.engine.Durations;
import org.jspecify.annotations.Nullable;

/**
 * When and how a task runs on a schedule: every fixed interval or on a cron expression
 * (in a time zone), with fixed data, an overlap rule and a {@link MissedRunPolicy}.
 * Immutable; each method returns a changed copy. Nothing is checked here: defining the
 * schedule ({@link dev.taskora.engine.Taskora#schedule}) checks everything and names the
 * schedule and the field in its {@link InvalidScheduleException}.
 *
 * <pre>{@code
 * taskora.schedule("nightly-cleanup", "cleanup-expired", Schedule.cron("0 3 * * *")
 *     .zone("Europe/Berlin")
 *     .data(new Cleanup(Duration.ofDays(30)))
 *     .onMissed(MissedRunPolicy.catchUpLimit(3)));
 * }</pre>
 *
 * A cron expression has 5 fields (minute, hour, day of month, month, day of week) or 6
 * with seconds first, as taskora accepts; names ({@code MON-FRI}, {@code JAN}),
 * {@code L}, {@code W}, {@code #} and the nicknames {@code @hourly}, {@code @daily},
 * {@code @weekly}, {@code @monthly}, {@code @yearly} work. Without a zone, cron times are
 * read in the JVM's default zone, as Node taskora reads them in the process's local zone.
 */
public final class Schedule {

	private final @Nullable Duration interval;

	private final @Nullable String cron;

	private final @Nullable String zone;

	private final @Nullable Object data;

	private final @Nullable String dataJson;

	private final boolean overlap;

	private final MissedRunPolicy onMissed;

	private Schedule(@Nullable Duration interval, @Nullable String cron, @Nullable String zone, @Nullable Object data,
			@Nullable String dataJson, boolean overlap, MissedRunPolicy onMissed) {
		this.interval = interval;
		this.cron = cron;
		this.zone = zone;
		this.data = data;
		this.dataJson = dataJson;
		this.overlap = overlap;
		this.onMissed = onMissed;
	}

	/**
	 * Runs every {@code interval}, the first time one interval after the schedule is
	 * defined.
	 */
	public static Schedule every(Duration interval) {
		return new Schedule(Objects.requireNonNull(interval, "interval must not be null"), null, null, null, null,
				false, MissedRunPolicy.skip());
	}

	/**
	 * Runs every {@code interval} given in taskora's form ({@code "30s"}, {@code "5m"},
	 * {@code "6h"}, {@code "1d"}, plain milliseconds, or ISO-8601).
	 * @throws IllegalArgumentException naming the value when it is not a duration
	 */
	public static Schedule every(String interval) {
		return every(Durations.parse(interval));
	}

	/** Runs at the times a cron expression matches. */
	public static Schedule cron(String expression) {
		return new Schedule(null, Objects.requireNonNull(expression, "expression must not be null"), null, null, null,
				false, MissedRunPolicy.skip());
	}

	/**
	 * A schedule from loose settings (properties, annotations), exactly one of which must
	 * be given; giving both or neither is reported when the schedule is defined.
	 */
	public static Schedule of(@Nullable Duration every, @Nullable String cron) {
		return new Schedule(every, cron, null, null, null, false, MissedRunPolicy.skip());
	}

	/** The time zone cron times are read in (a cron schedule only). */
	public Schedule zone(@Nullable ZoneId zone) {
		return zone((zone != null) ? zone.getId() : null);
	}

	/**
	 * The time zone cron times are read in, by id ({@code "America/New_York"},
	 * {@code "UTC"}).
	 */
	public Schedule zone(@Nullable String zone) {
		return new Schedule(this.interval, this.cron, zone, this.data, this.dataJson, this.overlap, this.onMissed);
	}

	/**
	 * The payload every run dispatches (default {@code null}); must be the task's input
	 * type.
	 */
	public Schedule data(@Nullable Object data) {
		return new Schedule(this.interval, this.cron, this.zone, data, null, this.overlap, this.onMissed);
	}

	/**
	 * The payload every run dispatches, as JSON text that the app's serializer reads as
	 * the task's input type when the schedule is defined
	 * ({@code "{\"olderThan\":\"30d\"}"}): for settings written as text (properties,
	 * annotations).
	 */
	public Schedule dataJson(@Nullable String json) {
		return new Schedule(this.interval, this.cron, this.zone, null, json, this.overlap, this.onMissed);
	}

	/**
	 * Whether a run is dispatched while the previous run's job has not finished yet
	 * (default {@code false}: such a run is skipped).
	 */
	public Schedule overlap(boolean overlap) {
		return new Schedule(this.interval, this.cron, this.zone, this.data, this.dataJson, overlap, this.onMissed);
	}

	/**
	 * What to do about runs missed while no scheduler ran (default
	 * {@link MissedRunPolicy#skip()}).
	 */
	public Schedule onMissed(MissedRunPolicy onMissed) {
		return new Schedule(this.interval, this.cron, this.zone, this.data, this.dataJson, this.overlap,
				Objects.requireNonNull(onMissed, "onMissed must not be null"));
	}

	/** The interval of an interval schedule, else {@code null}. */
	public @Nullable Duration interval() {
		return this.interval;
	}

	/** The expression of a cron schedule, else {@code null}. */
	public @Nullable String cronExpression() {
		return this.cron;
	}

	/** The zone id cron times are read in, or {@code null} for the JVM's default zone. */
	public @Nullable String zone() {
		return this.zone;
	}

	/** The payload every run dispatches, or {@code null}. */
	public @Nullable Object data() {
		return this.data;
	}

	/** The payload as JSON text given to {@link #dataJson(String)}, or {@code null}. */
	public @Nullable String dataJson() {
		return this.dataJson;
	}

	/** Whether a run is dispatched while the previous run's job has not finished. */
	public boolean overlap() {
		return this.overlap;
	}

	/** What to do about runs missed while no scheduler ran. */
	public MissedRunPolicy onMissed() {
		return this.onMissed;
	}

	@Override
	public String toString() {
		String timing = (this.interval != null) ? "every " + this.interval
				: "cron '" + this.cron + "'" + ((this.zone != null) ? " in " + this.zone : "");
		return "Schedule[" + timing + ", overlap=" + this.overlap + ", onMissed=" + this.onMissed + "]";
	}

}
