package dev.taskora.engine.schedule;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

import dev.taskora.engine.Durations;
import org.jspecify.annotations.Nullable;

/**
 * A change to a stored schedule: only what is set here changes. Setting an interval turns
 * a cron schedule into an interval one (dropping its zone); setting a cron expression
 * does the reverse. Immutable; each method returns a changed copy.
 *
 * <pre>{@code
 * taskora.schedules().update("nightly-cleanup", ScheduleUpdate.create().every(Duration.ofHours(2)));
 * }</pre>
 */
public final class ScheduleUpdate {

	private static final ScheduleUpdate NONE = new ScheduleUpdate(null, null, null, false, null, null, null);

	private final @Nullable Duration interval;

	private final @Nullable String cron;

	private final @Nullable String zone;

	private final boolean changesData;

	private final @Nullable Object data;

	private final @Nullable Boolean overlap;

	private final @Nullable MissedRunPolicy onMissed;

	private ScheduleUpdate(@Nullable Duration interval, @Nullable String cron, @Nullable String zone,
			boolean changesData, @Nullable Object data, @Nullable Boolean overlap, @Nullable MissedRunPolicy onMissed) {
		this.interval = interval;
		this.cron = cron;
		this.zone = zone;
		this.changesData = changesData;
		this.data = data;
		this.overlap = overlap;
		this.onMissed = onMissed;
	}

	/** An update that changes nothing yet. */
	public static ScheduleUpdate create() {
		return NONE;
	}

	/** Runs every {@code interval} from now on. */
	public ScheduleUpdate every(Duration interval) {
		return new ScheduleUpdate(Objects.requireNonNull(interval, "interval"), this.cron, this.zone, this.changesData,
				this.data, this.overlap, this.onMissed);
	}

	/**
	 * Runs every {@code interval} given in taskora's form ({@code "30s"}, {@code "2h"}).
	 */
	public ScheduleUpdate every(String interval) {
		return every(Durations.parse(interval));
	}

	/** Runs at the times of a cron expression from now on. */
	public ScheduleUpdate cron(String expression) {
		return new ScheduleUpdate(this.interval, Objects.requireNonNull(expression, "expression"), this.zone,
				this.changesData, this.data, this.overlap, this.onMissed);
	}

	/** Reads cron times in another zone. */
	public ScheduleUpdate zone(ZoneId zone) {
		return zone(zone.getId());
	}

	/** Reads cron times in another zone, by id. */
	public ScheduleUpdate zone(String zone) {
		return new ScheduleUpdate(this.interval, this.cron, Objects.requireNonNull(zone, "zone"), this.changesData,
				this.data, this.overlap, this.onMissed);
	}

	/** Dispatches other data ({@code null}: none). */
	public ScheduleUpdate data(@Nullable Object data) {
		return new ScheduleUpdate(this.interval, this.cron, this.zone, true, data, this.overlap, this.onMissed);
	}

	/** Whether runs may overlap from now on. */
	public ScheduleUpdate overlap(boolean overlap) {
		return new ScheduleUpdate(this.interval, this.cron, this.zone, this.changesData, this.data, overlap,
				this.onMissed);
	}

	/** The missed-run policy from now on. */
	public ScheduleUpdate onMissed(MissedRunPolicy onMissed) {
		return new ScheduleUpdate(this.interval, this.cron, this.zone, this.changesData, this.data, this.overlap,
				Objects.requireNonNull(onMissed, "onMissed"));
	}

	/** The new interval, or {@code null} to keep the timing. */
	public @Nullable Duration interval() {
		return this.interval;
	}

	/** The new cron expression, or {@code null} to keep the timing. */
	public @Nullable String cronExpression() {
		return this.cron;
	}

	/** The new zone, or {@code null} to keep it. */
	public @Nullable String zone() {
		return this.zone;
	}

	/** Whether the data changes (to {@link #data()}). */
	public boolean changesData() {
		return this.changesData;
	}

	/** The new data, when {@link #changesData()}. */
	public @Nullable Object data() {
		return this.data;
	}

	/** The new overlap rule, or {@code null} to keep it. */
	public @Nullable Boolean overlap() {
		return this.overlap;
	}

	/** The new missed-run policy, or {@code null} to keep it. */
	public @Nullable MissedRunPolicy onMissed() {
		return this.onMissed;
	}

}
