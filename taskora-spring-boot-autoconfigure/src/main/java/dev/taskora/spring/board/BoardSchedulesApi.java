package dev.taskora.spring.board;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.schedule.InvalidScheduleException;
import dev.taskora.engine.schedule.MissedRunPolicy;
import dev.taskora.engine.schedule.NoSuchScheduleException;
import dev.taskora.engine.schedule.ScheduleInfo;
import dev.taskora.engine.schedule.ScheduleUpdate;
import dev.taskora.engine.schedule.Schedules;
import dev.taskora.spring.board.BoardViews.ScheduleView;
import dev.taskora.spring.core.TaskoraOperations;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code api/schedules}: every schedule in the store, and pausing, resuming, triggering,
 * updating, removing one.
 */
final class BoardSchedulesApi {

	private final TaskoraOperations operations;

	private final BoardRedactor redactor;

	private final JsonMapper mapper;

	BoardSchedulesApi(TaskoraOperations operations, BoardRedactor redactor, JsonMapper mapper) {
		this.operations = operations;
		this.redactor = redactor;
		this.mapper = mapper;
	}

	ServerResponse list(ServerRequest request) {
		Schedules schedules = this.operations.schedules();
		List<ScheduleView> views = schedules.list()
			.stream()
			.map(info -> BoardViews.schedule(info, this.redactor))
			.toList();
		return ServerResponse.ok().body(Map.of("leader", schedules.isLeader(), "schedules", views));
	}

	ServerResponse pause(ServerRequest request) {
		String name = name(request);
		act(name, () -> this.operations.schedules().pause(name));
		return ServerResponse.ok().body(view(name));
	}

	ServerResponse resume(ServerRequest request) {
		String name = name(request);
		act(name, () -> this.operations.schedules().resume(name));
		return ServerResponse.ok().body(view(name));
	}

	/** One run now; the cadence is left as it is. */
	ServerResponse trigger(ServerRequest request) {
		String name = name(request);
		ScheduleInfo info = find(name);
		if (this.operations.findTask(info.task()).isEmpty()) {
			throw BoardRequestException.conflict("Schedule '" + name + "' runs task '" + info.task()
					+ "', which another process defines: trigger it there");
		}
		ResultHandle<?> handle;
		try {
			handle = this.operations.schedules().trigger(name);
		}
		catch (NoSuchScheduleException ex) {
			throw notFound(name);
		}
		return ServerResponse.ok().body(Map.of("schedule", name, "jobId", handle.id()));
	}

	/**
	 * A JSON body with any of {@code every}, {@code cron}, {@code zone}, {@code data},
	 * {@code overlap}, {@code onMissed}.
	 */
	ServerResponse update(ServerRequest request) throws Exception {
		String name = name(request);
		find(name);
		JsonNode body = this.mapper.readTree(request.servletRequest().getInputStream());
		if (body == null || !body.isObject()) {
			throw BoardRequestException.badParameter("body",
					"The body must be a JSON object with any of every, cron," + " zone, data, overlap, onMissed");
		}
		ScheduleUpdate update = ScheduleUpdate.create();
		try {
			if (body.hasNonNull("every")) {
				JsonNode every = body.get("every");
				update = every.isNumber() ? update.every(Duration.ofMillis(every.longValue()))
						: update.every(every.asString());
			}
			if (body.hasNonNull("cron")) {
				update = update.cron(body.get("cron").asString());
			}
			if (body.hasNonNull("zone")) {
				update = update.zone(body.get("zone").asString());
			}
			if (body.has("data")) {
				update = update
					.data(body.get("data").isNull() ? null : this.mapper.treeToValue(body.get("data"), Object.class));
			}
			if (body.hasNonNull("overlap")) {
				update = update.overlap(body.get("overlap").asBoolean());
			}
			if (body.hasNonNull("onMissed")) {
				update = update.onMissed(MissedRunPolicy.parse(body.get("onMissed").asString()));
			}
			this.operations.schedules().update(name, update);
		}
		catch (NoSuchScheduleException ex) {
			throw notFound(name);
		}
		catch (InvalidScheduleException ex) {
			throw BoardRequestException.badParameter(ex.field(), String.valueOf(ex.getMessage()));
		}
		catch (IllegalArgumentException ex) {
			throw BoardRequestException.badParameter("body", String.valueOf(ex.getMessage()));
		}
		return ServerResponse.ok().body(view(name));
	}

	ServerResponse delete(ServerRequest request) {
		String name = name(request);
		if (!this.operations.schedules().remove(name)) {
			throw notFound(name);
		}
		return ServerResponse.ok().body(Map.of("schedule", name, "removed", true));
	}

	private ScheduleView view(String name) {
		return BoardViews.schedule(find(name), this.redactor);
	}

	private ScheduleInfo find(String name) {
		return this.operations.schedules().find(name).orElseThrow(() -> notFound(name));
	}

	private static void act(String name, Runnable action) {
		try {
			action.run();
		}
		catch (NoSuchScheduleException ex) {
			throw notFound(name);
		}
	}

	private static String name(ServerRequest request) {
		return request.pathVariable("name");
	}

	private static BoardRequestException notFound(String name) {
		return BoardRequestException.notFound("No schedule '" + name + "'");
	}

}
