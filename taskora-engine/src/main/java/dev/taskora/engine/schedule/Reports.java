package dev.taskora.engine.schedule;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Problems with schedules this process cannot run, logged once each: the leader meets
 * them every tick, and one line per tick would drown the log.
 */
final class Reports {

	private static final Logger logger = LoggerFactory.getLogger(Scheduler.class);

	private final Map<String, String> reported = new ConcurrentHashMap<>();

	/** Logs the problem unless it is the one last logged for this schedule. */
	void once(String schedule, String problem) {
		if (!problem.equals(this.reported.put(schedule, problem))) {
			logger.warn("Schedule '{}': {}", schedule, problem);
		}
	}

	/** The schedule runs again: a later problem is worth logging. */
	void clear(String schedule) {
		this.reported.remove(schedule);
	}

	/** Forgets every problem logged (the store was emptied). */
	void clearAll() {
		this.reported.clear();
	}

}
