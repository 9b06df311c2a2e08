package dev.taskora.engine.inspect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.adapter.InspectStore;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.Maintenance;
import dev.taskora.engine.adapter.MinuteCounts;
import dev.taskora.engine.adapter.VersionCounts;
import dev.taskora.engine.contract.Versioning;
import dev.taskora.engine.internal.Futures;

/** The {@link Inspector} over an app's adapter. */
final class StoreInspector implements Inspector {

	/** The counters' lifetime: 24 hours of minutes. */
	private static final int MAX_MINUTES = 1440;

	private final InspectSupport support;

	private final JobListings listings;

	StoreInspector(InspectSupport support) {
		this.support = support;
		this.listings = new JobListings(support);
	}

	@Override
	public Optional<JobSnapshot<Object, Object>> find(String jobId) {
		JobRecord record = Futures.join(this.support.read(store -> store.findJob(jobId, this.support.taskNames())));
		return Optional.ofNullable(record).map(found -> this.support.lenient(found, logs(found)));
	}

	@Override
	public Optional<JobSnapshot<Object, Object>> find(String task, String jobId) {
		this.support.requireTask(task);
		JobRecord record = Futures.join(this.support.read(store -> store.findJob(task, jobId)));
		return Optional.ofNullable(record).map(found -> this.support.lenient(found, logs(found)));
	}

	@Override
	public <I, O> Optional<JobSnapshot<I, O>> find(Task<I, O> task, String jobId) {
		JobRecord record = Futures.join(this.support.read(store -> store.findJob(task.name(), jobId)));
		return Optional.ofNullable(record).map(found -> this.support.typed(task, found, logs(found)));
	}

	@Override
	public List<JobSnapshot<Object, Object>> jobs(String task, JobState state, Paging paging) {
		return this.listings.list(task, Objects.requireNonNull(state, "state must not be null"), paging);
	}

	@Override
	public <I, O> List<JobSnapshot<I, O>> jobs(Task<I, O> task, JobState state, Paging paging) {
		return this.listings.list(task, Objects.requireNonNull(state, "state must not be null"), paging);
	}

	@Override
	public List<JobSnapshot<Object, Object>> jobs(JobState state, Paging paging) {
		return this.listings.listAll(Objects.requireNonNull(state, "state must not be null"), paging);
	}

	@Override
	public Map<JobState, Long> counts(String task) {
		this.support.requireTask(task);
		Map<JobState, Long> counts = Futures.join(this.support.read(store -> store.countByState(task)));
		return Collections.unmodifiableMap(new EnumMap<>(counts));
	}

	@Override
	public Map<String, Map<JobState, Long>> counts() {
		return Futures.join(countsAsync());
	}

	@Override
	public CompletableFuture<Map<String, Map<JobState, Long>>> countsAsync() {
		return this.support.read(store -> store.countByState(this.support.taskNames())).thenApply(byTask -> {
			Map<String, Map<JobState, Long>> sorted = new TreeMap<>();
			byTask.forEach((task, counts) -> sorted.put(task, Collections.unmodifiableMap(new EnumMap<>(counts))));
			return Collections.unmodifiableMap(sorted);
		});
	}

	@Override
	public QueueStats stats() {
		QueueStats total = QueueStats.EMPTY;
		for (Map<JobState, Long> counts : counts().values()) {
			total = total.plus(QueueStats.of(counts));
		}
		return total;
	}

	@Override
	public QueueStats stats(String task) {
		return QueueStats.of(counts(task));
	}

	@Override
	public VersionDistribution versions(String task) {
		this.support.requireTask(task);
		VersionCounts counts = Futures.join(this.support.read(store -> store.versionCounts(task)));
		return new VersionDistribution(counts.waiting(), counts.active(), counts.delayed());
	}

	@Override
	public MigrationStatus migrations(String task) {
		Versioning versioning = this.support.requireTask(task).versioning();
		return MigrationStatus.of(task, versioning.version(), versioning.since(), versioning.migrations(),
				versions(task));
	}

	@Override
	public List<ThroughputBucket> throughput(int minutes) {
		return throughput(this.support.taskNames(), minutes);
	}

	@Override
	public List<ThroughputBucket> throughput(String task, int minutes) {
		this.support.requireTask(task);
		return throughput(List.of(task), minutes);
	}

	private List<ThroughputBucket> throughput(Collection<String> tasks, int minutes) {
		if (minutes < 1 || minutes > MAX_MINUTES) {
			throw new IllegalArgumentException(
					"minutes must be from 1 to " + MAX_MINUTES + " (the counters live for 24 hours), was " + minutes);
		}
		long first = MinuteCounts.bucketOf(this.support.now()) - (minutes - 1) * 60_000L;
		long[] completed = new long[minutes];
		long[] failed = new long[minutes];
		if (!tasks.isEmpty()) {
			Map<String, List<MinuteCounts>> byTask = Futures
				.join(this.support.read(store -> store.throughput(tasks, first, minutes)));
			for (List<MinuteCounts> counts : byTask.values()) {
				for (int i = 0; i < counts.size() && i < minutes; i++) {
					completed[i] += counts.get(i).completed();
					failed[i] += counts.get(i).failed();
				}
			}
		}
		List<ThroughputBucket> buckets = new ArrayList<>(minutes);
		for (int i = 0; i < minutes; i++) {
			buckets.add(new ThroughputBucket(first + i * 60_000L, completed[i], failed[i]));
		}
		return List.copyOf(buckets);
	}

	@Override
	public int clean(String task, JobState state, Duration olderThan, int limit) {
		this.support.requireTask(task);
		Objects.requireNonNull(state, "state must not be null");
		Objects.requireNonNull(olderThan, "olderThan must not be null");
		if (!state.isTerminal()) {
			throw new IllegalArgumentException(
					"state must be a finished state (COMPLETED, FAILED, CANCELLED or EXPIRED), was " + state);
		}
		if (olderThan.isNegative()) {
			throw new IllegalArgumentException("olderThan must not be negative, was " + olderThan);
		}
		if (limit < 0) {
			throw new IllegalArgumentException("limit must not be negative, was " + limit);
		}
		long cutoff = this.support.now() - olderThan.toMillis();
		int removed = 0;
		while (removed < limit) {
			int batch = Math.min(Maintenance.BATCH, limit - removed);
			int done = Futures.join(this.support.maintain(store -> store.clean(task, state, cutoff, batch)));
			removed += done;
			if (done < batch) {
				break;
			}
		}
		return removed;
	}

	@Override
	public int clean(String task, JobState state, Duration olderThan) {
		return clean(task, state, olderThan, Integer.MAX_VALUE);
	}

	@Override
	public String adapterName() {
		return this.support.runtime.adapter().getClass().getSimpleName();
	}

	@Override
	public Map<String, String> serverInfo() {
		return Map.copyOf(Futures.join(this.support.read(InspectStore::serverInfo)));
	}

	private List<String> logs(JobRecord record) {
		return Futures.join(this.support.read(store -> store.logs(record.task(), record.id())));
	}

	@Override
	public String toString() {
		return "Inspector[" + this.support.runtime.adapter() + "]";
	}

}
