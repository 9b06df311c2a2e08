package dev.taskora.engine.inspect;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.internal.TaskoraRuntime;

/**
 * Looks into the store from plain Java, on any adapter: {@code taskora.inspect()}. Jobs
 * by id or by state, counts per state, payload versions and throughput; and
 * {@link #clean} to delete finished jobs.
 *
 * <pre>{@code
 * Inspector inspect = taskora.inspect();
 * Optional<JobSnapshot<Object, Object>> job = inspect.find(jobId);
 * List<JobSnapshot<Object, Object>> failed = inspect.jobs("send-email", JobState.FAILED, Paging.first(20));
 * QueueStats all = inspect.stats();
 * List<ThroughputBucket> lastHour = inspect.throughput("send-email", 60);
 * }</pre>
 *
 * A call naming a task by name needs the task registered in this app (with or without a
 * handler) and throws {@link IllegalArgumentException} naming it otherwise; an unknown
 * job id is an empty result, never an exception. Every call that spans this app's tasks
 * costs one store round trip, however many tasks there are, and so does a page of jobs,
 * however many jobs it holds.
 */
public interface Inspector {

	/** The job with this id among this app's tasks, looked up in all of them at once. */
	Optional<JobSnapshot<Object, Object>> find(String jobId);

	/**
	 * A job of the task with this name.
	 * @throws IllegalArgumentException when no task of the name is registered here
	 */
	Optional<JobSnapshot<Object, Object>> find(String task, String jobId);

	/**
	 * A job of the task, its data and result read as the task's types. The data of a
	 * collect task's job is its batch: a {@code List} of inputs, whatever {@code I} says.
	 * @throws dev.taskora.engine.ValidationException when the stored data does not fit
	 * the types
	 */
	<I, O> Optional<JobSnapshot<I, O>> find(Task<I, O> task, String jobId);

	/**
	 * A page of the task's jobs in a state, each with its data, result, error, progress
	 * and logs, read in one store call. Orders, as taskora's inspector: {@code WAITING}
	 * in the order workers will claim them (higher priority first, then oldest first);
	 * {@code ACTIVE} oldest dispatch first; {@code DELAYED} soonest due first, and it
	 * holds the jobs waiting for a retry too (they share the delayed set, and
	 * {@link #counts} counts them there); {@code RETRYING} those alone, soonest due
	 * first; {@code COMPLETED}, {@code FAILED}, {@code CANCELLED} and {@code EXPIRED}
	 * newest first.
	 * @throws IllegalArgumentException when no task of the name is registered here
	 */
	List<JobSnapshot<Object, Object>> jobs(String task, JobState state, Paging paging);

	/**
	 * A page of the task's jobs in a state (see {@link #jobs(String, JobState, Paging)}),
	 * data and result read as the task's types (a collect task's data as its batch, a
	 * {@code List} of inputs).
	 * @throws dev.taskora.engine.ValidationException when a stored value does not fit the
	 * types
	 */
	<I, O> List<JobSnapshot<I, O>> jobs(Task<I, O> task, JobState state, Paging paging);

	/**
	 * A page of the jobs in a state across every task of this app, merged in the state's
	 * order (finished ones newest first, the others by due or dispatch time; each task's
	 * own order kept). Every task is asked at once for its first {@code offset + limit}
	 * jobs: for deep pages, list one task.
	 */
	List<JobSnapshot<Object, Object>> jobs(JobState state, Paging paging);

	/**
	 * How many jobs of the task are in each state; every state is present.
	 * @throws IllegalArgumentException when no task of the name is registered here
	 */
	Map<JobState, Long> counts(String task);

	/**
	 * How many jobs of each of this app's tasks are in each state, by task name, in one
	 * round trip.
	 */
	Map<String, Map<JobState, Long>> counts();

	/**
	 * {@link #counts()} without blocking, for callers that bound the wait themselves
	 * (health checks).
	 */
	CompletableFuture<Map<String, Map<JobState, Long>>> countsAsync();

	/** taskora's stats of every task of this app added up, in one round trip. */
	QueueStats stats();

	/**
	 * taskora's stats of one task.
	 * @throws IllegalArgumentException when no task of the name is registered here
	 */
	QueueStats stats(String task);

	/**
	 * How many waiting, active and delayed jobs of the task carry each payload version,
	 * read in one atomic step (it looks at every unfinished job of the task).
	 * @throws IllegalArgumentException when no task of the name is registered here
	 */
	VersionDistribution versions(String task);

	/**
	 * The task's payload versions as this process knows them (version, since, migration
	 * steps) next to the versions its unfinished jobs carry, and the highest
	 * {@code since} that strands no job; one atomic read of the store.
	 * @throws IllegalArgumentException when no task of the name is registered here
	 */
	MigrationStatus migrations(String task);

	/**
	 * Jobs completed and failed per minute over the last {@code minutes} minutes, every
	 * task of this app added up, oldest minute first, the current minute last; one round
	 * trip.
	 * @param minutes from 1 to 1440 (the counters live for 24 hours)
	 */
	List<ThroughputBucket> throughput(int minutes);

	/**
	 * Jobs of the task completed and failed per minute over the last {@code minutes}
	 * minutes, oldest first, the current minute last.
	 * @param minutes from 1 to 1440 (the counters live for 24 hours)
	 * @throws IllegalArgumentException when no task of the name is registered here
	 */
	List<ThroughputBucket> throughput(String task, int minutes);

	/**
	 * Deletes up to {@code limit} of the task's jobs in a finished state that finished at
	 * least {@code olderThan} ago, oldest first, with their logs, in batches of 100 (each
	 * one atomic), so the store is never held long. Retention trims finished jobs on its
	 * own; this is for clearing out by hand.
	 * @param state {@code COMPLETED}, {@code FAILED}, {@code CANCELLED} or
	 * {@code EXPIRED}
	 * @param olderThan how long ago they must have finished; {@link Duration#ZERO} for
	 * all
	 * @param limit the most jobs to delete, at least 0
	 * @return how many were deleted
	 * @throws IllegalArgumentException naming the argument: an unknown task, a state that
	 * is not finished, a negative {@code olderThan} or {@code limit}
	 */
	int clean(String task, JobState state, Duration olderThan, int limit);

	/**
	 * Deletes every job of the task in a finished state that finished at least
	 * {@code olderThan} ago, in batches, as
	 * {@link #clean(String, JobState, Duration, int)}.
	 */
	int clean(String task, JobState state, Duration olderThan);

	/**
	 * The kind of storage this app uses: the adapter's class name ({@code RedisAdapter}
	 * ...).
	 */
	String adapterName();

	/**
	 * What the store tells about itself for an operator's view: on Redis the server's
	 * {@code redis_version}, {@code uptime_in_seconds}, {@code connected_clients},
	 * {@code used_memory_human} and a few more fields of {@code INFO}; empty for the
	 * memory adapter.
	 */
	default Map<String, String> serverInfo() {
		return Map.of();
	}

	/**
	 * The inspector of an app's runtime. Engine-internal: applications use
	 * {@code taskora.inspect()}.
	 */
	static Inspector create(TaskoraRuntime runtime) {
		return new StoreInspector(new InspectSupport(runtime));
	}

}
