package dev.taskora.spring.boot.autoconfigure.schedule;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Named schedules under {@code taskora.schedules.<name>.*}, each running a task every
 * interval or on a cron expression. Their values are checked when the schedules are
 * defined, once the tasks exist; a wrong one stops startup with an analysis naming the
 * schedule and the property.
 *
 * <pre>{@code
 * taskora:
 *   schedules:
 *     nightly-cleanup:
 *       task: cleanup-expired
 *       cron: "0 3 * * *"
 *       zone: Europe/Berlin
 *       data:
 *         olderThan: 30d
 * }</pre>
 */
@ConfigurationProperties("taskora")
public class TaskoraSchedulesProperties {

	/**
	 * Named schedules, each running a task every interval or on a cron expression.
	 */
	private final Map<String, Schedule> schedules = new LinkedHashMap<>();

	public Map<String, Schedule> getSchedules() {
		return this.schedules;
	}

	/** A named schedule. */
	public static class Schedule {

		/**
		 * Whether the schedule is defined.
		 */
		private boolean enabled = true;

		/**
		 * Name of the task each run dispatches.
		 */
		private @Nullable String task;

		/**
		 * Interval between runs (30s, 5m, 6h, 1d); set this or cron.
		 */
		private @Nullable Duration every;

		/**
		 * Cron expression: 5 fields (minute hour day-of-month month day-of-week) or 6
		 * with seconds first; set this or every.
		 */
		private @Nullable String cron;

		/**
		 * Time zone id the cron expression is read in (Europe/Berlin, UTC); the JVM's
		 * default zone when not set.
		 */
		private @Nullable String zone;

		/**
		 * Payload of every run, the task's input as named values (nested objects and
		 * lists allowed), read as the task's input type.
		 */
		private Map<String, Object> data = new LinkedHashMap<>();

		/**
		 * Whether a run is dispatched while the job of the previous run has not finished.
		 */
		private boolean overlap;

		/**
		 * What to do about runs missed while no scheduler ran: skip (none of them),
		 * catch-up (all) or catch-up-limit:N (at most N).
		 */
		private String onMissed = "skip";

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable String getTask() {
			return this.task;
		}

		public void setTask(@Nullable String task) {
			this.task = task;
		}

		public @Nullable Duration getEvery() {
			return this.every;
		}

		public void setEvery(@Nullable Duration every) {
			this.every = every;
		}

		public @Nullable String getCron() {
			return this.cron;
		}

		public void setCron(@Nullable String cron) {
			this.cron = cron;
		}

		public @Nullable String getZone() {
			return this.zone;
		}

		public void setZone(@Nullable String zone) {
			this.zone = zone;
		}

		public Map<String, Object> getData() {
			return this.data;
		}

		public void setData(Map<String, Object> data) {
			this.data = data;
		}

		public boolean isOverlap() {
			return this.overlap;
		}

		public void setOverlap(boolean overlap) {
			this.overlap = overlap;
		}

		public String getOnMissed() {
			return this.onMissed;
		}

		public void setOnMissed(String onMissed) {
			this.onMissed = onMissed;
		}

	}

}
