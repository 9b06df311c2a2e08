package dev.taskora.engine.workflow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.StoreUnavailableException;
import dev.taskora.engine.adapter.StoredWorkflow;
import dev.taskora.engine.adapter.WorkflowAdvance;
import dev.taskora.engine.adapter.WorkflowGraph;
import dev.taskora.engine.adapter.WorkflowHalt;
import dev.taskora.engine.adapter.WorkflowStore;
import dev.taskora.engine.event.Registration;
import dev.taskora.engine.internal.Futures;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.internal.TimerClock;
import dev.taskora.engine.internal.WorkflowSteps;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An app's workflows: handles on existing ones, their events, reading and cancelling
 * them. Reach it with {@code taskora.workflows()}; build new workflows with
 * {@link Workflows} and dispatch them.
 *
 * <pre>{@code
 * taskora.workflows().on(event -> {
 *     if (event instanceof WorkflowEvent.Failed failed) {
 *         alert(failed.workflowId(), failed.error());
 *     }
 * });
 * }</pre>
 */
public final class WorkflowManager {

	private static final Logger logger = LoggerFactory.getLogger(WorkflowManager.class);

	/** How often a transition is tried while the store is unreachable. */
	private static final int ATTEMPTS = 8;

	private final TaskoraRuntime runtime;

	private final List<Consumer<? super WorkflowEvent>> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Created by the app, which installs it as the receiver of its workers' node
	 * settlements. <strong>Internal:</strong> use {@code taskora.workflows()}.
	 */
	public WorkflowManager(TaskoraRuntime runtime) {
		this.runtime = Objects.requireNonNull(runtime, "runtime must not be null");
		runtime.workflowSteps(new Steps(this));
	}

	static WorkflowManager of(TaskoraRuntime runtime) {
		if (runtime.workflowSteps() instanceof Steps steps) {
			return steps.manager;
		}
		throw new IllegalStateException("This app has no workflow support installed");
	}

	/** Listens to this process's workflow events (see {@link WorkflowEvent}). */
	public Registration on(Consumer<? super WorkflowEvent> listener) {
		Objects.requireNonNull(listener, "listener must not be null");
		this.listeners.add(listener);
		return () -> this.listeners.remove(listener);
	}

	/**
	 * A handle on an existing workflow, dispatched by this or any other process (Node
	 * taskora's included). Its result is read with each terminal task's output type where
	 * the task is known here.
	 * @throws IllegalArgumentException when no workflow of that id is stored
	 */
	public WorkflowHandle<Object> handle(String id) {
		StoredWorkflow stored = Futures.join(store().get(id));
		if (stored == null) {
			throw new IllegalArgumentException("No workflow '" + id + "'");
		}
		return new WorkflowHandle<>(this, id, stored.graph(), stored.graph().terminal().size() > 1,
				CompletableFuture.completedFuture(null));
	}

	/** The workflow of that id, with every node's state, or empty. */
	public Optional<WorkflowInfo> find(String id) {
		StoredWorkflow stored = Futures.join(this.runtime.whenConnected(() -> store().get(id)));
		return Optional.ofNullable((stored != null) ? info(stored) : null);
	}

	/** Every stored workflow, newest first. */
	public List<WorkflowInfo> list() {
		List<String> ids = Futures.join(this.runtime.whenConnected(() -> store().ids()));
		List<WorkflowInfo> infos = new ArrayList<>(ids.size());
		for (String id : ids) {
			StoredWorkflow stored = Futures.join(store().get(id));
			if (stored != null) {
				infos.add(info(stored));
			}
		}
		infos.sort(Comparator.comparingLong(WorkflowInfo::createdAt).reversed().thenComparing(WorkflowInfo::id));
		return infos;
	}

	/**
	 * Cancels a running workflow: pending nodes are cancelled, running ones are
	 * interrupted (their {@code onCancel} hooks run). Returns whether it was running.
	 */
	public boolean cancel(String id, @Nullable String reason) {
		return Futures.join(cancelAsync(id, reason));
	}

	CompletableFuture<Boolean> cancelAsync(String id, @Nullable String reason) {
		long now = this.runtime.clock().millis();
		return this.runtime.whenConnected(() -> store().cancel(id, reason, now)).thenCompose(halt -> {
			if (!halt.applied()) {
				return CompletableFuture.completedFuture(false);
			}
			return cancelActive(halt, (reason != null) ? reason : "workflow cancelled").thenApply(done -> {
				publish(new WorkflowEvent.Cancelled(id, reason));
				return true;
			});
		});
	}

