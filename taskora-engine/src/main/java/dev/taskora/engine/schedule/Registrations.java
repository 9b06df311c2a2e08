package dev.taskora.engine.schedule;

import dev.taskora.engine.TaskoraException;
import dev.taskora.engine.adapter.ScheduleStore;
import dev.taskora.engine.adapter.StoredSchedule;
import org.jspecify.annotations.Nullable;

import static dev.taskora.engine.internal.Futures.join;

/**
 * Storing an app's definition, as taskora does on every start (the code is the source of
 * truth: a paused schedule runs again), with two differences: the last run and last job
 * survive (so the missed-run policy and the overlap rule see them after a restart), and a
 * schedule whose timing did not change keeps its next run, so restarting a process does
 * not shift the cadence of all of them.
 */
final class Registrations {

	private static final int ATTEMPTS = 5;

	private Registrations() {
	}

	static void store(ScheduleStore store, Definition definition, long now) {
		String name = definition.name();
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			StoredSchedule existing = join(store.get(name));
			if (existing == null) {
				if (join(store.create(name, definition.config().json(), definition.timing().firstRun(now)))) {
					return;
				}
				continue;
			}
			ScheduleConfig current = readable(existing.config());
			ScheduleConfig merged = (current != null) ? definition.config().withLastRunOf(current)
					: definition.config();
			boolean sameTiming = current != null && current.sameTimingAs(definition.config());
			Long nextRun = sameTiming ? null : definition.timing().firstRun(now);
			if (!join(store.replace(name, existing.config(), merged.json(), nextRun))) {
				continue;
			}
			if (existing.paused()) {
				join(store.resume(name, definition.timing().firstRun(now)));
			}
			return;
		}
		throw new TaskoraException(
				"Schedule '" + name + "' could not be stored: it kept changing under concurrent writes");
	}

	private static @Nullable ScheduleConfig readable(String json) {
		try {
			return ScheduleConfig.parse(json);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
