package dev.taskora.engine.schedule;

import java.lang.reflect.Type;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.Task;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.contract.PayloadGate;
import dev.taskora.engine.serialize.Serializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A checked schedule definition of this app: the config it stores and the timing of its
 * runs.
 *
 * @param name the schedule's name
 * @param config the config to store
 * @param timing when its runs fall
 */
record Definition(String name, ScheduleConfig config, Timing timing) {

	/** The scheduler's category: one logger to configure for everything schedules say. */
	private static final Logger logger = LoggerFactory.getLogger(Scheduler.class);

	/**
	 * Checks a definition and builds its stored config.
	 * @throws InvalidScheduleException naming the schedule and the field at fault
	 */
	static Definition check(String name, Task<?, ?> task, Schedule schedule, Serializer serializer) {
		if (name.isBlank()) {
			throw new InvalidScheduleException(name, "name", "must not be blank");
		}
		Duration interval = schedule.interval();
		String cron = schedule.cronExpression();
		if (interval != null && cron != null) {
			throw new InvalidScheduleException(name, "every", "and cron are both set; give exactly one");
		}
		Timing timing;
		Long every = null;
		if (interval != null) {
			if (schedule.zone() != null) {
				throw new InvalidScheduleException(name, "zone",
						"applies to cron schedules only, not to every " + interval);
			}
			if (interval.isNegative() || interval.toMillis() < 1) {
				throw new InvalidScheduleException(name, "every", "must be at least 1ms, was " + interval);
			}
			every = interval.toMillis();
			timing = Timing.every(every);
		}
		else if (cron != null) {
			timing = cronTiming(name, cron, schedule.zone());
		}
		else {
			throw new InvalidScheduleException(name, "every", "and cron are both missing; give exactly one");
		}
		Object value = schedule.data();
		String json = schedule.dataJson();
		if (json != null) {
			try {
				value = serializer.deserialize(json, task.inputType().type());
			}
			catch (ValidationException ex) {
				throw new InvalidScheduleException(name, "data", "cannot be read as " + task.inputType()
						+ " (the input of task '" + task.name() + "'): " + ex.getMessage());
			}
		}
		if (value != null && !task.inputType().accepts(value)) {
			throw new InvalidScheduleException(name, "data", "must be " + task.inputType() + " (the input of task '"
					+ task.name() + "'), was " + value.getClass().getName());
		}
		if (value == null && !PayloadGate.acceptsNull(task.inputType().type())) {
			logger.warn(
					"Schedule '{}' has no data, but the input of task '{}' is {}, which does not accept null: "
							+ "the job of each run will fail without running until the schedule gets data",
					name, task.name(), task.inputType());
		}
		JsonNode data = toJson(name, value, serializer);
		ScheduleConfig config = ScheduleConfig.of(task.name(), schedule.overlap(), schedule.onMissed(), data, every,
				cron, schedule.zone());
		return new Definition(name, config, timing);
	}

	/** Checks a cron expression and zone, reporting them as the schedule's fields. */
	static Timing cronTiming(String name, String cron, @Nullable String zone) {
		ZoneId zoneId;
		try {
			zoneId = (zone != null) ? ZoneId.of(zone) : ZoneId.systemDefault();
		}
		catch (DateTimeException ex) {
			throw new InvalidScheduleException(name, "zone", "'" + zone + "' is not a known time zone");
		}
		try {
			return Timing.cron(cron, zoneId);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidScheduleException(name, "cron", Objects.toString(ex.getMessage(), "is not valid"));
		}
	}

	/** The payload as the JSON the config embeds, or {@code null} for none. */
	static @Nullable JsonNode toJson(String name, @Nullable Object data, Serializer serializer) {
		if (data == null) {
			return null;
		}
		String text;
		try {
			text = serializer.serialize(data);
		}
		catch (ValidationException ex) {
			throw new InvalidScheduleException(name, "data", "cannot be serialized: " + ex.getMessage());
		}
		try {
			return ScheduleConfig.JSON.readTree(text);
		}
		catch (JacksonException ex) {
			throw new InvalidScheduleException(name, "data", "must serialize to JSON to be stored in the schedule");
		}
	}

	/**
	 * The stored payload read as {@code type}, or {@code null}.
	 * @throws ValidationException when it does not fit the type
	 */
	static @Nullable Object payload(@Nullable JsonNode data, Type type, Serializer serializer) {
		return (data != null) ? serializer.deserialize(ScheduleConfig.JSON.writeValueAsString(data), type) : null;
	}

	/**
	 * How a run dispatches its payload: a schedule without data is dispatched
	 * unvalidated, so that a task whose input refuses {@code null} gets a stored job that
	 * its worker fails, naming the job and the field, where the run can be seen and
	 * retried.
	 */
	static DispatchOptions dispatchOptions(@Nullable Object data) {
		return (data != null) ? DispatchOptions.none() : DispatchOptions.builder().skipValidation(true).build();
	}

}
