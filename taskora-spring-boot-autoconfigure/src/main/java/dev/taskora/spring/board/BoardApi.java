package dev.taskora.spring.board;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import dev.taskora.engine.Durations;
import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.inspect.ErrorGroup;
import dev.taskora.engine.inspect.Inspector;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.engine.inspect.Paging;
import dev.taskora.engine.inspect.QueueStats;
import dev.taskora.engine.inspect.RetryOutcome;
import dev.taskora.engine.inspect.ThroughputBucket;
import dev.taskora.spring.board.BoardViews.JobView;
import dev.taskora.spring.board.BoardViews.TaskView;
import dev.taskora.spring.core.CancelResult;
import dev.taskora.spring.core.TaskoraOperations;
import org.jspecify.annotations.Nullable;

import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The reads and the job actions of the board's REST API ({@code api/overview},
 * {@code api/tasks/...}, {@code api/jobs/...}, {@code api/dlq}, {@code api/throughput}),
 * over the inspector and the dead letters. Schedules are {@link BoardSchedulesApi}'s.
 */
final class BoardApi {

	/** Minutes in the overview's throughput chart: 24 hours. */
	static final int DAY_MINUTES = 24 * 60;

	/** What a clean without a {@code limit} deletes at most, as taskora's board. */
	private static final int DEFAULT_CLEAN_LIMIT = 1000;

	private final TaskoraOperations operations;

	private final BoardRedactor redactor;

	BoardApi(TaskoraOperations operations, BoardRedactor redactor) {
		this.operations = operations;
		this.redactor = redactor;
	}

	/**
	 * Stat cards, every task with its counts and health, the store's server and the dead
	 * letters' count.
	 */
	ServerResponse overview(ServerRequest request) {
		return ServerResponse.ok().body(overview());
	}

	Map<String, Object> overview() {
		Inspector inspect = this.operations.inspect();
		Map<String, Map<JobState, Long>> counts = inspect.counts();
		QueueStats total = QueueStats.EMPTY;
		List<TaskView> tasks = new ArrayList<>();
		for (Task<?, ?> task : this.operations.taskora().tasks()) {
			Map<JobState, Long> taskCounts = counts.getOrDefault(task.name(), Map.of());
			QueueStats stats = QueueStats.of(taskCounts);
			total = total.plus(stats);
			tasks.add(new TaskView(task.name(), task.handler() != null, BoardViews.counts(taskCounts),
					TaskView.health(stats)));
		}
		tasks.sort((a, b) -> a.name().compareTo(b.name()));
		Map<String, Object> server = new LinkedHashMap<>();
		server.put("adapter", inspect.adapterName());
		server.put("connected", true);
		server.put("info", serverInfo(inspect, server));
		Map<String, Object> overview = new LinkedHashMap<>();
		overview.put("stats", total);
		overview.put("tasks", tasks);
		overview.put("server", server);
		overview.put("running", this.operations.taskora().isRunning());
		return overview;
	}

	private static Map<String, String> serverInfo(Inspector inspect, Map<String, Object> server) {
		try {
			return inspect.serverInfo();
		}
		catch (RuntimeException ex) {
			server.put("connected", false);
			server.put("problem", String.valueOf(ex.getMessage()));
			return Map.of();
		}
	}

	/** Stats frames of the live stream: totals and every task's counts. */
	Map<String, Object> stats() {
		Map<String, Map<JobState, Long>> counts = this.operations.inspect().counts();
		QueueStats total = QueueStats.EMPTY;
		Map<String, Map<String, Long>> tasks = new LinkedHashMap<>();
		for (Map.Entry<String, Map<JobState, Long>> entry : counts.entrySet()) {
			total = total.plus(QueueStats.of(entry.getValue()));
			tasks.put(entry.getKey(), BoardViews.counts(entry.getValue()));
		}
		return Map.of("stats", total, "tasks", tasks);
	}

