package dev.taskora.spring.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import dev.taskora.engine.Durations;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.schedule.MissedRunPolicy;
import dev.taskora.engine.schedule.Schedule;
import dev.taskora.spring.annotation.TaskSchedule;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.PlaceholderResolutionException;

/**
 * Defines the schedule of a {@link TaskSchedule} annotation on a consumer's task,
 * resolving placeholders first; a wrong attribute is reported with the bean and the
 * attribute.
 */
final class TaskScheduleAttributes implements ScheduleDefinitions.Origin {

	private static final Logger logger = LoggerFactory.getLogger(TaskScheduleAttributes.class);

	/**
	 * What {@code every} or {@code cron} resolves to when the schedule is switched off.
	 */
	private static final String DISABLED = "-";

	private final TaskSchedule annotation;

	private final UnaryOperator<String> resolver;

	private final String beanName;

	private final Class<?> beanType;

	private final String task;

	private final Map<String, String> resolved = new HashMap<>();

	private String name = "";

	TaskScheduleAttributes(TaskSchedule annotation, UnaryOperator<String> resolver, String beanName, Class<?> beanType,
			String task) {
		this.annotation = annotation;
		this.resolver = resolver;
		this.beanName = beanName;
		this.beanType = beanType;
		this.task = task;
	}

	/**
	 * Defines the schedule on the app, unless {@code every} or {@code cron} is
	 * {@code "-"}.
	 * @throws InvalidTaskoraScheduleException naming the attribute at fault
	 */
	void defineOn(Taskora taskora) {
		String named = resolve("name", this.annotation.name());
		this.name = named.isEmpty() ? this.task : named;
		String every = resolve("every", this.annotation.every());
		String cron = resolve("cron", this.annotation.cron());
		if (every.equals(DISABLED) || cron.equals(DISABLED)) {
			logger.info("Schedule '{}' of task '{}' is switched off (@TaskSchedule on {})", this.name, this.task,
					this.beanType.getName());
			return;
		}
		String zone = resolve("zone", this.annotation.zone());
		String data = resolve("data", this.annotation.data());
		Schedule schedule = Schedule.of(interval(every), cron.isEmpty() ? null : cron)
			.zone(zone.isEmpty() ? null : zone)
			.overlap(overlap(resolve("overlap", this.annotation.overlap())))
			.onMissed(onMissed(resolve("onMissed", this.annotation.onMissed())));
		if (!data.isEmpty()) {
			schedule = schedule.dataJson(data);
		}
		ScheduleDefinitions.define(taskora, this.name, this.task, schedule, this);
	}

	private @Nullable Duration interval(String every) {
		if (every.isEmpty()) {
			return null;
		}
		try {
			return Durations.parse(every);
		}
		catch (IllegalArgumentException ex) {
			throw invalid("every", "'" + every + "' is not a duration such as 30s, 5m, 6h, 1d or PT6H", ex);
		}
	}

	private boolean overlap(String overlap) {
		String value = overlap.toLowerCase(Locale.ROOT);
		if (value.isEmpty() || value.equals("false")) {
			return false;
		}
		if (value.equals("true")) {
			return true;
		}
		throw invalid("overlap", "'" + overlap + "' is not true or false", null);
	}

	private MissedRunPolicy onMissed(String onMissed) {
		if (onMissed.isEmpty()) {
			return MissedRunPolicy.skip();
		}
		try {
			return MissedRunPolicy.parse(onMissed);
		}
		catch (IllegalArgumentException ex) {
			throw invalid("onMissed", ex.getMessage(), ex);
		}
	}

	private String resolve(String attribute, String value) {
		if (value.isEmpty()) {
			return value;
		}
		String result;
		try {
			result = this.resolver.apply(value);
		}
		catch (IllegalArgumentException ex) {
			this.resolved.put(attribute, value);
			String reason = (ex instanceof PlaceholderResolutionException placeholder)
					? "its placeholder '" + placeholder.getPlaceholder() + "' cannot be resolved"
					: "it cannot be resolved: " + ex.getMessage();
			throw invalid(attribute, reason, ex);
		}
		String trimmed = (result != null) ? result.trim() : "";
		this.resolved.put(attribute, trimmed);
		return trimmed;
	}

	private InvalidTaskoraScheduleException invalid(String field, @Nullable String reason, @Nullable Throwable cause) {
		String schedule = this.name.isEmpty() ? this.task : this.name;
		return ScheduleDefinitions.invalid(schedule, field, reason, this, cause);
	}

	@Override
	public String setting(String field) {
		return "@TaskSchedule attribute '" + field + "' on bean '" + this.beanName + "' (" + this.beanType.getName()
				+ ")";
	}

	@Override
	public @Nullable String value(String field) {
		String value = this.resolved.get(field);
		return (value == null || value.isEmpty()) ? null : value;
	}

	@Override
	public String action(String setting) {
		return "Fix " + setting + ".";
	}

}
