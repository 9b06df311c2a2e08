package dev.taskora.engine.schedule;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A schedule's stored config: taskora's JSON object
 * {@code {"task","overlap","onMissed","data"?,"every"?|"cron","timezone"?,"lastJobId"?,"lastRun"?}},
 * in that field order. Read leniently, the way Node's scheduler reads it, because Node
 * processes write it too: fields this engine does not know are kept. Immutable.
 */
final class ScheduleConfig {

	/** Keeps numbers in {@code data} as written (no detour through double). */
	static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private final ObjectNode node;

	private ScheduleConfig(ObjectNode node) {
		this.node = node;
	}

	/**
	 * A config for a new definition, as Node's {@code toStoredConfig} writes it.
	 * @param every the interval in ms, or {@code null} for a cron schedule
	 */
	static ScheduleConfig of(String task, boolean overlap, MissedRunPolicy onMissed, @Nullable JsonNode data,
			@Nullable Long every, @Nullable String cron, @Nullable String timezone) {
		ObjectNode node = JSON.createObjectNode();
		node.put("task", task);
		node.put("overlap", overlap);
		node.put("onMissed", onMissed.toString());
		if (data != null) {
			node.set("data", data);
		}
		if (every != null) {
			node.put("every", every.longValue());
		}
		else {
			node.put("cron", Objects.requireNonNull(cron, "cron"));
			if (timezone != null) {
				node.put("timezone", timezone);
			}
		}
		return new ScheduleConfig(node);
	}

	/**
	 * Reads a stored config.
	 * @throws IllegalArgumentException when it is not a JSON object naming a task
	 */
	static ScheduleConfig parse(String json) {
		JsonNode node;
		try {
			node = JSON.readTree(json);
		}
		catch (JacksonException ex) {
			throw new IllegalArgumentException("config is not JSON: " + ex.getOriginalMessage(), ex);
		}
		if (!(node instanceof ObjectNode object) || !node.path("task").isString()) {
			throw new IllegalArgumentException("config is not a JSON object with a task");
		}
		return new ScheduleConfig(object);
	}

	String task() {
		return this.node.path("task").stringValue();
	}

	/**
	 * Whether a run may start while the previous one is unfinished. Node skips only when
	 * the field is exactly {@code false}; a config without it allows overlap.
	 */
	boolean overlap() {
		JsonNode overlap = this.node.path("overlap");
		return !(overlap.isBoolean() && !overlap.booleanValue());
	}

	/**
	 * The stored policy; anything Node does not know as a policy runs as skip, as it does
	 * there.
	 */
	MissedRunPolicy onMissed() {
		JsonNode onMissed = this.node.path("onMissed");
		if (!onMissed.isString()) {
			return MissedRunPolicy.skip();
		}
		try {
			return MissedRunPolicy.parse(onMissed.stringValue());
		}
		catch (IllegalArgumentException ex) {
			return MissedRunPolicy.skip();
		}
	}

	/** Why the stored policy is not understood, or {@code null}. */
	@Nullable String onMissedProblem() {
		JsonNode onMissed = this.node.path("onMissed");
		if (onMissed.isMissingNode() || onMissed.isNull()) {
			return null;
		}
		try {
			MissedRunPolicy.parse(onMissed.asString());
			return null;
		}
		catch (IllegalArgumentException ex) {
			return "onMissed " + onMissed + " is not a policy; it runs as skip";
		}
	}

	/**
	 * The fixed payload as JSON, or {@code null} when there is none (runs dispatch
	 * {@code null}).
	 */
	@Nullable JsonNode data() {
		JsonNode data = this.node.get("data");
		return (data == null || data.isNull()) ? null : data;
	}

	/**
	 * The interval in ms of an interval schedule (Node reads {@code every} before
	 * {@code cron}), else null.
	 */
	@Nullable Long every() {
		JsonNode every = this.node.path("every");
		if (every.isMissingNode() || every.isNull() || (every.isNumber() && every.asLong() == 0)) {
			return null;
		}
		return every.isNumber() ? every.asLong() : -1L;
	}

