package dev.taskora.spring.boot.actuate.endpoint;

import java.util.Locale;

import dev.taskora.engine.schedule.NoSuchScheduleException;
import dev.taskora.engine.schedule.ScheduleInfo;
import dev.taskora.engine.schedule.Schedules;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.ScheduleActionResult;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.ScheduleDescriptor;
import dev.taskora.spring.core.TaskoraOperations;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * The endpoint's operations under {@code schedules/<name>}: reading one schedule,
 * pausing, resuming and triggering it.
 */
final class EndpointSchedules {

	private final TaskoraOperations operations;

	EndpointSchedules(TaskoraOperations operations) {
		this.operations = operations;
	}

	/** One schedule, or {@code null} (404) when there is none of that name. */
	@Nullable ScheduleDescriptor find(String name) {
		return this.operations.taskora().schedules().find(name).map(ScheduleDescriptor::of).orElse(null);
	}

	/**
	 * Pauses or resumes a schedule, or dispatches one run of it now (its cadence
	 * unchanged).
	 */
	ScheduleActionResult act(String name, String action) {
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
			// another process runs this schedule's task; this one cannot dispatch it
			// typed
			return new ScheduleActionResult(name, "trigger", "task-not-defined-here", null);
		}
		return new ScheduleActionResult(name, "trigger", "triggered", schedules.trigger(name).id());
	}

}
