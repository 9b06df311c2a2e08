package dev.taskora.spring.boot.actuate.endpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.inspect.Paging;
import dev.taskora.engine.inspect.ThroughputBucket;
import dev.taskora.engine.job.TaskOptions;
import dev.taskora.engine.schedule.ScheduleInfo;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.DeadLetterReport;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.ScheduleDescriptor;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.TaskDescriptor;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.TaskoraDescriptor;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.ThroughputReport;
import dev.taskora.spring.core.TaskoraOperations;
import org.jspecify.annotations.Nullable;

/**
 * The endpoint's read-only reports: an app with its tasks and schedules, dead letters and
 * throughput.
 */
final class EndpointReports {

	private EndpointReports() {
	}

	/**
	 * The default app, and the apps beside it under {@code apps} (none with a single
	 * app).
	 */
	static TaskoraDescriptor describe(TaskoraOperations defaultApp, Map<String, TaskoraOperations> apps) {
		Map<String, TaskoraDescriptor> others = null;
		if (!apps.isEmpty()) {
			others = new TreeMap<>();
			for (Map.Entry<String, TaskoraOperations> app : apps.entrySet()) {
				others.put(app.getKey(), describe(app.getValue().taskora(), null));
			}
		}
		return describe(defaultApp.taskora(), others);
	}

	/** An app's tasks with their jobs per state, and every schedule in its store. */
	static TaskoraDescriptor describe(Taskora taskora, @Nullable Map<String, TaskoraDescriptor> apps) {
		Map<String, Map<JobState, Long>> countsByTask = taskora.inspect().counts();
		Map<String, TaskDescriptor> tasks = new TreeMap<>();
		for (Task<?, ?> task : taskora.tasks()) {
			Map<JobState, Long> counts = countsByTask.getOrDefault(task.name(), Map.of());
			Map<String, Long> byState = new LinkedHashMap<>();
			for (JobState state : JobState.values()) {
				byState.put(state.wireName(), counts.getOrDefault(state, 0L));
			}
			TaskOptions options = task.options();
			tasks.put(task.name(), new TaskDescriptor(task.handler() != null, options.concurrency(),
					options.nonBlocking(), task.inputType().toString(), task.outputType().toString(), byState));
		}
		Map<String, ScheduleDescriptor> schedules = new TreeMap<>();
		for (ScheduleInfo schedule : taskora.schedules().list()) {
			schedules.put(schedule.name(), ScheduleDescriptor.of(schedule));
		}
		return new TaskoraDescriptor(taskora.isRunning(), taskora.inspect().adapterName(), tasks,
				taskora.schedules().isLeader(), schedules, apps);
	}

	static DeadLetterReport deadLetters(TaskoraOperations operations, @Nullable String task, Paging paging) {
		if (task == null) {
			return new DeadLetterReport(null, operations.inspect().stats().failed(), operations.deadLetters().errors(),
					operations.deadLetters().list(paging));
		}
		return new DeadLetterReport(task, operations.inspect().stats(task).failed(),
				operations.deadLetters().errors(task), operations.deadLetters().list(task, paging));
	}

	static ThroughputReport throughput(TaskoraOperations operations, @Nullable String task, int minutes) {
		List<ThroughputBucket> buckets = EndpointRequests.valid(() -> (task != null)
				? operations.inspect().throughput(task, minutes) : operations.inspect().throughput(minutes));
		long completed = buckets.stream().mapToLong(ThroughputBucket::completed).sum();
		long failed = buckets.stream().mapToLong(ThroughputBucket::failed).sum();
		return new ThroughputReport(task, minutes, completed, failed, buckets);
	}

}
