package dev.taskora.engine.adapter;

import java.util.List;

/**
 * One job of a listing: its stored fields and its log, read together.
 *
 * @param record the job hash
 * @param logs its JSON log entries, oldest first
 * @param score its score in the state's sorted set (run-at time for delayed and retrying
 * jobs, finish time for finished ones); for waiting and active jobs, which live in lists,
 * its dispatch time
 */
public record JobDetails(JobRecord record, List<String> logs, long score) {

	public JobDetails {
		logs = List.copyOf(logs);
	}

}
