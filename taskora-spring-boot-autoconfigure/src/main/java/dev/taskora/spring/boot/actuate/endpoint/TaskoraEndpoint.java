package dev.taskora.spring.boot.actuate.endpoint;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.engine.schedule.NoSuchScheduleException;
import dev.taskora.engine.schedule.Schedule;
import dev.taskora.engine.schedule.ScheduleInfo;
import dev.taskora.engine.schedule.Schedules;
import dev.taskora.spring.core.CancelResult;
import dev.taskora.spring.core.TaskoraOperations;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code taskora} actuator endpoint.
 * <ul>
 * <li>{@code GET /actuator/taskora}: every task with its options and jobs per state;</li>
 * <li>{@code GET /actuator/taskora/{jobId}}: one job (state, data, result, error, logs, progress,
 * timeline), 404 when unknown;</li>
 * <li>{@code POST /actuator/taskora/{jobId}/retry}: moves a failed job back to waiting;</li>
 * <li>{@code POST /actuator/taskora/{jobId}/cancel}: cancels a job; a JSON body
 * {@code {"reason": "..."}} gives a reason;</li>
 * <li>{@code GET /actuator/taskora/schedules/{name}}: one schedule, 404 when unknown (every schedule
 * is listed by {@code GET /actuator/taskora});</li>
 * <li>{@code POST /actuator/taskora/schedules/{name}/pause}, {@code .../resume},
 * {@code .../trigger}: pauses or resumes a schedule, or dispatches one run of it now.</li>
 * </ul>
 * Every write operation works with no body and no content type ({@code curl -XPOST url}): Boot maps
 * a write operation with a parameter other than its selectors to JSON requests only, so the
 * operation without a body and the one with a reason are two operations on the same path, told
 * apart by the request's content type.
 */
@Endpoint(id = "taskora")
public class TaskoraEndpoint {

	private final TaskoraOperations operations;

	public TaskoraEndpoint(TaskoraOperations operations) {
		this.operations = operations;
	}

	/** Every task of this app with its jobs per state, and every schedule in the store. */
	@ReadOperation
	public TaskoraDescriptor tasks() {
		Taskora taskora = this.operations.taskora();
		Map<String, Map<JobState, Long>> countsByTask = taskora.inspect().counts();
		Map<String, TaskDescriptor> tasks = new TreeMap<>();
		for (Task<?, ?> task : taskora.tasks()) {
			Map<JobState, Long> counts = countsByTask.getOrDefault(task.name(), Map.of());
			Map<String, Long> byState = new LinkedHashMap<>();
			for (JobState state : JobState.values()) {
				byState.put(state.wireName(), counts.getOrDefault(state, 0L));
			}
			tasks.put(task.name(), new TaskDescriptor(task.handler() != null, task.options().concurrency(),
					task.inputType().toString(), task.outputType().toString(), byState));
		}
		Map<String, ScheduleDescriptor> schedules = new TreeMap<>();
		for (ScheduleInfo schedule : taskora.schedules().list()) {
			schedules.put(schedule.name(), ScheduleDescriptor.of(schedule));
		}
		return new TaskoraDescriptor(taskora.isRunning(), taskora.inspect().adapterName(), tasks,
				taskora.schedules().isLeader(), schedules);
	}

	/**
	 * One schedule, or {@code null} (404) when there is none of that name.
	 * @param target {@code schedules}
	 * @param name the schedule
	 */
	@ReadOperation
	public @Nullable ScheduleDescriptor schedule(@Selector String target, @Selector String name) {
		requireSchedules(target);
		return this.operations.taskora().schedules().find(name).map(ScheduleDescriptor::of).orElse(null);
	}

	/**
	 * Pauses or resumes a schedule, or dispatches one run of it now (its cadence unchanged).
	 * @param target {@code schedules}
	 * @param name the schedule
	 * @param action {@code pause}, {@code resume} or {@code trigger}
	 */
	@WriteOperation
	public ScheduleActionResult scheduleAction(@Selector String target, @Selector String name,
			@Selector String action) {
		requireSchedules(target);
		Schedules schedules = this.operations.taskora().schedules();
		String requested = action.toLowerCase(Locale.ROOT);
		try {
			return switch (requested) {
				case "pause" -> {
					schedules.pause(name);
					yield new ScheduleActionResult(name, requested, "paused", null);
				}
				case "resume" -> {
					schedules.resume(name);
					yield new ScheduleActionResult(name, requested, "resumed", null);
				}
				case "trigger" -> trigger(schedules, name);
				default -> throw new InvalidEndpointRequestException(
						"Unknown action '" + action + "': use pause, resume or trigger", "Unknown action");
			};
		}
		catch (NoSuchScheduleException ex) {
			return new ScheduleActionResult(name, requested, "not-found", null);
		}
	}

