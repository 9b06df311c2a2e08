package dev.taskora.engine.adapter.memory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.InspectStore;
import dev.taskora.engine.adapter.JobDetails;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.MinuteCounts;
import dev.taskora.engine.adapter.VersionCounts;
import org.jspecify.annotations.Nullable;

/** Reads of the memory adapter; the ones spanning tasks take the store lock once. */
final class MemoryInspectStore implements InspectStore {

	private final MemoryStore store;

	MemoryInspectStore(MemoryStore store) {
		this.store = store;
	}

	@Override
	public CompletableFuture<@Nullable JobRecord> findJob(String task, String jobId) {
		return this.store.read(task, (queue) -> {
			MemoryJob job = queue.job(jobId);
			return (job != null) ? job.toRecord() : null;
		}, null);
	}

	@Override
	public CompletableFuture<@Nullable JobRecord> findJob(String jobId, Collection<String> tasks) {
		return this.store.readAll((queues) -> {
			for (String task : tasks) {
				MemoryTaskQueue queue = queues.apply(task);
				MemoryJob job = (queue != null) ? queue.job(jobId) : null;
				if (job != null) {
					return job.toRecord();
				}
			}
			return null;
		});
	}

	@Override
	public CompletableFuture<@Nullable JobState> state(String task, String jobId) {
		return this.store.read(task, (queue) -> {
			MemoryJob job = queue.job(jobId);
			return (job != null) ? job.state : null;
		}, null);
	}

	@Override
	public CompletableFuture<List<String>> logs(String task, String jobId) {
		return this.store.read(task, (queue) -> {
			MemoryJob job = queue.job(jobId);
			return (job != null) ? job.logs() : List.of();
		}, List.of());
	}

	/**
	 * RETRYING is always 0: retrying jobs wait in the delayed set and count as DELAYED.
	 */
	@Override
	public CompletableFuture<Map<String, Map<JobState, Long>>> countByState(Collection<String> tasks) {
		return this.store.readAll((queues) -> {
			Map<String, Map<JobState, Long>> counts = new LinkedHashMap<>();
			for (String task : tasks) {
				MemoryTaskQueue queue = queues.apply(task);
				counts.put(task, (queue != null) ? queue.counts() : MemoryTaskQueue.emptyCounts());
			}
			return counts;
		});
	}

	@Override
	public CompletableFuture<@Nullable Long> nextDelayedAt(String task) {
		return this.store.read(task, MemoryTaskQueue::nextDelayedAt, null);
	}

	@Override
	public CompletableFuture<List<JobDetails>> listJobs(String task, JobState state, int offset, int limit) {
		Objects.requireNonNull(state, "state must not be null");
		if (offset < 0 || limit < 0) {
			throw new IllegalArgumentException("offset and limit must not be negative, were " + offset + ", " + limit);
		}
		return this.store.read(task, (queue) -> MemoryListings.list(queue, state, offset, limit), List.of());
	}

	@Override
	public CompletableFuture<VersionCounts> versionCounts(String task) {
		return this.store.read(task, MemoryListings::versions, new VersionCounts(Map.of(), Map.of(), Map.of()));
	}

	@Override
	public CompletableFuture<Map<String, Long>> failedErrors(String task, int start, int count) {
		return this.store.read(task, (queue) -> MemoryListings.failedErrors(queue, start, count), Map.of());
	}

	@Override
	public CompletableFuture<Map<String, List<MinuteCounts>>> throughput(Collection<String> tasks, long firstMinute,
			int minutes) {
		return this.store.readAll((queues) -> {
			Map<String, List<MinuteCounts>> byTask = new LinkedHashMap<>();
			MemoryThroughput none = new MemoryThroughput();
			for (String task : tasks) {
				MemoryTaskQueue queue = queues.apply(task);
				byTask.put(task, ((queue != null) ? queue.throughput : none).read(firstMinute, minutes));
			}
			return byTask;
		});
	}

}
