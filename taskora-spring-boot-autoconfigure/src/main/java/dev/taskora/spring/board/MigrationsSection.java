package dev.taskora.spring.board;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import dev.taskora.engine.Task;
import dev.taskora.engine.inspect.MigrationStatus;
import dev.taskora.spring.core.TaskoraOperations;

import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The board's migrations view: {@code api/tasks/{task}/migrations} (a task's payload
 * version, {@code since}, its migration steps, how many waiting, active and delayed jobs
 * carry each version, and {@code canBumpSince}, the highest {@code since} no stored job
 * is below) and {@code api/migrations} (the same for every task).
 */
public final class MigrationsSection implements BoardSection {

	private final TaskoraOperations operations;

	/**
	 * @param operations the app
	 */
	public MigrationsSection(TaskoraOperations operations) {
		this.operations = operations;
	}

	@Override
	public String id() {
		return "migrations";
	}

	@Override
	public String title() {
		return "Migrations";
	}

	@Override
	public RouterFunction<ServerResponse> routes(String apiPath) {
		return RouterFunctions.route()
			.GET(apiPath + "/migrations", this::all)
			.GET(apiPath + "/tasks/{task}/migrations", this::task)
			.build();
	}

	private ServerResponse all(ServerRequest request) {
		List<Map<String, Object>> tasks = this.operations.taskora()
			.tasks()
			.stream()
			.map(Task::name)
			.sorted(Comparator.naturalOrder())
			.map(name -> view(this.operations.inspect().migrations(name)))
			.toList();
		return ServerResponse.ok().body(Map.of("tasks", tasks));
	}

	private ServerResponse task(ServerRequest request) {
		String task = request.pathVariable("task");
		if (this.operations.findTask(task).isEmpty()) {
			throw BoardRequestException.notFound("No task '" + task + "' in this app");
		}
		return ServerResponse.ok().body(view(this.operations.inspect().migrations(task)));
	}

	private static Map<String, Object> view(MigrationStatus status) {
		return Map.of("task", status.task(), "version", status.version(), "since", status.since(), "migrations",
				status.migrations(), "queue", status.queue(), "delayed", status.delayed(), "total",
				status.jobs().total(), "canBumpSince", status.canBumpSince());
	}

}