	ServerResponse taskJobs(ServerRequest request) {
		String task = task(request);
		JobState state = state(request.param("state").orElse("waiting"));
		Paging paging = paging(request);
		List<JobView> jobs = this.operations.inspect()
			.jobs(task, state, paging)
			.stream()
			.map(job -> BoardViews.job(job, this.redactor, false))
			.toList();
		long total = this.operations.inspect().counts(task).getOrDefault(state, 0L);
		return ServerResponse.ok()
			.body(Map.of("task", task, "state", state.wireName(), "offset", paging.offset(), "limit", paging.limit(),
					"total", total, "jobs", jobs));
	}

	ServerResponse taskStats(ServerRequest request) {
		String task = task(request);
		Map<JobState, Long> counts = this.operations.inspect().counts(task);
		return ServerResponse.ok()
			.body(Map.of("task", task, "counts", BoardViews.counts(counts), "stats", QueueStats.of(counts)));
	}

	ServerResponse retryAll(ServerRequest request) {
		String task = task(request);
		return ServerResponse.ok().body(Map.of("task", task, "retried", this.operations.deadLetters().retryAll(task)));
	}

	/**
	 * Deletes a task's finished jobs: {@code state} (default completed),
	 * {@code olderThan}, {@code limit}.
	 */
	ServerResponse clean(ServerRequest request) {
		String task = task(request);
		String stateName = request.param("state").orElse("completed");
		JobState state = state(stateName);
		if (!state.isTerminal()) {
			throw BoardRequestException.badParameter("state",
					"state must be a finished state (completed, failed, cancelled, expired), was '" + stateName + "'");
		}
		Duration olderThan = parameter("olderThan",
				() -> request.param("olderThan").map(Durations::parse).orElse(Duration.ZERO));
		int limit = intParam(request, "limit", DEFAULT_CLEAN_LIMIT, 1, Integer.MAX_VALUE);
		int cleaned = this.operations.inspect().clean(task, state, olderThan, limit);
		return ServerResponse.ok().body(Map.of("task", task, "state", state.wireName(), "cleaned", cleaned));
	}

	ServerResponse job(ServerRequest request) {
		JobSnapshot<Object, Object> job = findJob(request.pathVariable("jobId"));
		return ServerResponse.ok().body(BoardViews.job(job, this.redactor, true));
	}

	ServerResponse retryJob(ServerRequest request) {
		String id = request.pathVariable("jobId");
		RetryOutcome outcome = this.operations.deadLetters().retry(id);
		return switch (outcome) {
			case RETRIED -> ServerResponse.ok().body(Map.of("id", id, "outcome", "retried"));
			case NOT_FOUND -> throw BoardRequestException.notFound("No job '" + id + "' in any task of this app");
			case NOT_RETRYABLE -> throw BoardRequestException
				.conflict("Job '" + id + "' is not failed or cancelled: only those can be retried");
		};
	}

	ServerResponse cancelJob(ServerRequest request) {
		String id = request.pathVariable("jobId");
		CancelResult result = this.operations.cancel(id, request.param("reason").orElse(null));
		return switch (result) {
			case CANCELLED, CANCELLING ->
				ServerResponse.ok().body(Map.of("id", id, "outcome", result.name().toLowerCase(Locale.ROOT)));
			case NOT_FOUND -> throw BoardRequestException.notFound("No job '" + id + "' in any task of this app");
			case NOT_CANCELLABLE ->
				throw BoardRequestException.conflict("Job '" + id + "' has finished: it cannot be cancelled");
		};
	}

	/**
	 * Dead letters: their count, grouped by error (the most frequent first), and a page
	 * of them.
	 */
	ServerResponse deadLetters(ServerRequest request) {
		Optional<String> task = request.param("task").filter(name -> !name.isEmpty());
		task.ifPresent(this::requireTask);
		Paging paging = paging(request);
		long total = task.map(name -> this.operations.inspect().stats(name))
			.orElseGet(() -> this.operations.inspect().stats())
			.failed();
		List<ErrorGroup> errors = task.map(name -> this.operations.deadLetters().errors(name))
			.orElseGet(() -> this.operations.deadLetters().errors());
		List<JobView> jobs = task.map(name -> this.operations.deadLetters().list(name, paging))
			.orElseGet(() -> this.operations.deadLetters().list(paging))
			.stream()
			.map(job -> BoardViews.job(job, this.redactor, false))
			.toList();
		List<Map<String, Object>> groups = errors.stream()
			.map(group -> Map.<String, Object>of("message", String.valueOf(this.redactor.error(group.message())),
					"count", group.count()))
			.toList();
		return ServerResponse.ok()
			.body(Map.of("total", total, "errors", groups, "offset", paging.offset(), "limit", paging.limit(), "jobs",
					jobs));
	}

