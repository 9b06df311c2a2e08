package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.serialize.TypeRef;
import dev.taskora.engine.testing.JobProcessor;
import dev.taskora.engine.workflow.WorkflowFailedException;
import dev.taskora.engine.workflow.WorkflowHandle;
import dev.taskora.engine.workflow.WorkflowInfo;
import dev.taskora.engine.workflow.WorkflowState;
import io.lettuce.core.XAddArgs;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.taskora.engine.workflow.Workflows.chain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Workflows shared with Node taskora 0.5 on one Redis: a workflow written exactly as
 * Node's dispatcher writes it (CREATE_WORKFLOW, then ENQUEUE of the roots with
 * {@code _wf}/{@code _wfNode}) is advanced to completion by Java workers, and a workflow
 * dispatched here carries the graph and node fields Node's ADVANCE_WORKFLOW reads.
 */
class RedisWorkflowWireIntegrationTests extends RedisIntegrationTestSupport {

	@Test
	void aChordNodeTaskoraDispatchedCompletesOnJavaWorkers() {
		Taskora app = Taskora.builder().adapter(this.adapter).build();
		String price = task();
		String total = task();
		app.task(price, String.class, Integer.class).handler((symbol, ctx) -> symbol.length() * 100);
		app.task(total, new TypeRef<List<Integer>>() {
		}, TypeRef.of(Integer.class)).handler((prices, ctx) -> prices.stream().mapToInt(Integer::intValue).sum());
		String workflowId = id();
		String[] jobs = { id(), id(), id() };
		String graph = "{\"nodes\":[{\"taskName\":\"" + price + "\",\"deps\":[],\"jobId\":\"" + jobs[0]
				+ "\",\"_v\":1,\"data\":\"\\\"AAPL\\\"\"},{\"taskName\":\"" + price + "\",\"deps\":[],\"jobId\":\""
				+ jobs[1] + "\",\"_v\":1,\"data\":\"\\\"GOOGLE\\\"\"},{\"taskName\":\"" + total
				+ "\",\"deps\":[0,1],\"jobId\":\"" + jobs[2] + "\",\"_v\":1}],\"terminal\":[2],\"name\":\"chord("
				+ price + ", " + price + " → " + total + ")\"}";
		String key = "taskora:" + this.prefix + ":wf:{" + workflowId + "}";
		Map<String, String> hash = new HashMap<>(Map.of("graph", graph, "state", "running", "createdAt",
				Long.toString(now()), "n:0:state", "pending", "n:1:state", "pending", "n:2:state", "pending"));
		raw.commands().hset(key, hash);
		nodeEnqueue(price, jobs[0], "\"AAPL\"", workflowId, 0);
		nodeEnqueue(price, jobs[1], "\"GOOGLE\"", workflowId, 1);

		assertThat(new JobProcessor(app).processAll()).isEqualTo(3);

		assertThat(raw.hash(key)).containsEntry("state", "completed")
			.containsEntry("result", "1000")
			.containsEntry("n:0:result", "400")
			.containsEntry("n:2:state", "completed");
		assertThat(raw.hash(keys(total).job(jobs[2]))).containsEntry("data", "[400,600]")
			.containsEntry("_wf", workflowId)
			.containsEntry("_wfNode", "2")
			.containsEntry("state", "completed");
		WorkflowInfo info = app.workflows().find(workflowId).orElseThrow();
		assertThat(info.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(app.workflows().handle(workflowId).await(WAIT)).isEqualTo(1000);
		app.close(Duration.ofSeconds(5));
	}

	@Test
	void aNodeTaskoraWorkflowWhoseStepFailsHereIsFailedWithItsOtherRootJobCancelled() {
		Taskora app = Taskora.builder().adapter(this.adapter).build();
		String bad = task();
		String price = task();
		String total = task();
		app.task(bad, String.class, Integer.class).handler((symbol, ctx) -> {
			throw new IllegalStateException("no quote for " + symbol);
		});
		String workflowId = id();
		String[] jobs = { id(), id(), id() };
		String graph = "{\"nodes\":[{\"taskName\":\"" + bad + "\",\"deps\":[],\"jobId\":\"" + jobs[0]
				+ "\",\"_v\":1,\"data\":\"\\\"AAPL\\\"\"},{\"taskName\":\"" + price + "\",\"deps\":[],\"jobId\":\""
				+ jobs[1] + "\",\"_v\":1,\"data\":\"\\\"GOOGLE\\\"\"},{\"taskName\":\"" + total
				+ "\",\"deps\":[0,1],\"jobId\":\"" + jobs[2] + "\",\"_v\":1}],\"terminal\":[2]}";
		String key = "taskora:" + this.prefix + ":wf:{" + workflowId + "}";
		raw.commands()
			.hset(key, Map.of("graph", graph, "state", "running", "createdAt", Long.toString(now()), "n:0:state",
					"pending", "n:1:state", "pending", "n:2:state", "pending"));
		nodeEnqueue(bad, jobs[0], "\"AAPL\"", workflowId, 0);
		nodeEnqueue(price, jobs[1], "\"GOOGLE\"", workflowId, 1);

		new JobProcessor(app).processAll();

		assertThat(raw.hash(key)).containsEntry("state", "failed")
			.containsEntry("error", "no quote for AAPL")
			.containsEntry("n:0:state", "failed")
			.containsEntry("n:1:state", "cancelled")
			.containsEntry("n:2:state", "cancelled");
		assertThat(raw.hash(keys(price).job(jobs[1]))).containsEntry("state", "cancelled")
			.containsEntry("cancelReason", "workflow failed");
		assertThat(raw.hash(keys(total).job(jobs[2]))).containsEntry("state", "cancelled");
		app.close(Duration.ofSeconds(5));
	}

	@Test
	void aWorkflowDispatchedHereCarriesTheFieldsNodesAdvanceReads() {
		Taskora app = Taskora.builder().adapter(this.adapter).build();
		Task<Integer, Integer> doubler = app.task(task(), Integer.class, Integer.class).handler((n, ctx) -> n * 2);

		WorkflowHandle<Integer> handle = chain(doubler.s(21), doubler.s()).dispatch();
		handle.awaitDispatched(WAIT);

		String key = "taskora:" + this.prefix + ":wf:{" + handle.id() + "}";
		Map<String, String> hash = raw.hash(key);
		assertThat(hash).containsEntry("state", "running")
			.containsEntry("n:0:state", "active")
			.containsEntry("n:1:state", "pending")
			.containsKey("createdAt");
		JsonNode graph = JsonMapper.builder().build().readTree(hash.get("graph"));
		assertThat(graph.path("nodes").get(0).path("taskName").asString()).isEqualTo(doubler.name());
		assertThat(graph.path("nodes").get(0).path("data").asString()).isEqualTo("21");
		assertThat(graph.path("nodes").get(1).has("data")).isFalse();
		assertThat(graph.path("nodes").get(1).path("deps").get(0).asInt()).isZero();
		assertThat(graph.path("terminal").get(0).asInt()).isEqualTo(1);
		String root = graph.path("nodes").get(0).path("jobId").asString();
		assertThat(raw.hash(keys(doubler.name()).job(root))).containsEntry("_wf", handle.id())
			.containsEntry("_wfNode", "0")
			.containsEntry("maxAttempts", "1")
			.containsEntry("state", "waiting");

		new JobProcessor(app).processAll();
		assertThat(handle.await(WAIT)).isEqualTo(84);
		app.close(Duration.ofSeconds(5));
	}

	@Test
	void aWideWorkflowDispatchedHereCompletesThoughANodeWorkerAdvancedMostOfItsNodes() {
		Taskora app = Taskora.builder().adapter(this.adapter).build();
		Task<Integer, Integer> doubler = app.task(task(), Integer.class, Integer.class).handler((n, ctx) -> n * 2);
		List<Integer> items = IntStream.range(0, 70).boxed().toList();
		WorkflowHandle<List<Integer>> handle = doubler.map(items);
		handle.awaitDispatched(WAIT);
		String key = "taskora:" + this.prefix + ":wf:{" + handle.id() + "}";
		JsonNode graph = JsonMapper.builder().build().readTree(raw.hash(key).get("graph"));

		// a Node worker runs 58 of the 70 jobs; its ADVANCE_WORKFLOW marks each node
		// completed in
		// the hash and keeps no count of the terminal nodes left
		for (int i = 12; i < 70; i++) {
			String jobId = graph.path("nodes").get(i).path("jobId").asString();
			raw.commands().lrem(keys(doubler.name()).waitList(), 0, jobId);
			raw.commands().hset(keys(doubler.name()).job(jobId), Map.of("state", "completed", "result", "" + i * 2));
			raw.commands().hset(key, Map.of("n:" + i + ":state", "completed", "n:" + i + ":result", "" + i * 2));
		}
		new JobProcessor(app).processAll();

		assertThat(raw.hash(key)).containsEntry("state", "completed");
		assertThat(handle.await(WAIT)).isEqualTo(items.stream().map(n -> n * 2).toList());
		app.close(Duration.ofSeconds(5));
	}

	@Test
	void aWorkflowDispatchedHereThatANodeWorkerFailsEndsItsHandleWithTheFailure() {
		Taskora app = Taskora.builder().adapter(this.adapter).build();
		Task<Integer, Integer> doubler = app.task(task(), Integer.class, Integer.class).handler((n, ctx) -> n * 2);
		WorkflowHandle<Integer> handle = chain(doubler.s(3), doubler.s(), doubler.s()).dispatch();
		handle.awaitDispatched(WAIT);
		String key = "taskora:" + this.prefix + ":wf:{" + handle.id() + "}";
		JsonNode graph = JsonMapper.builder().build().readTree(raw.hash(key).get("graph"));
		String root = graph.path("nodes").get(0).path("jobId").asString();

		// a Node worker fails the first step: its FAIL_WORKFLOW marks the pending steps
		// failed and
		// creates no job for them
		raw.commands().lrem(keys(doubler.name()).waitList(), 0, root);
		raw.commands().hset(keys(doubler.name()).job(root), Map.of("state", "failed", "error", "boom (node)"));
		raw.commands()
			.hset(key, Map.of("state", "failed", "error", "boom (node)", "n:0:state", "failed", "n:0:error",
					"boom (node)", "n:1:state", "failed", "n:2:state", "failed"));

		assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOf(WorkflowFailedException.class)
			.hasMessageContaining("boom (node)");
		app.close(Duration.ofSeconds(5));
	}

	private void nodeEnqueue(String task, String id, String data, String workflowId, int node) {
		RedisKeys.Task k = keys(task);
		raw.commands()
			.hset(k.job(id), Map.of("ts", Long.toString(now()), "_v", "1", "attempt", "1", "maxAttempts", "1", "state",
					"waiting", "priority", "0", "data", data, "_wf", workflowId, "_wfNode", Integer.toString(node)));
		raw.commands().lpush(k.waitList(), id);
		raw.commands().zadd(k.marker(), 0, "0");
		raw.commands()
			.xadd(k.events(), XAddArgs.Builder.maxlen(10_000).approximateTrimming(), "event", "waiting", "jobId", id);
	}

}
