package dev.taskora.spring.board;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.taskora.engine.adapter.StoreUnavailableException;
import dev.taskora.spring.core.TaskoraOperations;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.function.HandlerFilterFunction;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * The board, assembled: its routes under {@link BoardSettings#basePath()} (the UI, its
 * assets, the REST API, the live stream, the login when it has its own) and the live
 * stream's {@link BoardEvents}. The host app's MVC setup is left alone: the routes are a
 * {@link RouterFunction} bean, the UI is static files and the JSON goes through the app's
 * converters.
 *
 * <table>
 * <caption>The REST API, under {@code <basePath>/api}</caption>
 * <tr>
 * <td>{@code GET overview}</td>
 * <td>stat cards, tasks with counts and health, the store's server</td>
 * </tr>
 * <tr>
 * <td>{@code GET tasks/{task}/jobs?state&limit&offset}</td>
 * <td>a page of a task's jobs in a state</td>
 * </tr>
 * <tr>
 * <td>{@code GET tasks/{task}/stats}</td>
 * <td>a task's counts</td>
 * </tr>
 * <tr>
 * <td>{@code POST tasks/{task}/retry-all}, {@code POST
 * tasks/{task}/clean?state&olderThan&limit}</td>
 * <td>bulk actions</td>
 * </tr>
 * <tr>
 * <td>{@code GET jobs/{id}}, {@code POST jobs/{id}/retry}, {@code POST
 * jobs/{id}/cancel}</td>
 * <td>one job</td>
 * </tr>
 * <tr>
 * <td>{@code GET schedules}, {@code POST schedules/{name}/pause|resume|trigger},
 * {@code PUT|DELETE schedules/{name}}</td>
 * <td>schedules</td>
 * </tr>
 * <tr>
 * <td>{@code GET dlq?task&limit&offset}, {@code POST dlq/{id}/retry},
 * {@code POST dlq/retry-all}</td>
 * <td>dead letters</td>
 * </tr>
 * <tr>
 * <td>{@code GET throughput?task&minutes}</td>
 * <td>per-minute throughput (24 h by default)</td>
 * </tr>
 * <tr>
 * <td>{@code GET events}</td>
 * <td>Server-Sent Events</td>
 * </tr>
 * <tr>
 * <td>{@code GET config}</td>
 * <td>title, theme, read-only flag, sections, CSRF token</td>
 * </tr>
 * </table>
 * {@link BoardSection} beans add theirs (workflows, migrations).
 */
public final class TaskoraBoard {

	private static final String ASSETS = "META-INF/taskora-board/";