	private ScheduleActionResult trigger(Schedules schedules, String name) {
		ScheduleInfo info = schedules.find(name).orElseThrow(() -> new NoSuchScheduleException(name));
		if (this.operations.findTask(info.task()).isEmpty()) {
			// another process runs this schedule's task; this one cannot dispatch it typed
			return new ScheduleActionResult(name, "trigger", "task-not-defined-here", null);
		}
		return new ScheduleActionResult(name, "trigger", "triggered", schedules.trigger(name).id());
	}

	private static void requireSchedules(String target) {
		if (!target.equals("schedules")) {
			throw new InvalidEndpointRequestException("Unknown path '" + target + "': use schedules/{name}",
					"Unknown path");
		}
	}

	/** One job, or {@code null} (404) when no task of this app has it. */
	@ReadOperation
	public @Nullable JobSnapshot<Object, Object> job(@Selector String jobId) {
		return this.operations.findJob(jobId).orElse(null);
	}

	/**
	 * Retries a failed job or cancels a job, for a request without a body.
	 * @param jobId the job
	 * @param action {@code retry} or {@code cancel}
	 */
	@WriteOperation
	public JobActionResult jobAction(@Selector String jobId, @Selector String action) {
		return act(jobId, action, null);
	}

	/**
	 * Retries a failed job or cancels a job, for a JSON request; a cancel takes a reason.
	 * @param jobId the job
	 * @param action {@code retry} or {@code cancel}
	 * @param reason why it is cancelled (cancel only)
	 */
	@WriteOperation
	public JobActionResult jobActionWithReason(@Selector String jobId, @Selector String action,
			@Nullable String reason) {
		return act(jobId, action, reason);
	}

	private JobActionResult act(String jobId, String action, @Nullable String reason) {
		return switch (action.toLowerCase(Locale.ROOT)) {
			case "retry" -> {
				boolean retried = this.operations.retry(jobId);
				yield new JobActionResult(jobId, "retry", retried ? "retried" : "not-failed-or-not-found");
			}
			case "cancel" -> {
				CancelResult result = this.operations.cancel(jobId, reason);
				yield new JobActionResult(jobId, "cancel", result.name().toLowerCase(Locale.ROOT).replace('_', '-'));
			}
			default -> throw new InvalidEndpointRequestException("Unknown action '" + action + "': use retry or cancel",
					"Unknown action");
		};
	}

	/**
	 * The app.
	 * @param running whether its workers run
	 * @param adapter the storage
	 * @param tasks its tasks by name
	 * @param schedulerLeader whether this process runs the schedules (the elected leader)
	 * @param schedules every schedule in the store by name, whichever process defined it
	 */
	public record TaskoraDescriptor(boolean running, String adapter, Map<String, TaskDescriptor> tasks,
			boolean schedulerLeader, Map<String, ScheduleDescriptor> schedules) {
	}

	/**
	 * One schedule.
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
	public record ScheduleDescriptor(String task, @Nullable String every, @Nullable String cron,
			@Nullable String zone, @Nullable Object data, boolean overlap, String onMissed, boolean paused,
			@Nullable Instant nextRun, @Nullable Instant lastRun, @Nullable String lastJobId,
			@Nullable String problem) {

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
	 * @param schedule the schedule
	 * @param action the action requested
	 * @param outcome what happened: {@code paused}, {@code resumed}, {@code triggered},
	 * {@code not-found}, or {@code task-not-defined-here} (a trigger of a schedule whose task only
	 * another process defines)
	 * @param jobId the job a trigger dispatched, else {@code null}
	 */
	public record ScheduleActionResult(String schedule, String action, String outcome, @Nullable String jobId) {
	}

	/**
	 * One task.
	 * @param handled whether this process has its handler
	 * @param concurrency jobs a worker runs at once
	 * @param input input type
	 * @param output output type
	 * @param counts jobs per state
	 */
	public record TaskDescriptor(boolean handled, int concurrency, String input, String output,
			Map<String, Long> counts) {
	}

	/**
	 * What a write operation did.
	 * @param id the job
	 * @param action the action requested
	 * @param outcome what happened
	 */
	public record JobActionResult(String id, String action, String outcome) {
	}

}
