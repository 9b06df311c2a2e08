package dev.taskora.spring.board;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.taskora.engine.JobState;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.engine.inspect.JobTimeline;
import dev.taskora.engine.inspect.QueueStats;
import dev.taskora.engine.job.LogEntry;
import dev.taskora.engine.schedule.Schedule;
import dev.taskora.engine.schedule.ScheduleInfo;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The JSON the board's API answers with: jobs, schedules and counts, masked by the
 * redactor.
 */
public final class BoardViews {

	private BoardViews() {
	}

	/**
	 * Jobs per state, every state named (taskora's wire names), zero when there are none.
	 */
	static Map<String, Long> counts(Map<JobState, Long> counts) {
		Map<String, Long> byState = new LinkedHashMap<>();
		for (JobState state : JobState.values()) {
			byState.put(state.wireName(), counts.getOrDefault(state, 0L));
		}
		return byState;
	}

	static JobView job(JobSnapshot<?, ?> job, BoardRedactor redactor, boolean withLogs) {
		List<LogView> logs = new ArrayList<>();
		if (withLogs) {
			for (LogEntry entry : job.logs()) {
				logs.add(new LogView(entry.level(), BoardRedactor.cut(entry.message()), redactor.meta(entry.meta()),
						entry.timestamp()));
			}
		}
		JobSnapshot.WorkflowLink workflow = job.workflow();
		return new JobView(job.id(), job.task(), job.state().wireName(), redactor.value(job.data()),
				redactor.value(job.result()), redactor.error(job.error()), job.attempt(), job.maxAttempts(),
				job.version(), redactor.value(job.progress()), logs, job.cancelReason(), timeline(job),
				(workflow != null) ? new WorkflowView(workflow.id(), workflow.node()) : null);
	}

	private static List<TimelineStep> timeline(JobSnapshot<?, ?> job) {
		JobTimeline timeline = job.timeline();
		List<TimelineStep> steps = new ArrayList<>();
		steps.add(new TimelineStep("dispatched", timeline.ts()));
		if (timeline.processedOn() != null) {
			steps.add(new TimelineStep("processed", timeline.processedOn()));
		}
		if (timeline.finishedOn() != null) {
			steps.add(new TimelineStep(job.state().isTerminal() ? job.state().wireName() : "finished",
					timeline.finishedOn()));
		}
		return steps;
	}

	static ScheduleView schedule(ScheduleInfo info, BoardRedactor redactor) {
		Schedule schedule = info.schedule();
		Duration every = schedule.interval();
		Object data = (schedule.data() != null) ? schedule.data() : schedule.dataJson();
		return new ScheduleView(info.name(), info.task(), (every != null) ? every.toMillis() : null,
				schedule.cronExpression(), schedule.zone(), redactor.value(data), schedule.overlap(),
				schedule.onMissed().toString(), info.paused(), info.nextRun(), info.lastRun(), info.lastJobId(),
				info.problem());
	}

	/**
	 * One job.
	 *
	 * @param id its id
	 * @param task its task
	 * @param state its state's wire name
	 * @param data its input, masked
	 * @param result its result, masked
	 * @param error its last error, masked and cut
	 * @param attempt the attempt it is at
	 * @param maxAttempts the attempts it has
	 * @param version its payload version
	 * @param progress its last progress (a number or any object)
	 * @param logs its log lines (in a listing: none)
	 * @param cancelReason why it was cancelled
	 * @param timeline when it was dispatched, processed and finished (epoch milliseconds)
	 * @param workflow the workflow it is a node of
	 */
	public record JobView(String id, String task, String state, @Nullable JsonNode data, @Nullable JsonNode result,
			@Nullable String error, int attempt, int maxAttempts, int version, @Nullable JsonNode progress,
			List<LogView> logs, @Nullable String cancelReason, List<TimelineStep> timeline,
			@Nullable WorkflowView workflow) {
	}

	/**
	 * One log line.
	 *
	 * @param level its level
	 * @param message its message
	 * @param meta its structured fields, masked
	 * @param timestamp when (epoch milliseconds)
	 */
	public record LogView(String level, String message, @Nullable JsonNode meta, long timestamp) {
	}

	/**
	 * One step of a job's timeline.
	 *
	 * @param label {@code dispatched}, {@code processed}, or the finished state
	 * @param at when (epoch milliseconds)
	 */
	public record TimelineStep(String label, long at) {
	}

	/**
	 * The workflow a job belongs to.
	 *
	 * @param id the workflow
	 * @param node the job's node
	 */
	public record WorkflowView(String id, int node) {
	}

	/**
	 * One schedule.
	 *
	 * @param name its name
	 * @param task the task each run dispatches
	 * @param every its interval in milliseconds, or {@code null} for a cron schedule
	 * @param cron its cron expression
	 * @param zone the zone of its cron times
	 * @param data the payload of each run, masked
	 * @param overlap whether runs may overlap
	 * @param onMissed its missed-run policy
	 * @param paused whether it is paused
	 * @param nextRun its next run
	 * @param lastRun its last run
	 * @param lastJobId the job of its last run
	 * @param problem why this process cannot run it
	 */
	public record ScheduleView(String name, String task, @Nullable Long every, @Nullable String cron,
			@Nullable String zone, @Nullable JsonNode data, boolean overlap, String onMissed, boolean paused,
			@Nullable Instant nextRun, @Nullable Instant lastRun, @Nullable String lastJobId,
			@Nullable String problem) {
	}

	/**
	 * One task in the overview.
	 *
	 * @param name its name
	 * @param handled whether this process runs its jobs
	 * @param counts jobs per state
	 * @param health {@code idle} (no jobs), {@code healthy}, {@code degraded} (some
	 * failed), or {@code failing} (at least as many failed as completed)
	 */
	public record TaskView(String name, boolean handled, Map<String, Long> counts, String health) {

		static String health(QueueStats stats) {
			if (stats.total() == 0) {
				return "idle";
			}
			if (stats.failed() == 0) {
				return "healthy";
			}
			return (stats.failed() >= stats.completed()) ? "failing" : "degraded";
		}

	}

}