	ServerResponse retryDeadLetter(ServerRequest request) {
		return retryJob(request);
	}

	ServerResponse retryAllDeadLetters(ServerRequest request) {
		Optional<String> task = request.param("task").filter(name -> !name.isEmpty());
		task.ifPresent(this::requireTask);
		int retried = task.map(name -> this.operations.deadLetters().retryAll(name))
			.orElseGet(() -> this.operations.deadLetters().retryAll());
		return ServerResponse.ok().body(Map.of("retried", retried));
	}

	/**
	 * Per-minute throughput, of every task or one ({@code task}), the last
	 * {@code minutes} (default 24 h).
	 */
	ServerResponse throughput(ServerRequest request) {
		Optional<String> task = request.param("task").filter(name -> !name.isEmpty());
		task.ifPresent(this::requireTask);
		int minutes = intParam(request, "minutes", DAY_MINUTES, 1, DAY_MINUTES);
		List<ThroughputBucket> buckets = task.map(name -> this.operations.inspect().throughput(name, minutes))
			.orElseGet(() -> this.operations.inspect().throughput(minutes));
		return ServerResponse.ok().body(Map.of("minutes", minutes, "buckets", buckets));
	}

	private JobSnapshot<Object, Object> findJob(String id) {
		return this.operations.findJob(id)
			.orElseThrow(() -> BoardRequestException.notFound("No job '" + id + "' in any task of this app"));
	}

	private String task(ServerRequest request) {
		String task = request.pathVariable("task");
		requireTask(task);
		return task;
	}

	private void requireTask(String task) {
		if (this.operations.findTask(task).isEmpty()) {
			throw BoardRequestException.notFound("No task '" + task + "' in this app");
		}
	}

	static JobState state(String name) {
		JobState state = JobState.fromWire(name.toLowerCase(Locale.ROOT));
		if (state == null) {
			throw BoardRequestException.badParameter("state", "state must be one of waiting, active, delayed,"
					+ " retrying, completed, failed, cancelled, expired; was '" + name + "'");
		}
		return state;
	}

	static Paging paging(ServerRequest request) {
		int limit = intParam(request, "limit", Paging.DEFAULT.limit(), 0, Paging.MAX_LIMIT);
		int offset = intParam(request, "offset", 0, 0, Integer.MAX_VALUE);
		return Paging.of(offset, limit);
	}

	static int intParam(ServerRequest request, String name, int defaultValue, int min, int max) {
		Optional<String> value = request.param(name).filter(text -> !text.isEmpty());
		if (value.isEmpty()) {
			return defaultValue;
		}
		int parsed;
		try {
			parsed = Integer.parseInt(value.get().trim());
		}
		catch (NumberFormatException ex) {
			throw BoardRequestException.badParameter(name, name + " must be an integer, was '" + value.get() + "'");
		}
		if (parsed < min || parsed > max) {
			String range = (max == Integer.MAX_VALUE) ? "at least " + min : "between " + min + " and " + max;
			throw BoardRequestException.badParameter(name, name + " must be " + range + ", was " + parsed);
		}
		return parsed;
	}

	/** The engine's argument check as a 400 naming the parameter. */
	static <T> T parameter(String name, Supplier<T> value) {
		try {
			return value.get();
		}
		catch (IllegalArgumentException ex) {
			throw BoardRequestException.badParameter(name, name + ": " + ex.getMessage());
		}
	}

	static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