	@Nullable String cron() {
		JsonNode cron = this.node.path("cron");
		return (cron.isString() && !cron.stringValue().isEmpty()) ? cron.stringValue() : null;
	}

	@Nullable String timezone() {
		JsonNode timezone = this.node.path("timezone");
		return (timezone.isString() && !timezone.stringValue().isEmpty()) ? timezone.stringValue() : null;
	}

	@Nullable String lastJobId() {
		JsonNode id = this.node.path("lastJobId");
		return (id.isString() && !id.stringValue().isEmpty()) ? id.stringValue() : null;
	}

	@Nullable Long lastRun() {
		JsonNode lastRun = this.node.path("lastRun");
		return (lastRun.isNumber() && lastRun.asLong() > 0) ? lastRun.asLong() : null;
	}

	/**
	 * When the runs fall.
	 * @throws IllegalArgumentException naming the field that makes it impossible to tell
	 */
	Timing timing() {
		Long every = every();
		if (every != null) {
			try {
				return Timing.every(every);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"every " + this.node.path("every") + " is not a positive number of ms");
			}
		}
		String cron = cron();
		if (cron == null) {
			throw new IllegalArgumentException("config has neither every nor cron");
		}
		ZoneId zone;
		try {
			zone = (timezone() != null) ? ZoneId.of(timezone()) : ZoneId.systemDefault();
		}
		catch (DateTimeException ex) {
			throw new IllegalArgumentException("timezone '" + timezone() + "' is not a known zone");
		}
		try {
			return Timing.cron(cron, zone);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("cron " + ex.getMessage(), ex);
		}
	}

	/** Whether both configs time their runs the same way. */
	boolean sameTimingAs(ScheduleConfig other) {
		return Objects.equals(every(), other.every()) && Objects.equals(cron(), other.cron())
				&& Objects.equals(timezone(), other.timezone());
	}

	/** This config after a run at {@code now}, as Node records it. */
	ScheduleConfig withRun(@Nullable String lastJobId, long now) {
		ObjectNode copy = this.node.deepCopy();
		if (lastJobId != null) {
			copy.put("lastJobId", lastJobId);
		}
		else {
			copy.putNull("lastJobId");
		}
		copy.put("lastRun", now);
		return new ScheduleConfig(copy);
	}

	/**
	 * This config carrying the last run recorded in {@code other} (a fresh definition
	 * keeps its history).
	 */
	ScheduleConfig withLastRunOf(ScheduleConfig other) {
		Long lastRun = other.lastRun();
		return (lastRun != null) ? withRun(other.lastJobId(), lastRun) : this;
	}

	/** This config with its timing, data and rules changed as {@code update} says. */
	ScheduleConfig with(ScheduleUpdate update, @Nullable JsonNode data) {
		ObjectNode copy = this.node.deepCopy();
		if (update.interval() != null) {
			copy.put("every", update.interval().toMillis());
			copy.remove("cron");
			copy.remove("timezone");
		}
		if (update.cronExpression() != null) {
			copy.put("cron", update.cronExpression());
			copy.remove("every");
		}
		if (update.zone() != null) {
			copy.put("timezone", update.zone());
		}
		if (update.overlap() != null) {
			copy.put("overlap", update.overlap().booleanValue());
		}
		if (update.onMissed() != null) {
			copy.put("onMissed", update.onMissed().toString());
		}
		if (update.changesData()) {
			if (data != null) {
				copy.set("data", data);
			}
			else {
				copy.remove("data");
			}
		}
		return new ScheduleConfig(copy);
	}

	/** The JSON text, compact like {@code JSON.stringify}. */
	String json() {
		return JSON.writeValueAsString(this.node);
	}

	@Override
	public String toString() {
		return json();
	}

}
