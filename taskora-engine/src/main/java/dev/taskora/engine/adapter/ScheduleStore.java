package dev.taskora.engine.adapter;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * Storage for schedules and the scheduler's leader lock (on Redis: taskora's
 * {@code schedules} hash, {@code schedules:next} sorted set and {@code schedules:lock}).
 * Configs are opaque JSON strings; the engine builds and reads them, the store only keeps
 * them. A schedule without a next run is paused.
 * <p>
 * Writes that depend on what is stored are compare-and-set ({@link #replace}), so a run
 * recorded by the leader never overwrites a concurrent update, and never brings back a
 * removed schedule.
 */
public interface ScheduleStore {

	/**
	 * Stores a new schedule due at {@code nextRun}. Returns {@code false}, changing
	 * nothing, when a schedule of that name exists.
	 */
	CompletableFuture<Boolean> create(String name, String config, long nextRun);

	/**
	 * Replaces the config if it is still {@code expectedConfig}; when {@code nextRun} is
	 * given it also becomes the next run, unless the schedule is paused. This also
	 * records a run. Returns {@code false}, changing nothing, when the stored config
	 * differs or the schedule is gone.
	 */
	CompletableFuture<Boolean> replace(String name, String expectedConfig, String config, @Nullable Long nextRun);

	/** The schedule, or {@code null}. */
	CompletableFuture<@Nullable StoredSchedule> get(String name);

	/** Every schedule, in no particular order. */
	CompletableFuture<List<StoredSchedule>> list();

	/** Takes the schedule off the next-run set. Returns whether the schedule exists. */
	CompletableFuture<Boolean> pause(String name);

	/**
	 * Gives a paused schedule its next run; a schedule that is not paused keeps its own.
	 * Returns whether the schedule exists.
	 */
	CompletableFuture<Boolean> resume(String name, long nextRun);

	/** Deletes the schedule. Returns whether it existed. */
	CompletableFuture<Boolean> remove(String name);

	/**
	 * Takes the scheduler lock for {@code token}, or extends it when {@code token} holds
	 * it already. Returns whether {@code token} holds the lock now, for {@code ttlMs}.
	 */
	CompletableFuture<Boolean> acquireLeadership(String token, long ttlMs);

	/** Releases the scheduler lock if {@code token} holds it. */
	CompletableFuture<Void> releaseLeadership(String token);

	/**
	 * Atomically takes every schedule due at {@code now} (at most 100 per call), each
	 * with the time it was due. Each stays held until {@code leaseUntil}: its next run
	 * becomes that time, so a caller that dies before recording the run leaves it due
	 * again then rather than lost.
	 */
	CompletableFuture<List<StoredSchedule>> claimDue(long now, long leaseUntil);

}
