package dev.taskora.engine.adapter.memory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.StoredWorkflow;
import dev.taskora.engine.adapter.WireEvent;
import dev.taskora.engine.adapter.WorkflowAdvance;
import dev.taskora.engine.adapter.WorkflowGraph;
import dev.taskora.engine.adapter.WorkflowHalt;
import dev.taskora.engine.adapter.WorkflowStore;
import org.jspecify.annotations.Nullable;

/**
 * Workflows in memory, each transition one section under the store lock, with the
 * semantics of the Redis adapter's {@code lua/workflow/} scripts: a node's job is
 * enqueued when its last dependency completes, pending nodes of a failed or cancelled
 * workflow get a {@code cancelled} job.
 */
final class MemoryWorkflowStore implements WorkflowStore {

	private final MemoryStore store;

	/** Guarded by the store lock. */
	private final Map<String, Workflow> workflows = new HashMap<>();

	MemoryWorkflowStore(MemoryStore store) {
		this.store = store;
	}

	@Override
	public CompletableFuture<Void> create(String id, WorkflowGraph graph, long now) {
		Objects.requireNonNull(graph, "graph must not be null");
		return this.store.atomically(() -> {
			if (this.workflows.containsKey(id)) {
				throw new IllegalArgumentException("Workflow '" + id + "' already exists");
			}
			Workflow workflow = new Workflow(graph, now);
			this.workflows.put(id, workflow);
			for (int i = 0; i < graph.nodes().size(); i++) {
				WorkflowGraph.Node node = graph.nodes().get(i);
				if (node.deps().isEmpty()) {
					enqueue(id, workflow, i, Objects.requireNonNull(node.data(), "root node data"), now);
				}
			}
			return null;
		});
	}

	@Override
	public CompletableFuture<WorkflowAdvance> advance(String id, int node, String result, long now) {
		return this.store.atomically(() -> {
			Workflow workflow = this.workflows.get(id);
			if (workflow == null || !workflow.state.equals("running") || !workflow.has(node)) {
				return WorkflowAdvance.ignored();
			}
			if (workflow.states[node].equals("completed")) {
				return new WorkflowAdvance(true, List.of(), false, null);
			}
			workflow.states[node] = "completed";
			workflow.results[node] = result;
			List<Integer> dispatched = new ArrayList<>();
			for (int next : workflow.dependents.get(node)) {
				WorkflowGraph.Node candidate = workflow.graph.nodes().get(next);
				if (workflow.states[next].equals("pending") && workflow.allCompleted(candidate.deps())) {
					enqueue(id, workflow, next, workflow.input(candidate), now);
					dispatched.add(next);
				}
			}
			if (workflow.isTerminal(node) && --workflow.terminalsLeft == 0) {
				workflow.state = "completed";
				workflow.result = workflow.joined(workflow.graph.terminal());
				return new WorkflowAdvance(true, dispatched, true, workflow.result);
			}
			return new WorkflowAdvance(true, dispatched, false, null);
		});
	}

	@Override
	public CompletableFuture<WorkflowHalt> fail(String id, int node, String error, long now) {
		return this.store.atomically(() -> {
			Workflow workflow = this.workflows.get(id);
			if (workflow == null || !workflow.state.equals("running")) {
				return WorkflowHalt.ignored();
			}
			if (workflow.has(node)) {
				workflow.states[node] = "failed";
				workflow.errors[node] = error;
			}
			workflow.state = "failed";
			workflow.error = error;
			return halt(id, workflow, "workflow failed", now);
		});
	}

	@Override
	public CompletableFuture<WorkflowHalt> cancel(String id, @Nullable String reason, long now) {
		return this.store.atomically(() -> {
			Workflow workflow = this.workflows.get(id);
			if (workflow == null || !workflow.state.equals("running")) {
				return WorkflowHalt.ignored();
			}
			workflow.state = "cancelled";
			if (reason != null && !reason.isEmpty()) {
				workflow.error = reason;
			}
			return halt(id, workflow, (reason != null && !reason.isEmpty()) ? reason : "workflow cancelled", now);
		});
	}

	@Override
	public CompletableFuture<@Nullable StoredWorkflow> get(String id) {
		return this.store.atomically(() -> {
			Workflow workflow = this.workflows.get(id);
			if (workflow == null) {
				return null;
			}
			List<StoredWorkflow.NodeState> nodes = new ArrayList<>(workflow.states.length);
			for (int i = 0; i < workflow.states.length; i++) {
				nodes.add(new StoredWorkflow.NodeState(workflow.states[i], workflow.results[i], workflow.errors[i]));
			}
			return new StoredWorkflow(id, workflow.graph, workflow.state, workflow.createdAt, workflow.result,
					workflow.error, nodes);
		});
	}