	private static final Set<HttpMethod> MUTATIONS = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE,
			HttpMethod.PATCH);

	private final BoardSettings settings;

	private final BoardApi api;

	private final BoardSchedulesApi schedules;

	private final BoardEvents events;

	private final @Nullable SessionLogin login;

	private final BoardCsrf csrf;

	private final List<BoardSection> sections;

	private final String index;

	/**
	 * @param settings how it is served
	 * @param operations the app
	 * @param redactor masks job values
	 * @param mapper reads request bodies
	 * @param login the built-in login, or {@code null} when something else guards the
	 * board
	 * @param csrf the CSRF token the UI sends back on mutations
	 * @param sections pages capabilities add
	 */
	public TaskoraBoard(BoardSettings settings, TaskoraOperations operations, BoardRedactor redactor, JsonMapper mapper,
			@Nullable SessionLogin login, BoardCsrf csrf, List<BoardSection> sections) {
		this.settings = settings;
		this.api = new BoardApi(operations, redactor);
		this.schedules = new BoardSchedulesApi(operations, redactor, mapper);
		this.events = new BoardEvents(operations.taskora(), this.api::stats, redactor, settings.refreshInterval());
		this.login = login;
		this.csrf = csrf;
		this.sections = List.copyOf(sections);
		this.index = index(settings);
	}

	/** The live stream, a lifecycle bean of its own. */
	public BoardEvents events() {
		return this.events;
	}

	/** Every route of the board. */
	public RouterFunction<ServerResponse> routes() {
		String base = this.settings.basePath();
		String api = this.settings.apiPath();
		RouterFunctions.Builder routes = RouterFunctions.route()
			.GET(base, this::index)
			.GET(base + "/", this::index)
			.GET(api + "/config", this::config)
			.GET(api + "/overview", this.api::overview)
			.GET(api + "/tasks/{task}/jobs", this.api::taskJobs)
			.GET(api + "/tasks/{task}/stats", this.api::taskStats)
			.POST(api + "/tasks/{task}/retry-all", this.api::retryAll)
			.POST(api + "/tasks/{task}/clean", this.api::clean)
			.GET(api + "/jobs/{jobId}", this.api::job)
			.POST(api + "/jobs/{jobId}/retry", this.api::retryJob)
			.POST(api + "/jobs/{jobId}/cancel", this.api::cancelJob)
			.GET(api + "/schedules", this.schedules::list)
			.POST(api + "/schedules/{name}/pause", this.schedules::pause)
			.POST(api + "/schedules/{name}/resume", this.schedules::resume)
			.POST(api + "/schedules/{name}/trigger", this.schedules::trigger)
			.PUT(api + "/schedules/{name}", this.schedules::update)
			.DELETE(api + "/schedules/{name}", this.schedules::delete)
			.GET(api + "/dlq", this.api::deadLetters)
			.POST(api + "/dlq/retry-all", this.api::retryAllDeadLetters)
			.POST(api + "/dlq/{jobId}/retry", this.api::retryDeadLetter)
			.GET(api + "/throughput", this.api::throughput)
			.GET(api + "/events", this.events::stream);
		for (BoardSection section : this.sections) {
			routes.add(section.routes(api));
		}
		if (this.login != null) {
			routes.GET(base + "/login", this.login.loginPage())
				.POST(base + "/auth/login", this.login.login())
				.POST(base + "/auth/logout", this.login.logout());
		}
		routes.add(RouterFunctions.resources(base + "/assets/**", new ClassPathResource(ASSETS)));
		routes.GET(api + "/**", request -> error(HttpStatus.NOT_FOUND,
				"No route " + request.requestPath().pathWithinApplication().value(), null));
		routes.onError(BoardRequestException.class, (ex, request) -> error(((BoardRequestException) ex).status(),
				ex.getMessage(), ((BoardRequestException) ex).parameter()));
		routes.onError(StoreUnavailableException.class,
				(ex, request) -> error(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage(), null));
		routes.filter(readOnly());
		if (this.login != null) {
			routes.filter(this.login.filter());
		}
		return routes.build();
	}

	/**
	 * Read-only: every mutation of the API is refused with 403 (signing in and out stay
	 * open).
	 */
	private HandlerFilterFunction<ServerResponse, ServerResponse> readOnly() {
		return (request, next) -> {
			if (this.settings.readOnly() && MUTATIONS.contains(request.method())
					&& request.requestPath()
						.pathWithinApplication()
						.value()
						.startsWith(this.settings.apiPath() + "/")) {
				return error(HttpStatus.FORBIDDEN, "The board is read-only", null);
			}
			return next.handle(request);
		};
	}

	private ServerResponse index(ServerRequest request) {
		return ServerResponse.ok()
			.contentType(MediaType.TEXT_HTML)
			.header("Cache-Control", "no-store")
			.body(this.index);
	}

	private ServerResponse config(ServerRequest request) {
		Map<String, Object> config = new LinkedHashMap<>();
		config.put("title", this.settings.title());
		config.put("basePath", this.settings.basePath());
		config.put("readOnly", this.settings.readOnly());
		config.put("theme", this.settings.theme());
		config.put("refreshInterval", this.settings.refreshInterval().toMillis());
		config.put("auth", this.settings.auth());
		config.put("sections",
				this.sections.stream().map(section -> Map.of("id", section.id(), "title", section.title())).toList());
		config.put("csrf", this.csrf.token(request.servletRequest()));
		if (this.login != null) {
			this.login.user(request).ifPresent(user -> config.put("user", user));
		}
		else if (request.principal().isPresent()) {
			config.put("user", request.principal().get().getName());
		}
		return ServerResponse.ok().header("Cache-Control", "no-store").body(config);
	}

	private static ServerResponse error(HttpStatus status, @Nullable String message, @Nullable String parameter) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", status.getReasonPhrase());
		body.put("message", (message != null) ? message : status.getReasonPhrase());
		if (parameter != null) {
			body.put("parameter", parameter);
		}
		return ServerResponse.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
	}

	private static String index(BoardSettings settings) {
		try (InputStream in = new ClassPathResource(ASSETS + "index.html").getInputStream()) {
			String html = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return html.replace("%BASE%", HtmlUtils.htmlEscape(settings.basePath()))
				.replace("%TITLE%", HtmlUtils.htmlEscape(settings.title()))
				.replace("%THEME%", HtmlUtils.htmlEscape(settings.theme()));
		}
		catch (IOException ex) {
			throw new IllegalStateException("The board's page " + ASSETS + "index.html is missing", ex);
		}
	}

}
