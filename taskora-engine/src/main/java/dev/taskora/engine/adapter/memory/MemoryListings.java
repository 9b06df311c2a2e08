package dev.taskora.engine.adapter.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.JobDetails;
import dev.taskora.engine.adapter.VersionCounts;
import org.jspecify.annotations.Nullable;

/**
 * LIST_JOB_DETAILS, VERSION_DISTRIBUTION and the dead letters' error tally over one
 * task's queue, in the orders the Redis scripts read them. Runs with the store lock held.
 */
final class MemoryListings {

	private MemoryListings() {
	}

	static List<JobDetails> list(MemoryTaskQueue queue, JobState state, int offset, int limit) {
		List<JobDetails> page = new ArrayList<>();
		switch (state) {
			case WAITING -> {
				// claim order: the prioritized lane by score, then the FIFO lane from its
				// tail
				List<String> ids = new ArrayList<>(queue.prioritized.size() + queue.wait.size());
				queue.prioritized.entries().forEach((entry) -> ids.add(entry.member()));
				queue.wait.descendingIterator().forEachRemaining(ids::add);
				for (String id : window(ids, offset, limit)) {
					add(page, queue.job(id));
				}
			}
			case ACTIVE -> {
				List<MemoryJob> active = new ArrayList<>();
				queue.active.forEach((id) -> active.add(queue.job(id)));
				active.removeIf(Objects::isNull);
				active.sort(Comparator.comparingLong((MemoryJob job) -> job.timestamp).thenComparing((job) -> job.id));
				window(active, offset, limit).forEach((job) -> add(page, job));
			}
			case DELAYED -> queue.delayed.ascending(offset, limit)
				.forEach((entry) -> add(page, queue.job(entry.member()), (long) entry.score()));
			case RETRYING -> {
				int skipped = 0;
				for (ScoredSet.Entry entry : queue.delayed.entries()) {
					if (page.size() >= limit) {
						break;
					}
					MemoryJob job = queue.job(entry.member());
					if (job != null && job.state == JobState.RETRYING && skipped++ >= offset) {
						add(page, job, (long) entry.score());
					}
				}
			}
			default -> queue.finished(state)
				.descending(offset, limit)
				.forEach((entry) -> add(page, queue.job(entry.member()), (long) entry.score()));
		}
		return page;
	}

	static VersionCounts versions(MemoryTaskQueue queue) {
		Map<Integer, Long> waiting = new HashMap<>();
		queue.wait.forEach((id) -> count(waiting, queue.job(id)));
		queue.prioritized.entries().forEach((entry) -> count(waiting, queue.job(entry.member())));
		Map<Integer, Long> active = new HashMap<>();
		queue.active.forEach((id) -> count(active, queue.job(id)));
		Map<Integer, Long> delayed = new HashMap<>();
		queue.delayed.entries().forEach((entry) -> count(delayed, queue.job(entry.member())));
		return new VersionCounts(waiting, active, delayed);
	}

	/** Error messages of the failed jobs ranked start to start+count-1, newest first. */
	static Map<String, Long> failedErrors(MemoryTaskQueue queue, int start, int count) {
		Map<String, Long> byMessage = new LinkedHashMap<>();
		for (ScoredSet.Entry entry : queue.finished(JobState.FAILED).descending(start, count)) {
			MemoryJob job = queue.job(entry.member());
			String message = (job != null && job.error != null) ? job.error : "";
			byMessage.merge(message, 1L, Long::sum);
		}
		return byMessage;
	}

	private static <T> List<T> window(List<T> items, int offset, int limit) {
		if (offset >= items.size()) {
			return List.of();
		}
		return items.subList(offset, (int) Math.min(items.size(), (long) offset + limit));
	}

	/**
	 * Adds a job of a list (waiting, active) with its log, unless it is gone, scored by
	 * dispatch time.
	 */
	private static void add(List<JobDetails> page, @Nullable MemoryJob job) {
		if (job != null) {
			add(page, job, job.timestamp);
		}
	}

	/** Adds a job of a sorted set with its log and score, unless it is gone. */
	private static void add(List<JobDetails> page, @Nullable MemoryJob job, long score) {
		if (job != null) {
			page.add(new JobDetails(job.toRecord(), job.logs(), score));
		}
	}

	private static void count(Map<Integer, Long> counts, @Nullable MemoryJob job) {
		if (job != null) {
			counts.merge(job.version, 1L, Long::sum);
		}
	}

}
