package dev.taskora.spring.board;

import java.util.List;
import java.util.Map;

import dev.taskora.engine.inspect.Paging;
import dev.taskora.engine.workflow.WorkflowInfo;
import dev.taskora.engine.workflow.WorkflowManager;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The board's workflows: {@code api/workflows} (newest first, paged),
 * {@code api/workflows/{id}} (the DAG: nodes with their task, job and state, and the
 * edges between them) and {@code api/workflows/{id}/cancel} (cascading to every pending
 * and running step). The page draws the DAG with nodes colored by state, each linking to
 * its job.
 */
public final class WorkflowsSection implements BoardSection {

	private final WorkflowManager workflows;

	private final BoardRedactor redactor;

	private final JsonMapper mapper;

	/**
	 * @param workflows the app's workflows ({@code taskora.workflows()})
	 * @param redactor masks results and errors
	 * @param mapper reads the stored results
	 */
	public WorkflowsSection(WorkflowManager workflows, BoardRedactor redactor, JsonMapper mapper) {
		this.workflows = workflows;
		this.redactor = redactor;
		this.mapper = mapper;
	}

	@Override
	public String id() {
		return "workflows";
	}

	@Override
	public String title() {
		return "Workflows";
	}

	@Override
	public RouterFunction<ServerResponse> routes(String apiPath) {
		return RouterFunctions.route()
			.GET(apiPath + "/workflows", this::list)
			.GET(apiPath + "/workflows/{id}", this::workflow)
			.POST(apiPath + "/workflows/{id}/cancel", this::cancel)
			.build();
	}

	private ServerResponse list(ServerRequest request) {
		Paging paging = BoardApi.paging(request);
		List<WorkflowInfo> all = this.workflows.list();
		List<Summary> page = all.stream()
			.skip(paging.offset())
			.limit(paging.limit())
			.map(info -> new Summary(info.id(), info.name(), info.state().wireName(), info.createdAt(),
					info.nodes().size(),
					info.nodes().stream().filter(node -> node.state().equals("completed")).count()))
			.toList();
		return ServerResponse.ok().body(Map.of("total", all.size(), "workflows", page));
	}

	private ServerResponse workflow(ServerRequest request) {
		WorkflowInfo info = find(request.pathVariable("id"));
		List<NodeView> nodes = info.nodes()
			.stream()
			.map(node -> new NodeView(node.index(), node.task(), node.jobId(), node.deps(), node.state(),
					this.redactor.error(node.error())))
			.toList();
		return ServerResponse.ok()
			.body(new Detail(info.id(), info.name(), info.state().wireName(), info.createdAt(), result(info.result()),
					this.redactor.error(info.error()), nodes, info.edges(), info.terminal()));
	}

	private ServerResponse cancel(ServerRequest request) {
		WorkflowInfo info = find(request.pathVariable("id"));
		if (!this.workflows.cancel(info.id(), request.param("reason").orElse(null))) {
			throw BoardRequestException.conflict("Workflow '" + info.id() + "' is " + info.state().wireName()
					+ ": only a running workflow can be cancelled");
		}
		return ServerResponse.ok().body(Map.of("id", info.id(), "outcome", "cancelled"));
	}

	private WorkflowInfo find(String id) {
		return this.workflows.find(id).orElseThrow(() -> BoardRequestException.notFound("No workflow '" + id + "'"));
	}

	private @Nullable JsonNode result(@Nullable String json) {
		if (json == null) {
			return null;
		}
		try {
			return this.redactor.value(this.mapper.readTree(json));
		}
		catch (JacksonException ex) {
			return this.redactor.value(json);
		}
	}

	/**
	 * A workflow in the list.
	 *
	 * @param id its id
	 * @param name its name
	 * @param state {@code running}, {@code completed}, {@code failed} or
	 * {@code cancelled}
	 * @param createdAt when it was dispatched (epoch milliseconds)
	 * @param nodes how many steps it has
	 * @param done how many of them completed
	 */
	public record Summary(String id, @Nullable String name, String state, long createdAt, int nodes, long done) {
	}

	/**
	 * One workflow's DAG.
	 *
	 * @param id its id
	 * @param name its name
	 * @param state its state
	 * @param createdAt when it was dispatched
	 * @param result its result, masked
	 * @param error why it failed
	 * @param nodes its steps
	 * @param edges from each step to the steps waiting for it
	 * @param terminal the steps whose results make the workflow's
	 */
	public record Detail(String id, @Nullable String name, String state, long createdAt, @Nullable JsonNode result,
			@Nullable String error, List<NodeView> nodes, List<WorkflowInfo.Edge> edges, List<Integer> terminal) {
	}

	/**
	 * One step.
	 *
	 * @param index its index in the graph
	 * @param task its task
	 * @param jobId its job
	 * @param deps the steps it waits for
	 * @param state {@code pending}, {@code active}, {@code completed}, {@code failed} or
	 * {@code cancelled}
	 * @param error why it failed
	 */
	public record NodeView(int index, String task, String jobId, List<Integer> deps, String state,
			@Nullable String error) {
	}

}