	/**
	 * Moves on every running workflow with a node whose job finished without the workflow
	 * hearing of it: a worker that stopped between settling a node's job and advancing
	 * its workflow (two transitions, as in taskora), or a node job cancelled on its own.
	 * A completed job advances its workflow; a failed, cancelled or expired one fails it.
	 * The app runs this once when it starts; doing it again is harmless. Returns how many
	 * nodes were moved on.
	 */
	public int recover() {
		List<String> ids = Futures.join(this.runtime.whenConnected(() -> store().ids()));
		Steps steps = new Steps(this);
		int moved = 0;
		for (String id : ids) {
			StoredWorkflow stored = Futures.join(store().get(id));
			if (stored == null || !stored.state().equals("running")) {
				continue;
			}
			for (int i = 0; i < stored.nodes().size() && i < stored.graph().nodes().size(); i++) {
				if (!stored.nodes().get(i).state().equals("active")) {
					continue;
				}
				WorkflowGraph.Node node = stored.graph().nodes().get(i);
				JobRecord job = Futures.join(this.runtime.adapter().inspect().findJob(node.task(), node.jobId()));
				if (job == null || !job.state().isTerminal()) {
					continue;
				}
				if (job.state() == JobState.COMPLETED) {
					steps.completed(node.task(), id, i, (job.result() != null) ? job.result() : "null");
				}
				else {
					steps.failed(node.task(), id, i, (job.error() != null) ? job.error()
							: "job " + job.id() + " of task '" + node.task() + "' ended " + job.state().wireName());
				}
				moved++;
				if (job.state() != JobState.COMPLETED) {
					break;
				}
			}
		}
		if (moved > 0) {
			logger.info("Moved on {} workflow node(s) whose jobs had finished unheard", moved);
		}
		return moved;
	}

	/**
	 * Cancels the workflow after {@code ttl} of the adapter's clock, if it is still
	 * running then.
	 */
	void scheduleTimeout(String id, Duration ttl) {
		Runnable expire = () -> cancelAsync(id, "workflow timeout").whenComplete((cancelled, error) -> {
			if (error != null) {
				logger.warn("Could not cancel workflow {} after its TTL of {}", id, ttl, error);
			}
		});
		if (this.runtime.clock() instanceof TimerClock clock) {
			clock.schedule(clock.millis() + ttl.toMillis(), expire);
		}
		else {
			ScheduledFuture<?> ignored = this.runtime.timer().schedule(expire, ttl.toMillis(), TimeUnit.MILLISECONDS);
		}
	}

	TaskoraRuntime runtime() {
		return this.runtime;
	}

	WorkflowStore store() {
		return this.runtime.adapter().workflows();
	}

	WorkflowInfo info(StoredWorkflow stored) {
		List<WorkflowInfo.Node> nodes = new ArrayList<>(stored.nodes().size());
		List<WorkflowGraph.Node> graph = stored.graph().nodes();
		for (int i = 0; i < graph.size(); i++) {
			WorkflowGraph.Node node = graph.get(i);
			StoredWorkflow.NodeState state = (i < stored.nodes().size()) ? stored.nodes().get(i)
					: new StoredWorkflow.NodeState("pending", null, null);
			nodes.add(new WorkflowInfo.Node(i, node.task(), node.jobId(), node.deps(), state.state(), state.error()));
		}
		return new WorkflowInfo(stored.id(), stored.graph().name(), WorkflowState.fromWire(stored.state()),
				stored.createdAt(), stored.result(), stored.error(), nodes, stored.graph().terminal());
	}

	private CompletableFuture<Void> cancelActive(WorkflowHalt halt, String reason) {
		long now = this.runtime.clock().millis();
		List<CompletableFuture<?>> cancels = new ArrayList<>();
		for (WorkflowHalt.NodeJob job : halt.active()) {
			cancels
				.add(this.runtime.adapter().jobs().cancel(job.task(), job.jobId(), reason, now).exceptionally(error -> {
					logger.warn("Could not cancel job {} of task '{}' of a halted workflow", job.jobId(), job.task(),
							error);
					return null;
				}));
		}
		return CompletableFuture.allOf(cancels.toArray(CompletableFuture[]::new));
	}

	private void publish(WorkflowEvent event) {
		for (Consumer<? super WorkflowEvent> listener : this.listeners) {
			try {
				listener.accept(event);
			}
			catch (RuntimeException ex) {
				logger.warn("Workflow event listener threw on {}", event, ex);
			}
		}
	}

	/** Tries a transition again while the store is briefly unreachable. */
	private static <T> T retrying(Supplier<CompletableFuture<T>> call) {
		long backoff = 50;
		for (int attempt = 1;; attempt++) {
			try {
				return Futures.join(call.get());
			}
			catch (RuntimeException ex) {
				if (attempt >= ATTEMPTS || !StoreUnavailableException.isCause(ex)) {
					throw ex;
				}
				try {
					Thread.sleep(backoff);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
				backoff = Math.min(backoff * 2, 1_000);
			}
		}
	}

	/** What the app's workers call after settling a workflow node's job. */
	private static final class Steps implements WorkflowSteps {

		private final WorkflowManager manager;

		Steps(WorkflowManager manager) {
			this.manager = manager;
		}

		@Override
		public void completed(String task, String workflowId, int node, String result) {
			long now = this.manager.runtime.clock().millis();
			WorkflowAdvance advance = retrying(() -> this.manager.store().advance(workflowId, node, result, now));
			if (advance.completed()) {
				this.manager.publish(new WorkflowEvent.Completed(workflowId, String.valueOf(advance.result())));
			}
		}

		@Override
		public void failed(String task, String workflowId, int node, String error) {
			long now = this.manager.runtime.clock().millis();
			WorkflowHalt halt = retrying(() -> this.manager.store().fail(workflowId, node, error, now));
			if (halt.applied()) {
				Futures.join(this.manager.cancelActive(halt, "workflow failed"));
				this.manager.publish(new WorkflowEvent.Failed(workflowId, node, task, error));
			}
		}

	}

}
