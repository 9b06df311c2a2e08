package dev.taskora.spring.boot.actuate.endpoint;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.inspect.JobSnapshot;
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
 * {@code {"reason": "..."}} gives a reason.</li>
 * </ul>
 * Both write operations work with no body and no content type ({@code curl -XPOST url}): Boot maps
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

	/** Every task of this app with its jobs per state. */
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
		return new TaskoraDescriptor(taskora.isRunning(), taskora.inspect().adapterName(), tasks);
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
	 */
	public record TaskoraDescriptor(boolean running, String adapter, Map<String, TaskDescriptor> tasks) {
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