	@Override
	public CompletableFuture<List<String>> ids() {
		return this.store.atomically(() -> List.copyOf(this.workflows.keySet()));
	}

	/** Drops every workflow (the adapter's {@code clear()}). */
	void clear() {
		this.store.atomically(() -> {
			this.workflows.clear();
			return null;
		});
	}

	private WorkflowHalt halt(String id, Workflow workflow, String reason, long now) {
		List<WorkflowHalt.NodeJob> active = new ArrayList<>();
		for (int i = 0; i < workflow.states.length; i++) {
			WorkflowGraph.Node node = workflow.graph.nodes().get(i);
			if (workflow.states[i].equals("active")) {
				active.add(new WorkflowHalt.NodeJob(i, node.task(), node.jobId()));
				workflow.states[i] = "cancelled";
			}
			else if (workflow.states[i].equals("pending")) {
				workflow.states[i] = "cancelled";
				MemoryTaskQueue queue = this.store.queue(node.task());
				MemoryJob existing = queue.job(node.jobId());
				if (existing != null && !existing.state.isTerminal()) {
					active.add(new WorkflowHalt.NodeJob(i, node.task(), node.jobId()));
				}
				else if (existing == null) {
					MemoryJob job = new MemoryJob(node.task(),
							nodeJob(id, i, node, (node.data() != null) ? node.data() : "null", now));
					queue.jobs.put(job.id, job);
					job.cancelReason = reason;
					queue.finish(job, JobState.CANCELLED, now);
					queue.emit(WireEvent.CANCELLED, job.id, Map.of("reason", reason));
				}
			}
		}
		return new WorkflowHalt(true, active);
	}

	private void enqueue(String id, Workflow workflow, int index, String data, long now) {
		WorkflowGraph.Node node = workflow.graph.nodes().get(index);
		workflow.states[index] = "active";
		MemoryTaskQueue queue = this.store.queue(node.task());
		if (queue.job(node.jobId()) == null) {
			queue.enqueue(nodeJob(id, index, node, data, now));
		}
	}

	private static NewJob nodeJob(String id, int index, WorkflowGraph.Node node, String data, long now) {
		return new NewJob(node.jobId(), data, now, node.version(), 0, 1, 0, 0, null, 0, id, index);
	}

	/** One workflow's graph and progress. */
	private static final class Workflow {

		final WorkflowGraph graph;

		final long createdAt;

		final String[] states;

		final @Nullable String[] results;

		final @Nullable String[] errors;

		final List<List<Integer>> dependents;

		final boolean[] terminal;

		int terminalsLeft;

		String state = "running";

		@Nullable String result;

		@Nullable String error;

		Workflow(WorkflowGraph graph, long createdAt) {
			this.graph = graph;
			this.createdAt = createdAt;
			int size = graph.nodes().size();
			this.states = new String[size];
			Arrays.fill(this.states, "pending");
			this.results = new String[size];
			this.errors = new String[size];
			this.dependents = new ArrayList<>(size);
			for (int i = 0; i < size; i++) {
				this.dependents.add(new ArrayList<>());
			}
			for (int i = 0; i < size; i++) {
				for (int dep : graph.nodes().get(i).deps()) {
					this.dependents.get(dep).add(i);
				}
			}
			this.terminal = new boolean[size];
			for (int index : graph.terminal()) {
				if (!this.terminal[index]) {
					this.terminal[index] = true;
					this.terminalsLeft++;
				}
			}
		}

		boolean has(int node) {
			return node >= 0 && node < this.states.length;
		}

		boolean isTerminal(int node) {
			return this.terminal[node];
		}

		boolean allCompleted(List<Integer> deps) {
			for (int dep : deps) {
				if (!this.states[dep].equals("completed")) {
					return false;
				}
			}
			return true;
		}

		String input(WorkflowGraph.Node node) {
			if (node.data() != null) {
				return node.data();
			}
			return (node.deps().size() == 1) ? Objects.requireNonNull(this.results[node.deps().get(0)])
					: joined(node.deps());
		}

		String joined(List<Integer> indices) {
			if (indices.size() == 1) {
				return Objects.requireNonNull(this.results[indices.get(0)]);
			}
			StringBuilder joined = new StringBuilder("[");
			for (int i = 0; i < indices.size(); i++) {
				if (i > 0) {
					joined.append(',');
				}
				joined.append(this.results[indices.get(i)]);
			}
			return joined.append(']').toString();
		}

	}

}
