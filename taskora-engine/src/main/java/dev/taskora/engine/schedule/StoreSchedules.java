package dev.taskora.engine.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.TaskoraException;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.adapter.StoredSchedule;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import static dev.taskora.engine.internal.Futures.join;

/**
 * The {@link Schedules} of an app, over its adapter's schedule store. Writes that depend
 * on what is stored are compare-and-set, retried a few times when a concurrent write got
 * in between.
 */
final class StoreSchedules implements Schedules {

	private static final int ATTEMPTS = 5;

	private final Scheduler scheduler;

	StoreSchedules(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	@Override
	public List<ScheduleInfo> list() {
		this.scheduler.storeDefinitions();
		List<ScheduleInfo> all = new ArrayList<>();
		for (StoredSchedule stored : join(this.scheduler.store().list())) {
			all.add(info(stored));
		}
		all.sort(Comparator.comparing(ScheduleInfo::name));
		return all;
	}

	@Override
	public Optional<ScheduleInfo> find(String name) {
		this.scheduler.storeDefinitions();
		StoredSchedule stored = join(this.scheduler.store().get(name));
		return Optional.ofNullable((stored != null) ? info(stored) : null);
	}

	@Override
	public void pause(String name) {
		this.scheduler.storeDefinitions();
		if (!join(this.scheduler.store().pause(name))) {
			throw new NoSuchScheduleException(name);
		}
	}

	@Override
	public void resume(String name) {
		StoredSchedule stored = require(name);
		Timing timing = storedTiming(name, stored);
		if (!join(this.scheduler.store().resume(name, timing.firstRun(now())))) {
			throw new NoSuchScheduleException(name);
		}
	}

	@Override
	public void update(String name, ScheduleUpdate update) {
		Duration interval = update.interval();
		if (interval != null && update.cronExpression() != null) {
			throw new InvalidScheduleException(name, "every", "and cron are both set; give exactly one");
		}
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			StoredSchedule stored = require(name);
			ScheduleConfig current = storedConfig(name, stored);
			JsonNode data = null;
			if (update.changesData()) {
				Task<?, ?> task = this.scheduler.task(current.task());
				Object value = update.data();
				if (value != null && task != null && !task.inputType().accepts(value)) {
					throw new InvalidScheduleException(name, "data", "must be " + task.inputType()
							+ " (the input of task '" + task.name() + "'), was " + value.getClass().getName());
				}
				data = Definition.toJson(name, value, this.scheduler.serializer());
			}
			ScheduleConfig changed = current.with(update, data);
			Timing timing = checkedTiming(name, changed);
			if (join(this.scheduler.store().replace(name, stored.config(), changed.json(), timing.firstRun(now())))) {
				return;
			}
		}
		throw new TaskoraException("Schedule '" + name + "' kept changing while it was being updated");
	}

	@Override
	public boolean remove(String name) {
		this.scheduler.storeDefinitions();
		return join(this.scheduler.store().remove(name));
	}

	@Override
	public ResultHandle<?> trigger(String name) {
		StoredSchedule stored = require(name);
		ScheduleConfig config = storedConfig(name, stored);
		Task<?, ?> task = this.scheduler.task(config.task());
		if (task == null) {
			throw new TaskoraException("Schedule '" + name + "' cannot be triggered here: its task '" + config.task()
					+ "' is not defined in this process");
		}
		Object data = Definition.payload(config.data(), task.inputType().type(), this.scheduler.serializer());
		@SuppressWarnings("unchecked")
		Task<Object, ?> typed = (Task<Object, ?>) task;
		ResultHandle<?> handle = typed.dispatch(data, Definition.dispatchOptions(data));
		join(handle.enqueued());
		return handle;
	}

	@Override
	public boolean isLeader() {
		return this.scheduler.isLeader();
	}

	private StoredSchedule require(String name) {
		this.scheduler.storeDefinitions();
		StoredSchedule stored = join(this.scheduler.store().get(name));
		if (stored == null) {
			throw new NoSuchScheduleException(name);
		}
		return stored;
	}

	private long now() {
		return this.scheduler.clock().millis();
	}

	private static ScheduleConfig storedConfig(String name, StoredSchedule stored) {
		try {
			return ScheduleConfig.parse(stored.config());
		}
		catch (IllegalArgumentException ex) {
			throw new TaskoraException("Schedule '" + name + "' has a stored " + ex.getMessage(), ex);
		}
	}

	private static Timing storedTiming(String name, StoredSchedule stored) {
		try {
			return storedConfig(name, stored).timing();
		}
		catch (IllegalArgumentException ex) {
			throw new TaskoraException("Schedule '" + name + "' cannot run: " + ex.getMessage(), ex);
		}
	}

	/** The timing of a changed config, with its faults named as the schedule's fields. */
	private static Timing checkedTiming(String name, ScheduleConfig config) {
		Long every = config.every();
		if (every != null) {
			if (config.timezone() != null) {
				throw new InvalidScheduleException(name, "zone",
						"applies to cron schedules only, not to every " + Duration.ofMillis(every));
			}
			if (every < 1) {
				throw new InvalidScheduleException(name, "every", "must be at least 1ms");
			}
			return Timing.every(every);
		}
		String cron = config.cron();
		if (cron == null) {
			throw new InvalidScheduleException(name, "every", "and cron are both missing; give exactly one");
		}
		return Definition.cronTiming(name, cron, config.timezone());
	}

	private ScheduleInfo info(StoredSchedule stored) {
		Instant nextRun = (stored.nextRun() != null) ? Instant.ofEpochMilli(stored.nextRun()) : null;
		ScheduleConfig config;
		try {
			config = ScheduleConfig.parse(stored.config());
		}
		catch (IllegalArgumentException ex) {
			return new ScheduleInfo(stored.name(), "", Schedule.of(null, null), nextRun, null, null, stored.paused(),
					"its " + ex.getMessage());
		}
		List<String> problems = new ArrayList<>();
		Task<?, ?> task = this.scheduler.task(config.task());
		if (task == null) {
			problems.add("task '" + config.task() + "' is not defined in this process");
		}
		try {
			config.timing();
		}
		catch (IllegalArgumentException ex) {
			problems.add(ex.getMessage());
		}
		String onMissed = config.onMissedProblem();
		if (onMissed != null) {
			problems.add(onMissed);
		}
		Object data = null;
		if (task != null) {
			try {
				data = Definition.payload(config.data(), task.inputType().type(), this.scheduler.serializer());
			}
			catch (ValidationException ex) {
				problems.add("its data does not fit task '" + task.name() + "': " + ex.getMessage());
			}
		}
		if (data == null && config.data() != null) {
			try {
				data = Definition.payload(config.data(), Object.class, this.scheduler.serializer());
			}
			catch (ValidationException ex) {
				problems.add("its data cannot be read: " + ex.getMessage());
			}
		}
		Long every = config.every();
		Schedule schedule = Schedule.of((every != null) ? Duration.ofMillis(every) : null, config.cron())
			.zone(config.timezone())
			.data(data)
			.overlap(config.overlap())
			.onMissed(config.onMissed());
		Long lastRun = config.lastRun();
		return new ScheduleInfo(stored.name(), config.task(), schedule, nextRun,
				(lastRun != null) ? Instant.ofEpochMilli(lastRun) : null, config.lastJobId(), stored.paused(),
				problems.isEmpty() ? null : String.join("; ", problems));
	}

}
