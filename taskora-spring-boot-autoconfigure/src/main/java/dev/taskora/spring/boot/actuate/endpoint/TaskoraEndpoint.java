package dev.taskora.spring.boot.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.taskora.engine.JobState;
import dev.taskora.engine.inspect.ErrorGroup;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.engine.inspect.Paging;
import dev.taskora.engine.inspect.ThroughputBucket;
import dev.taskora.engine.schedule.Schedule;
import dev.taskora.engine.schedule.ScheduleInfo;
import dev.taskora.spring.core.TaskoraOperations;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code taskora} actuator endpoint.
 * <ul>
 * <li>{@code GET /actuator/taskora}: every task with its options and jobs per state;</li>
 * <li>{@code GET /actuator/taskora/{jobId}}: one job (state, data, result, error, logs,
 * progress, timeline), 404 when unknown;</li>
 * <li>{@code GET /actuator/taskora/dead-letters} and
 * {@code /actuator/taskora/throughput}: the dead letters (count, error groups, the newest
 * 20) and the last hour's throughput of every task;</li>
 * <li>{@code GET /actuator/taskora/{task}/{view}}: a task's {@code dead-letters}
 * ({@code limit}, {@code offset}), {@code throughput} ({@code minutes}) or jobs in a
 * state ({@code waiting} ... {@code expired}; {@code limit}, {@code offset}), 404 for an
 * unknown task;</li>
 * <li>{@code POST /actuator/taskora/{jobId}/retry}: moves a failed or cancelled job back
 * to waiting;</li>
 * <li>{@code POST /actuator/taskora/{jobId}/cancel}: cancels a job; a JSON body
 * {@code {"reason": "..."}} gives a reason;</li>
 * <li>{@code GET /actuator/taskora/schedules/{name}}: one schedule, 404 when unknown
 * (every schedule is listed by {@code GET /actuator/taskora});</li>
 * <li>{@code POST /actuator/taskora/schedules/{name}/pause}, {@code .../resume},
 * {@code .../trigger}: pauses or resumes a schedule, or dispatches one run of it
 * now;</li>
 * <li>{@code POST /actuator/taskora/dead-letters/retry-all} and
 * {@code /actuator/taskora/{task}/dead-letters/retry-all}: every failed job (of every
 * task, or of one) back to waiting;</li>
 * <li>{@code POST /actuator/taskora/{task}/{state}/clean}: deletes the task's jobs in a
 * finished state; a JSON body {@code {"olderThan": "1h", "limit": 500}} keeps the recent
 * ones and bounds how many (without one: every one, at most 1000).</li>
 * </ul>
 * Every write operation works with no body and no content type ({@code curl -XPOST url}):
 * Boot maps a write operation with a parameter other than its selectors to JSON requests
 * only, so the operation without a body and the one with options are two operations on
 * the same path, told apart by the request's content type. {@code dead-letters} and
 * {@code throughput} are not job ids (taskora's ids are UUIDs), and a task is named by
 * its name.
 * <p>
 * With apps under {@code taskora.apps.<name>}, {@code GET /actuator/taskora} describes
 * the default app as before and every other app under {@code apps}; a job is looked up,
 * retried and cancelled in whichever app holds it; the task, dead-letter, throughput and
 * schedule operations act on the default app.
 */
@Endpoint(id = "taskora")
public class TaskoraEndpoint {

	private static final String DEAD_LETTERS = EndpointActions.DEAD_LETTERS;

	private static final String THROUGHPUT = "throughput";

	/**
	 * Under this first path segment the endpoint reads and acts on schedules, not a task.
	 */
	private static final String SCHEDULES = "schedules";

	/** What a view without a {@code minutes} parameter shows. */
	private static final int DEFAULT_MINUTES = 60;

	private final TaskoraOperations operations;

	private final Map<String, TaskoraOperations> apps;

	private final EndpointSchedules schedules;

	private final EndpointActions actions;

	/**
	 * Creates the endpoint of a single app.
	 * @param operations the app's operations
	 */
	public TaskoraEndpoint(TaskoraOperations operations) {
		this(operations, Map.of());
	}

	/**
	 * Creates the endpoint of the default app and the apps beside it.
	 * @param operations the default app's operations, on which every operation acts
	 * @param apps the operations of the apps under {@code taskora.apps} by name, which
	 * {@link #tasks()} describes too
	 */
	public TaskoraEndpoint(TaskoraOperations operations, Map<String, TaskoraOperations> apps) {
		this.operations = operations;
		this.apps = new TreeMap<>(apps);
		this.schedules = new EndpointSchedules(operations);
		this.actions = new EndpointActions(operations);
	}

	/**
	 * Every task of the app with its jobs per state, and every schedule in the store;
	 * with apps under {@code taskora.apps}, each of them under {@code apps}.
	 * @return the default app's descriptor
	 */
	@ReadOperation
	public TaskoraDescriptor tasks() {
		return EndpointReports.describe(this.operations, this.apps);
	}

	/**
	 * One job, or {@code null} (404) when no app has it; or, for {@code dead-letters} and
	 * {@code throughput}, that view of every task.
	 * @param jobId the job's id, {@code dead-letters} or {@code throughput}
	 * @return the job's snapshot or the report
	 */
	@ReadOperation
	public @Nullable Object job(@Selector String jobId) {
		return switch (jobId) {
			case DEAD_LETTERS -> EndpointReports.deadLetters(this.operations, null, Paging.DEFAULT);
			case THROUGHPUT -> EndpointReports.throughput(this.operations, null, DEFAULT_MINUTES);
			default -> appOfJob(jobId).findJob(jobId).orElse(null);
		};
	}

	/**
	 * One view of a task, or {@code null} (404) when this app has no such task; or, under
	 * {@code schedules}, one schedule ({@code null} when there is none of that name).
	 * @param task the task's name, or {@code schedules}
	 * @param view {@code dead-letters}, {@code throughput}, or a state's name
	 * ({@code waiting} ...)
	 * @param limit jobs per page (default 20, at most 1000)
	 * @param offset jobs to skip (default 0)
	 * @param minutes minutes of throughput (default 60, at most 1440)
	 * @return the view
	 */
	@ReadOperation
	public @Nullable Object taskView(@Selector String task, @Selector String view, @Nullable Integer limit,
			@Nullable Integer offset, @Nullable Integer minutes) {
		if (task.equals(SCHEDULES)) {
			return this.schedules.find(view);
		}
		if (this.operations.findTask(task).isEmpty()) {
			return null;
		}
		if (view.equals(THROUGHPUT)) {
			return EndpointReports.throughput(this.operations, task, (minutes != null) ? minutes : DEFAULT_MINUTES);
		}
		Paging paging = EndpointRequests
			.valid(() -> Paging.of((offset != null) ? offset : 0, (limit != null) ? limit : Paging.DEFAULT.limit()));
		if (view.equals(DEAD_LETTERS)) {
			return EndpointReports.deadLetters(this.operations, task, paging);
		}
		JobState state = EndpointRequests.state(view, "Unknown view '" + view
				+ "': use dead-letters, throughput or a state (waiting, active, delayed, retrying, completed, failed,"
				+ " cancelled, expired)");
		return new JobPage(task, state.wireName(), paging.offset(), paging.limit(),
				this.operations.inspect().jobs(task, state, paging));
	}

	/**
	 * Retries a failed job or cancels a job, for a request without a body; or, for
	 * {@code dead-letters/retry-all}, retries every failed job of every task.
	 * @param jobId the job
	 * @param action {@code retry} or {@code cancel}
	 * @return what the action did
	 */
	@WriteOperation
	public Object jobAction(@Selector String jobId, @Selector String action) {
		return actionsOnJob(jobId).onJob(jobId, action, null);
	}

	/**
	 * Retries a failed job or cancels a job, for a JSON request; a cancel takes a reason.
	 * @param jobId the job
	 * @param action {@code retry} or {@code cancel}
	 * @param reason why it is cancelled (cancel only)
	 * @return what the action did
	 */
	@WriteOperation
	public Object jobActionWithReason(@Selector String jobId, @Selector String action, @Nullable String reason) {
		return actionsOnJob(jobId).onJob(jobId, action, reason);
	}

	/**
	 * The app that holds a job: the default app, unless only an app under
	 * {@code taskora.apps} has it.
	 */
	private TaskoraOperations appOfJob(String jobId) {
		if (this.apps.isEmpty() || this.operations.findJob(jobId).isPresent()) {
			return this.operations;
		}
		return this.apps.values()
			.stream()
			.filter(app -> app.findJob(jobId).isPresent())
			.findFirst()
			.orElse(this.operations);
	}

	private EndpointActions actionsOnJob(String jobId) {
		TaskoraOperations app = jobId.equals(DEAD_LETTERS) ? this.operations : appOfJob(jobId);
		return (app == this.operations) ? this.actions : new EndpointActions(app);
	}

	/**
	 * Retries every failed job of a task ({@code dead-letters/retry-all}) or deletes its
	 * jobs in a finished state ({@code <state>/clean}, every one, at most 1000), for a
	 * request without a body; or, under {@code schedules/<name>}, pauses, resumes or
	 * triggers a schedule.
	 * @param task the task's name, or {@code schedules}
	 * @param section {@code dead-letters}, or a finished state's name; or the schedule's
	 * name
	 * @param action {@code retry-all} or {@code clean}; or {@code pause}, {@code resume},
	 * {@code trigger}
	 * @return what the action did
	 */
	@WriteOperation
	public Object taskAction(@Selector String task, @Selector String section, @Selector String action) {
		return task.equals(SCHEDULES) ? this.schedules.act(section, action)
				: this.actions.onTask(task, section, action, null, null);
	}

	/**
	 * {@link #taskAction} for a JSON request: a clean takes how long ago the jobs must
	 * have finished and how many it deletes at most.
	 * @param task the task's name
	 * @param section {@code dead-letters}, or a finished state's name
	 * @param action {@code retry-all} or {@code clean}
	 * @param olderThan a duration ({@code 30s}, {@code 1h}, {@code 7d}; default 0)
	 * @param limit the most jobs to delete (default 1000)
	 * @return what the action did
	 */
	@WriteOperation
	public Object taskActionWithOptions(@Selector String task, @Selector String section, @Selector String action,
			@Nullable String olderThan, @Nullable Integer limit) {
		return task.equals(SCHEDULES) ? this.schedules.act(section, action)
				: this.actions.onTask(task, section, action, olderThan, limit);
	}

	/**
	 * The app.
	 *
	 * @param running whether its workers run
	 * @param adapter the storage
	 * @param tasks its tasks by name
	 * @param schedulerLeader whether this process runs the schedules (the elected leader)
	 * @param schedules every schedule in the store by name, whichever process defined it
	 * @param apps the apps under {@code taskora.apps} by name, described alike;
	 * {@code null} (left out of the JSON) with a single app
	 */
	public record TaskoraDescriptor(boolean running, String adapter, Map<String, TaskDescriptor> tasks,
			boolean schedulerLeader, Map<String, ScheduleDescriptor> schedules,
			@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Map<String, TaskoraDescriptor> apps) {

		/**
		 * Describes a single app.
		 * @param running whether its workers run
		 * @param adapter the storage
		 * @param tasks its tasks by name
		 * @param schedulerLeader whether this process runs the schedules
		 * @param schedules every schedule in the store by name
		 */
		public TaskoraDescriptor(boolean running, String adapter, Map<String, TaskDescriptor> tasks,
				boolean schedulerLeader, Map<String, ScheduleDescriptor> schedules) {
			this(running, adapter, tasks, schedulerLeader, schedules, null);
		}

	}

	/**
	 * One schedule.
	 *
	 * @param task the task each run dispatches
	 * @param every the interval (ISO-8601), or {@code null} for a cron schedule
	 * @param cron the cron expression, or {@code null}
	 * @param zone the zone cron times are read in, or {@code null} for the default
	 * @param data the payload of each run
	 * @param overlap whether runs may overlap
	 * @param onMissed the missed-run policy
	 * @param paused whether it is paused
	 * @param nextRun its next run, {@code null} when paused
	 * @param lastRun its last run, or {@code null}
	 * @param lastJobId the job of its last run, or {@code null}
	 * @param problem why this process cannot run it, or {@code null}
	 */
	public record ScheduleDescriptor(String task, @Nullable String every, @Nullable String cron, @Nullable String zone,
			@Nullable Object data, boolean overlap, String onMissed, boolean paused, @Nullable Instant nextRun,
			@Nullable Instant lastRun, @Nullable String lastJobId, @Nullable String problem) {

		static ScheduleDescriptor of(ScheduleInfo info) {
			Schedule schedule = info.schedule();
			Duration every = schedule.interval();
			return new ScheduleDescriptor(info.task(), (every != null) ? every.toString() : null,
					schedule.cronExpression(), schedule.zone(), schedule.data(), schedule.overlap(),
					schedule.onMissed().toString(), info.paused(), info.nextRun(), info.lastRun(), info.lastJobId(),
					info.problem());
		}

	}

	/**
	 * What a schedule's write operation did.
	 *
	 * @param schedule the schedule
	 * @param action the action requested
	 * @param outcome what happened: {@code paused}, {@code resumed}, {@code triggered},
	 * {@code not-found}, or {@code task-not-defined-here} (a trigger of a schedule whose
	 * task only another process defines)
	 * @param jobId the job a trigger dispatched, else {@code null}
	 */
	public record ScheduleActionResult(String schedule, String action, String outcome, @Nullable String jobId) {
	}

	/**
	 * One task.
	 *
	 * @param handled whether this process has its handler
	 * @param concurrency jobs a worker runs at once
	 * @param nonBlocking whether its handlers run where their jobs arrive instead of on
	 * handler threads
	 * @param input input type
	 * @param output output type
	 * @param counts jobs per state
	 */
	public record TaskDescriptor(boolean handled, int concurrency, boolean nonBlocking, String input, String output,
			Map<String, Long> counts) {
	}

	/**
	 * Dead letters: how many, grouped by error message (the most frequent first), and a
	 * page of them (the newest first).
	 *
	 * @param task the task, or {@code null} for every task of the app
	 * @param total how many failed jobs there are
	 * @param errors failed jobs by error message
	 * @param jobs the page
	 */
	public record DeadLetterReport(@Nullable String task, long total, List<ErrorGroup> errors,
			List<JobSnapshot<Object, Object>> jobs) {
	}

	/**
	 * Jobs finished per minute.
	 *
	 * @param task the task, or {@code null} for every task of the app
	 * @param minutes the minutes covered, the current one last
	 * @param completed jobs completed over them
	 * @param failed jobs failed for good over them
	 * @param buckets each minute, oldest first
	 */
	public record ThroughputReport(@Nullable String task, int minutes, long completed, long failed,
			List<ThroughputBucket> buckets) {
	}

	/**
	 * A page of a task's jobs in one state.
	 *
	 * @param task the task
	 * @param state the state's name
	 * @param offset jobs skipped
	 * @param limit the page's size
	 * @param jobs the jobs, in the state's order
	 */
	public record JobPage(String task, String state, int offset, int limit, List<JobSnapshot<Object, Object>> jobs) {
	}

	/**
	 * What a write operation on one job did.
	 *
	 * @param id the job
	 * @param action the action requested
	 * @param outcome what happened: {@code retried}, {@code not-found},
	 * {@code not-retryable} (neither failed nor cancelled); {@code cancelled},
	 * {@code cancelling}, {@code not-cancellable}
	 */
	public record JobActionResult(String id, String action, String outcome) {
	}

	/**
	 * What a write operation on a task (or every task) did.
	 *
	 * @param task the task, or {@code null} for every task of the app
	 * @param action {@code retry-all} or {@code clean <state>}
	 * @param count how many jobs it moved or deleted
	 */
	public record TaskActionResult(@Nullable String task, String action, int count) {
	}

}
