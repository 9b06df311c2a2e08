package dev.taskora.engine.adapter.redis;

import java.util.ArrayList;
import java.util.List;

import dev.taskora.engine.adapter.WorkflowGraph;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code graph} field of taskora's workflow hash:
 * {@code {"nodes":[{"taskName","deps":[..],"jobId","_v","data"?}],"terminal":[..],"name"?}},
 * where a node's {@code data} is the serialized input as a JSON string.
 */
final class WorkflowGraphJson {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private WorkflowGraphJson() {
	}

	static String write(WorkflowGraph graph) {
		ObjectNode root = MAPPER.createObjectNode();
		ArrayNode nodes = root.putArray("nodes");
		for (WorkflowGraph.Node node : graph.nodes()) {
			ObjectNode json = nodes.addObject();
			json.put("taskName", node.task());
			ArrayNode deps = json.putArray("deps");
			node.deps().forEach(deps::add);
			json.put("jobId", node.jobId());
			json.put("_v", node.version());
			if (node.data() != null) {
				json.put("data", node.data());
			}
		}
		ArrayNode terminal = root.putArray("terminal");
		graph.terminal().forEach(terminal::add);
		if (graph.name() != null) {
			root.put("name", graph.name());
		}
		return MAPPER.writeValueAsString(root);
	}

	static WorkflowGraph read(String json) {
		JsonNode root = MAPPER.readTree(json);
		List<WorkflowGraph.Node> nodes = new ArrayList<>();
		for (JsonNode node : root.path("nodes")) {
			List<Integer> deps = new ArrayList<>();
			node.path("deps").forEach(dep -> deps.add(dep.asInt()));
			JsonNode data = node.get("data");
			nodes.add(new WorkflowGraph.Node(node.path("taskName").asString(), deps, node.path("jobId").asString(),
					node.path("_v").asInt(1), (data != null && data.isString()) ? data.asString() : null));
		}
		List<Integer> terminal = new ArrayList<>();
		root.path("terminal").forEach(index -> terminal.add(index.asInt()));
		JsonNode name = root.get("name");
		return new WorkflowGraph(nodes, terminal, (name != null && name.isString()) ? name.asString() : null);
	}

}
