package dev.taskora.spring.boot.autoconfigure.schedule;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.taskora.engine.Taskora;
import dev.taskora.engine.schedule.MissedRunPolicy;
import dev.taskora.engine.schedule.Schedule;
import dev.taskora.spring.config.ScheduleDefinitions;
import dev.taskora.spring.config.TaskoraScheduleRegistrar;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Defines the schedules of {@code taskora.schedules.*}; a wrong value is reported with
 * its property. The {@code data} values are written as JSON and read as the task's input
 * type by the app's serializer, so they take the task's own field names.
 */
final class PropertiesScheduleRegistrar implements TaskoraScheduleRegistrar {

	private static final Logger logger = LoggerFactory.getLogger(PropertiesScheduleRegistrar.class);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final TaskoraSchedulesProperties properties;

	PropertiesScheduleRegistrar(TaskoraSchedulesProperties properties) {
		this.properties = properties;
	}

	@Override
	public void registerSchedules(Taskora taskora) {
		this.properties.getSchedules().forEach((name, settings) -> {
			if (settings.isEnabled()) {
				define(taskora, name, settings);
			}
			else {
				logger.info("Schedule '{}' is switched off (taskora.schedules.{}.enabled=false)", name, name);
			}
		});
	}

	private static void define(Taskora taskora, String name, TaskoraSchedulesProperties.Schedule settings) {
		Settings origin = new Settings(name, settings);
		String task = settings.getTask();
		if (task == null || task.isBlank()) {
			throw ScheduleDefinitions.invalid(name, "task", "is not set; name the task each run dispatches", origin,
					null);
		}
		MissedRunPolicy onMissed;
		try {
			onMissed = MissedRunPolicy.parse(settings.getOnMissed());
		}
		catch (IllegalArgumentException ex) {
			throw ScheduleDefinitions.invalid(name, "onMissed", ex.getMessage(), origin, ex);
		}
		String cron = settings.getCron();
		Schedule schedule = Schedule.of(settings.getEvery(), (cron == null || cron.isBlank()) ? null : cron.trim())
			.zone(settings.getZone())
			.overlap(settings.isOverlap())
			.onMissed(onMissed);
		if (!settings.getData().isEmpty()) {
			schedule = schedule.dataJson(origin.dataJson());
		}
		ScheduleDefinitions.define(taskora, name, task.trim(), schedule, origin);
	}

	/** Where the settings of one schedule are written, and their values. */
	private static final class Settings implements ScheduleDefinitions.Origin {

		private final String name;

		private final TaskoraSchedulesProperties.Schedule settings;

		Settings(String name, TaskoraSchedulesProperties.Schedule settings) {
			this.name = name;
			this.settings = settings;
		}

		@Override
		public String setting(String field) {
			String property = switch (field) {
				case "name" -> "";
				case "onMissed" -> ".on-missed";
				default -> "." + field;
			};
			return "taskora.schedules." + this.name + property;
		}

		@Override
		public @Nullable String value(String field) {
			Object value = switch (field) {
				case "task" -> this.settings.getTask();
				case "every" -> this.settings.getEvery();
				case "cron" -> this.settings.getCron();
				case "zone" -> this.settings.getZone();
				case "data" -> this.settings.getData().isEmpty() ? null : dataJson();
				case "overlap" -> this.settings.isOverlap();
				case "onMissed" -> this.settings.getOnMissed();
				default -> null;
			};
			return (value != null) ? value.toString() : null;
		}

		@Override
		public String action(String setting) {
			return "Change " + setting + " in your application's configuration.";
		}

		/**
		 * The data as JSON; lists, which bind as maps indexed 0..n-1, become arrays
		 * again.
		 */
		String dataJson() {
			return JSON.writeValueAsString(plain(this.settings.getData()));
		}

		private static @Nullable Object plain(@Nullable Object value) {
			if (!(value instanceof Map<?, ?> map)) {
				return value;
			}
			boolean indexed = !map.isEmpty();
			int expected = 0;
			for (Object key : map.keySet()) {
				indexed = indexed && String.valueOf(expected++).equals(String.valueOf(key));
			}
			if (indexed) {
				List<@Nullable Object> list = new ArrayList<>(map.size());
				map.values().forEach(item -> list.add(plain(item)));
				return list;
			}
			Map<String, @Nullable Object> copy = new LinkedHashMap<>();
			map.forEach((key, item) -> copy.put(String.valueOf(key), plain(item)));
			return copy;
		}

	}

}
