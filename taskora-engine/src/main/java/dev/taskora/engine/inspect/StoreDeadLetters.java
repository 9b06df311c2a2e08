package dev.taskora.engine.inspect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.Maintenance;
import dev.taskora.engine.internal.Futures;
import org.jspecify.annotations.Nullable;

/** The {@link DeadLetters} over an app's adapter. */
final class StoreDeadLetters implements DeadLetters {

	/** Failed jobs whose messages one store call tallies. */
	private static final int ERROR_SLICE = 1000;

	private final InspectSupport support;

	private final JobListings listings;

	StoreDeadLetters(InspectSupport support) {
		this.support = support;
		this.listings = new JobListings(support);
	}

	@Override
	public RetryOutcome retry(String jobId) {
		JobRecord record = Futures.join(this.support.read(store -> store.findJob(jobId, this.support.taskNames())));
		return retryFound(record, jobId);
	}

	@Override
	public RetryOutcome retry(Task<?, ?> task, String jobId) {
		JobRecord record = Futures.join(this.support.read(store -> store.findJob(task.name(), jobId)));
		return retryFound(record, jobId);
	}

	private RetryOutcome retryFound(@Nullable JobRecord record, String jobId) {
		if (record == null) {
			return RetryOutcome.NOT_FOUND;
		}
		if (record.state() != JobState.FAILED && record.state() != JobState.CANCELLED) {
			return RetryOutcome.NOT_RETRYABLE;
		}
		// The move itself checks the set atomically: a job that left it meanwhile is not
		// touched.
		boolean moved = Futures.join(
				this.support.maintain(store -> store.retry(record.task(), jobId, record.state(), this.support.now())));
		return moved ? RetryOutcome.RETRIED : RetryOutcome.NOT_RETRYABLE;
	}

	@Override
	public List<JobSnapshot<Object, Object>> list(Paging paging) {
		return this.listings.listAll(JobState.FAILED, paging);
	}

	@Override
	public List<JobSnapshot<Object, Object>> list(String task, Paging paging) {
		return this.listings.list(task, JobState.FAILED, paging);
	}

	@Override
	public <I, O> List<JobSnapshot<I, O>> list(Task<I, O> task, Paging paging) {
		return this.listings.list(task, JobState.FAILED, paging);
	}

	@Override
	public List<ErrorGroup> errors() {
		Map<String, Long> byMessage = new HashMap<>();
		for (String task : this.support.taskNames()) {
			tally(task, byMessage);
		}
		return groups(byMessage);
	}

	@Override
	public List<ErrorGroup> errors(String task) {
		this.support.requireTask(task);
		Map<String, Long> byMessage = new HashMap<>();
		tally(task, byMessage);
		return groups(byMessage);
	}

	/** Walks the task's failed set slice by slice, adding its messages up. */
	private void tally(String task, Map<String, Long> byMessage) {
		for (int start = 0;; start += ERROR_SLICE) {
			int from = start;
			Map<String, Long> slice = Futures
				.join(this.support.read(store -> store.failedErrors(task, from, ERROR_SLICE)));
			long read = 0;
			for (Map.Entry<String, Long> entry : slice.entrySet()) {
				byMessage.merge(entry.getKey(), entry.getValue(), Long::sum);
				read += entry.getValue();
			}
			if (read < ERROR_SLICE) {
				return;
			}
		}
	}

	private static List<ErrorGroup> groups(Map<String, Long> byMessage) {
		List<ErrorGroup> groups = new ArrayList<>(byMessage.size());
		byMessage.forEach((message, count) -> groups.add(new ErrorGroup(message, count)));
		groups.sort(Comparator.comparingLong(ErrorGroup::count).reversed().thenComparing(ErrorGroup::message));
		return List.copyOf(groups);
	}

	@Override
	public int retryAll() {
		int moved = 0;
		for (String task : this.support.taskNames()) {
			moved += retryAllOf(task);
		}
		return moved;
	}

	@Override
	public int retryAll(String task) {
		this.support.requireTask(task);
		return retryAllOf(task);
	}

	@Override
	public int retryAll(Task<?, ?> task) {
		return retryAllOf(task.name());
	}

	/**
	 * Batch after batch until one comes back short. Only jobs failed up to the start: a
	 * job retried here that fails again meanwhile is not taken up again, so the loop
	 * ends.
	 */
	private int retryAllOf(String task) {
		long failedUpTo = this.support.now();
		int moved = 0;
		int batch;
		do {
			batch = Futures.join(this.support
				.maintain(store -> store.retryFailedBatch(task, failedUpTo, Maintenance.BATCH, this.support.now())));
			moved += batch;
		}
		while (batch == Maintenance.BATCH);
		return moved;
	}

}
