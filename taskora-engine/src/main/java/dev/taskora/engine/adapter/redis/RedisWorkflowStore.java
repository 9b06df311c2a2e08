package dev.taskora.engine.adapter.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.TaskoraException;
import dev.taskora.engine.adapter.StoredWorkflow;
import dev.taskora.engine.adapter.WorkflowAdvance;
import dev.taskora.engine.adapter.WorkflowGraph;
import dev.taskora.engine.adapter.WorkflowHalt;
import dev.taskora.engine.adapter.WorkflowStore;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

/**
 * Workflows in taskora's {@code wf:{id}} hashes; each transition is one call of a script
 * under {@code lua/workflow/}, which also enqueues (or cancels) the node jobs it
 * concerns, in their tasks' keys. A workflow dispatched by Node taskora is advanced from
 * its graph as taskora does; one created here carries per-node fields as well, so that a
 * step touches only its neighbours.
 */
final class RedisWorkflowStore implements WorkflowStore {

	private final RedisAdapter adapter;

	private final RedisKeys keys;

	private final RedisErrors errors;

	RedisWorkflowStore(RedisAdapter adapter, RedisKeys keys, RedisErrors errors) {
		this.adapter = adapter;
		this.keys = keys;
		this.errors = errors;
	}

	@Override
	public CompletableFuture<Void> create(String id, WorkflowGraph graph, long now) {
		Objects.requireNonNull(graph, "graph must not be null");
		if (this.keys.cluster()) {
			return CompletableFuture.failedFuture(new TaskoraException("Workflow " + id
					+ " cannot be stored on a Redis Cluster: a workflow's steps move jobs between the keys of "
					+ "several tasks in one script, and a Cluster keeps each task on a slot of its own (as in "
					+ "taskora). Run workflows on a single Redis (standalone or Sentinel)."));
		}
		int count = graph.nodes().size();
		List<List<Integer>> dependents = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			dependents.add(new ArrayList<>());
		}
		for (int i = 0; i < count; i++) {
			for (int dep : graph.nodes().get(i).deps()) {
				dependents.get(dep).add(i);
			}
		}
		List<String> args = new ArrayList<>(6 + count * 6);
		args.add(this.keys.root());
		args.add(id);
		args.add(WorkflowGraphJson.write(graph));
		args.add(Long.toString(now));
		args.add(Integer.toString(count));
		args.add(csv(graph.terminal()));
		for (int i = 0; i < count; i++) {
			WorkflowGraph.Node node = graph.nodes().get(i);
			args.add(node.task());
			args.add(node.jobId());
			args.add(Integer.toString(node.version()));
			args.add((node.data() != null) ? node.data() : "");
			args.add(csv(node.deps()));
			args.add(csv(dependents.get(i)));
		}
		return this.<Long>run(LuaScript.CREATE_WORKFLOW, "create", id, args).thenApply(created -> null);
	}

	@Override
	public CompletableFuture<WorkflowAdvance> advance(String id, int node, String result, long now) {
		List<String> args = List.of(this.keys.root(), id, Integer.toString(node), result, Long.toString(now));
		return this.<List<Object>>run(LuaScript.ADVANCE_WORKFLOW, "advance", id, args).thenApply(reply -> {
			if (!"1".equals(RedisJobCodec.text(reply.get(0)))) {
				return WorkflowAdvance.ignored();
			}
			boolean completed = "1".equals(RedisJobCodec.text(reply.get(1)));
			List<Integer> dispatched = new ArrayList<>();
			for (String index : RedisJobCodec.text(reply.get(3)).split(",")) {
				if (!index.isEmpty()) {
					dispatched.add(Integer.parseInt(index));
				}
			}
			return new WorkflowAdvance(true, dispatched, completed,
					completed ? RedisJobCodec.text(reply.get(2)) : null);
		});
	}

	@Override
	public CompletableFuture<WorkflowHalt> fail(String id, int node, String error, long now) {
		List<String> args = List.of(this.keys.root(), id, Integer.toString(node), error, Long.toString(now));
		return this.<List<Object>>run(LuaScript.FAIL_WORKFLOW, "fail", id, args).thenApply(RedisWorkflowStore::halt);
	}

	@Override
	public CompletableFuture<WorkflowHalt> cancel(String id, @Nullable String reason, long now) {
		List<String> args = List.of(this.keys.root(), id, (reason != null) ? reason : "", Long.toString(now));
		return this.<List<Object>>run(LuaScript.CANCEL_WORKFLOW, "cancel", id, args)
			.thenApply(RedisWorkflowStore::halt);
	}

	@Override
	public CompletableFuture<@Nullable StoredWorkflow> get(String id) {
		return this.adapter.withSession(s -> this.errors
			.guard(s.commands().hgetall(this.keys.workflow(id)).toCompletableFuture(), "read", subject(id))
			.thenApply(hash -> read(id, hash)));
	}

	@Override
	public CompletableFuture<@Nullable Status> status(String id) {
		return this.adapter.withSession(
				s -> this.errors
					.guard(s.commands().hmget(this.keys.workflow(id), "state", "error").toCompletableFuture(), "read",
							subject(id))
					.thenApply(values -> {
						String state = values.get(0).getValueOrElse(null);
						return (state != null) ? new Status(state, emptyToNull(values.get(1).getValueOrElse(null)))
								: null;
					}));
	}

	@Override
	public CompletableFuture<List<String>> ids() {
		return this.adapter.withSession(s -> {
			List<String> ids = new ArrayList<>();
			String prefix = this.keys.root() + "wf:{";
			return this.errors.guard(scan(s.commands(), ScanCursor.INITIAL, prefix, ids), "list", "workflows");
		});
	}

	private CompletableFuture<List<String>> scan(RedisClusterAsyncCommands<String, String> commands, ScanCursor cursor,
			String prefix, List<String> ids) {
		ScanArgs args = ScanArgs.Builder.matches(this.keys.workflowPattern()).limit(1000);
		return commands.scan(cursor, args).toCompletableFuture().thenCompose((KeyScanCursor<String> page) -> {
			for (String key : page.getKeys()) {
				if (key.startsWith(prefix) && key.endsWith("}")) {
					ids.add(key.substring(prefix.length(), key.length() - 1));
				}
			}
			return page.isFinished() ? CompletableFuture.completedFuture(ids) : scan(commands, page, prefix, ids);
		});
	}

	private static @Nullable StoredWorkflow read(String id, Map<String, String> hash) {
		String graphJson = hash.get("graph");
		if (graphJson == null) {
			return null;
		}
		WorkflowGraph graph = WorkflowGraphJson.read(graphJson);
		List<StoredWorkflow.NodeState> nodes = new ArrayList<>(graph.nodes().size());
		for (int i = 0; i < graph.nodes().size(); i++) {
			String prefix = "n:" + i + ":";
			nodes.add(new StoredWorkflow.NodeState(hash.getOrDefault(prefix + "state", "pending"),
					hash.get(prefix + "result"), emptyToNull(hash.get(prefix + "error"))));
		}
		return new StoredWorkflow(id, graph, hash.getOrDefault("state", "running"),
				RedisJobCodec.toLong(hash.get("createdAt"), 0), hash.get("result"), emptyToNull(hash.get("error")),
				nodes);
	}

	private static WorkflowHalt halt(List<Object> reply) {
		if (!"1".equals(RedisJobCodec.text(reply.get(0)))) {
			return WorkflowHalt.ignored();
		}
		List<WorkflowHalt.NodeJob> active = new ArrayList<>();
		for (int i = 1; i + 2 < reply.size(); i += 3) {
			active.add(new WorkflowHalt.NodeJob(Integer.parseInt(RedisJobCodec.text(reply.get(i + 2))),
					RedisJobCodec.text(reply.get(i)), RedisJobCodec.text(reply.get(i + 1))));
		}
		return new WorkflowHalt(true, active);
	}

	private <T> CompletableFuture<T> run(LuaScript script, String operation, String id, List<String> args) {
		String[] keys = { this.keys.workflow(id) };
		return this.adapter.withSession(s -> {
			CompletableFuture<T> reply = s.scripts.run(script, keys, args.toArray(String[]::new));
			return this.errors.guard(reply, operation, subject(id));
		});
	}

	private static String subject(String id) {
		return "workflow " + id;
	}

	private static String csv(List<Integer> indices) {
		StringBuilder csv = new StringBuilder();
		for (int index : indices) {
			if (!csv.isEmpty()) {
				csv.append(',');
			}
			csv.append(index);
		}
		return csv.toString();
	}

	private static @Nullable String emptyToNull(@Nullable String value) {
		return (value == null || value.isEmpty()) ? null : value;
	}

}
