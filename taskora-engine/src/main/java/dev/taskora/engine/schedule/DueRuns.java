package dev.taskora.engine.schedule;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.adapter.ScheduleStore;
import dev.taskora.engine.adapter.StoredSchedule;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static dev.taskora.engine.internal.Futures.join;

/**
 * What the leader does with one schedule it claimed as due, following Node's scheduler: a
 * schedule it cannot run is reported and skipped, an unfinished previous run (without
 * overlap) skips this one, otherwise it dispatches the runs reached in time and, as the
 * missed-run policy says, the missed ones; then it records the run and the next one.
 * <p>
 * Differences from Node, on purpose: a schedule whose task this process does not define
 * keeps its cadence (Node takes it off the next-run set, which pauses it until a process
 * re-registers it); "unfinished" is any state before a final one, not only
 * {@code active}, so runs do not pile up behind busy or stopped workers; runs are missed
 * when the scheduler comes to them late, counted from the time they fell due (Node counts
 * from the last run, so a paused period counts as missed), and {@code skip} dispatches
 * none of them (Node dispatches one).
 */
final class DueRuns {

	private static final Logger logger = LoggerFactory.getLogger(Scheduler.class);

	/** Jobs per bulk enqueue. */
	private static final int BATCH = 500;

	private static final int RECORD_ATTEMPTS = 3;

	private final Scheduler scheduler;

	DueRuns(Scheduler scheduler) {
		this.scheduler = scheduler;
	}

	/** Handles one claimed schedule at {@code now}; returns the jobs dispatched. */
	List<ResultHandle<?>> run(StoredSchedule claimed, long now) {
		String name = claimed.name();
		long dueAt = Objects.requireNonNull(claimed.nextRun(), "a claimed schedule has its due time");
		ScheduleConfig config;
		Timing timing;
		try {
			config = ScheduleConfig.parse(claimed.config());
			timing = config.timing();
		}
		catch (IllegalArgumentException ex) {
			this.scheduler.reports().once(name, "cannot run: " + ex.getMessage() + "; paused until it is stored again");
			join(store().pause(name));
			return List.of();
		}
		long nextRun = timing.nextRun(dueAt, now);
		Task<?, ?> task = this.scheduler.task(config.task());
		if (task == null) {
			this.scheduler.reports()
				.once(name, "task '" + config.task()
						+ "' is not defined in this process; its runs are skipped while this process leads");
			record(claimed, config, false, nextRun, dueAt, now);
			return List.of();
		}
		String previous = config.lastJobId();
		if (!config.overlap() && previous != null && unfinished(task, previous)) {
			logger.debug("Schedule '{}': job {} of its previous run has not finished; skipping this run", name,
					previous);
			record(claimed, config, false, nextRun, dueAt, now);
			return List.of();
		}
		Object data;
		try {
			data = Definition.payload(config.data(), task.inputType().type(), this.scheduler.serializer());
		}
		catch (ValidationException ex) {
			this.scheduler.reports().once(name, "its data does not fit task '" + task.name() + "': " + ex.getMessage());
			record(claimed, config, false, nextRun, dueAt, now);
			return List.of();
		}
		this.scheduler.reports().clear(name);
		MissedRunPolicy policy = config.onMissed();
		SchedulerOptions options = this.scheduler.options();
		Timing.Backlog backlog = timing.backlog(dueAt, now, options.inTimeWindowMs(), options.takeoverGraceMs(),
				Math.min(policy.limit(), Timing.MAX_RUNS));
		int missedRuns = policy.runs(backlog.missed());
		if (backlog.missed() > missedRuns) {
			logger.info("Schedule '{}': runs due from {} were missed while no scheduler ran; {} of them dispatched"
					+ " (onMissed {})", name, Instant.ofEpochMilli(dueAt), missedRuns, policy);
		}
		int runs = Math.min(backlog.inTime() + missedRuns, Timing.MAX_RUNS);
		if (runs == 0) {
			record(claimed, config, false, nextRun, dueAt, now);
			return List.of();
		}
		List<ResultHandle<?>> dispatched = dispatch(task, data, runs);
		String lastJobId = dispatched.get(dispatched.size() - 1).id();
		record(claimed, config.withRun(lastJobId, now), true, nextRun, dueAt, now);
		return dispatched;
	}

	/** Dispatches {@code runs} jobs and waits until they are stored. */
	private static List<ResultHandle<?>> dispatch(Task<?, ?> task, @Nullable Object data, int runs) {
		@SuppressWarnings("unchecked")
		Task<Object, ?> typed = (Task<Object, ?>) task;
		List<ResultHandle<?>> dispatched = new ArrayList<>(runs);
		DispatchOptions options = Definition.dispatchOptions(data);
		for (int sent = 0; sent < runs; sent += BATCH) {
			int count = Math.min(BATCH, runs - sent);
			List<? extends ResultHandle<?>> handles = (count == 1) ? List.of(typed.dispatch(data, options))
					: typed.dispatchMany(Collections.nCopies(count, data), options);
			for (ResultHandle<?> handle : handles) {
				join(handle.enqueued());
			}
			dispatched.addAll(handles);
		}
		return dispatched;
	}

	/**
	 * Records the outcome; when the schedule changed meanwhile (an update, a new
	 * definition), the run is recorded on the changed config, whose timing then sets the
	 * next run.
	 */
	private void record(StoredSchedule claimed, ScheduleConfig config, boolean ran, long nextRun, long dueAt,
			long now) {
		String name = claimed.name();
		if (join(store().replace(name, claimed.config(), config.json(), nextRun))) {
			return;
		}
		for (int attempt = 0; attempt < RECORD_ATTEMPTS; attempt++) {
			StoredSchedule fresh = join(store().get(name));
			if (fresh == null) {
				return; // removed meanwhile
			}
			ScheduleConfig freshConfig;
			long freshNext;
			try {
				freshConfig = ScheduleConfig.parse(fresh.config());
				freshNext = freshConfig.timing().nextRun(dueAt, now);
			}
			catch (IllegalArgumentException ex) {
				return; // the next tick reports it
			}
			ScheduleConfig merged = ran ? freshConfig.withLastRunOf(config) : freshConfig;
			if (join(store().replace(name, fresh.config(), merged.json(), freshNext))) {
				return;
			}
		}
		logger.warn("Schedule '{}': its run could not be recorded, the schedule kept changing", name);
	}

	private boolean unfinished(Task<?, ?> task, String jobId) {
		JobState state = join(this.scheduler.adapter().inspect().state(task.name(), jobId));
		return state != null && !state.isTerminal();
	}

	private ScheduleStore store() {
		return this.scheduler.store();
	}

}
