package dev.taskora.spring.boot.actuate.endpoint;

import java.time.Duration;
import java.util.Locale;

import dev.taskora.engine.Durations;
import dev.taskora.engine.JobState;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.JobActionResult;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.TaskActionResult;
import dev.taskora.spring.core.TaskoraOperations;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * The endpoint's write operations on jobs and tasks: retrying and cancelling a job,
 * retrying every dead letter, cleaning a task's finished jobs.
 */
final class EndpointActions {

	static final String DEAD_LETTERS = "dead-letters";

	/** What a clean without a {@code limit} deletes at most, as taskora's board. */
	private static final int DEFAULT_CLEAN_LIMIT = 1000;

	private final TaskoraOperations operations;

	EndpointActions(TaskoraOperations operations) {
		this.operations = operations;
	}

	/** Retries or cancels a job; under {@code dead-letters}, retries every failed job. */
	Object onJob(String jobId, String action, @Nullable String reason) {
		if (jobId.equals(DEAD_LETTERS)) {
			EndpointRequests.requireAction(action, "retry-all",
					"Unknown dead-letters action '" + action + "': use retry-all");
			return new TaskActionResult(null, "retry-all", this.operations.deadLetters().retryAll());
		}
		return switch (action.toLowerCase(Locale.ROOT)) {
			case "retry" -> new JobActionResult(jobId, "retry",
					EndpointRequests.outcome(this.operations.deadLetters().retry(jobId)));
			case "cancel" ->
				new JobActionResult(jobId, "cancel", EndpointRequests.outcome(this.operations.cancel(jobId, reason)));
			default -> throw new InvalidEndpointRequestException("Unknown action '" + action + "': use retry or cancel",
					"Unknown action");
		};
	}

	/** Retries a task's dead letters, or deletes its jobs in a finished state. */
	TaskActionResult onTask(String task, String section, String action, @Nullable String olderThan,
			@Nullable Integer limit) {
		if (this.operations.findTask(task).isEmpty()) {
			throw new InvalidEndpointRequestException("No task '" + task + "' in this app", "Unknown task");
		}
		if (section.equals(DEAD_LETTERS)) {
			EndpointRequests.requireAction(action, "retry-all",
					"Unknown dead-letters action '" + action + "': use retry-all");
			return new TaskActionResult(task, "retry-all", this.operations.deadLetters().retryAll(task));
		}
		EndpointRequests.requireAction(action, "clean",
				"Unknown action '" + action + "': use <state>/clean or dead-letters/retry-all");
		JobState state = EndpointRequests.state(section,
				"Unknown state '" + section + "': clean takes completed, failed, cancelled or expired");
		Duration age = EndpointRequests.valid(() -> (olderThan != null) ? Durations.parse(olderThan) : Duration.ZERO);
		int cleaned = EndpointRequests.valid(
				() -> this.operations.inspect().clean(task, state, age, (limit != null) ? limit : DEFAULT_CLEAN_LIMIT));
		return new TaskActionResult(task, "clean " + state.wireName(), cleaned);
	}

}
