package dev.taskora.engine.workflow;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.taskora.engine.JobState;
import dev.taskora.engine.TaskoraException;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.StoredWorkflow;
import dev.taskora.engine.adapter.WorkflowGraph;
import dev.taskora.engine.internal.Futures;
import dev.taskora.engine.internal.TaskoraRuntime;
import org.jspecify.annotations.Nullable;

/**
 * A dispatched workflow. Its id is known at once; the store write completes in the
 * background ({@link #dispatched()}).
 *
 * <pre>{@code
 * WorkflowHandle<Report> handle = chain(fetch.s(query), render.s()).dispatch();
 * Report report = handle.await(Duration.ofMinutes(1));   // or handle.result().thenAccept(..)
 * handle.state();                                         // RUNNING, COMPLETED, FAILED, CANCELLED
 * handle.cancel("no longer needed");                      // cascades to every node
 * }</pre>
 *
 * @param <O> the workflow's output
 */
public final class WorkflowHandle<O> {

	/** How often a waited-for workflow's stored state is read. */
	private static final long HALT_POLL_MS = 1_000;

	/**
	 * Longest wait, once every terminal job completed, for the workflow to be recorded
	 * completed (the worker that settled the last job records it a moment later).
	 */
	private static final long RECORDED_WAIT_MS = 2_000;

	private final WorkflowManager manager;

	private final String id;

	private final WorkflowGraph graph;

	private final boolean listOutput;

	private final CompletableFuture<Void> dispatched;

	private volatile @Nullable CompletableFuture<O> result;

	WorkflowHandle(WorkflowManager manager, String id, WorkflowGraph graph, boolean listOutput,
			CompletableFuture<Void> dispatched) {
		this.manager = manager;
		this.id = id;
		this.graph = graph;
		this.listOutput = listOutput;
		this.dispatched = dispatched;
	}

	/** The workflow id (a UUID). */
	public String id() {
		return this.id;
	}

	/** Completes once the workflow is stored and its first steps enqueued. */
	public CompletableFuture<Void> dispatched() {
		return this.dispatched;
	}

	/**
	 * Waits until the workflow is stored.
	 * @throws TaskoraException if it could not be stored in time
	 */
	public WorkflowHandle<O> awaitDispatched(Duration timeout) {
		try {
			this.dispatched.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			return this;
		}
		catch (ExecutionException ex) {
			throw Futures.unwrap(ex.getCause());
		}
		catch (TimeoutException ex) {
			throw new TaskoraException("Workflow " + this.id + " was not stored within " + timeout.toMillis() + "ms");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TaskoraException("Interrupted while storing workflow " + this.id, ex);
		}
	}

	/**
	 * The result: the last step's output, or the list of results of a final group (in
	 * member order). Fails with {@link WorkflowFailedException} when a node failed for
	 * good or the workflow was cancelled. Completes on a pool thread, never on the
	 * store's I/O threads.
	 */
	public CompletableFuture<O> result() {
		CompletableFuture<O> current = this.result;
		if (current == null) {
			synchronized (this) {
				current = this.result;
				if (current == null) {
					current = outcome();
					this.result = current;
				}
			}
		}
		return current;
	}

	/**
	 * Waits for the result.
	 * @throws WorkflowFailedException if the workflow failed or was cancelled
	 * @throws TaskoraException if it did not finish within {@code timeout}
	 */
	public @Nullable O await(Duration timeout) {
		return Futures.await(result(), timeout, "workflow " + this.id, () -> new TaskoraException(
				"Timed out after " + timeout.toMillis() + "ms waiting for workflow " + this.id));
	}

	/** Where the workflow is now. */
	public WorkflowState state() {
		return info().state();
	}

	/** The workflow with every node's state and job id. */
	public WorkflowInfo info() {
		StoredWorkflow stored = Futures.join(this.dispatched.thenCompose(done -> this.manager.store().get(this.id)));
		if (stored == null) {
			throw new IllegalStateException("Workflow " + this.id + " is not stored");
		}
		return this.manager.info(stored);
	}

	/**
	 * Cancels the workflow: pending nodes are cancelled, running ones interrupted (their
	 * {@code onCancel} hooks run). Returns whether it was still running.
	 */
	public boolean cancel(@Nullable String reason) {
		return Futures.join(this.dispatched.thenCompose(done -> this.manager.cancelAsync(this.id, reason)));
	}

	@SuppressWarnings("unchecked")
	private CompletableFuture<O> outcome() {
		TaskoraRuntime runtime = this.manager.runtime();
		List<Integer> terminal = this.graph.terminal();
		CompletableFuture<O> outcome = new CompletableFuture<>();
		JobRecord[] records = new JobRecord[terminal.size()];
		CompletableFuture<?>[] waits = new CompletableFuture<?>[terminal.size()];
		for (int i = 0; i < terminal.size(); i++) {
			WorkflowGraph.Node node = this.graph.nodes().get(terminal.get(i));
			int slot = i;
			waits[i] = this.dispatched
				.thenCompose(done -> runtime.waiters().awaitOutcome(node.task(), node.jobId(), true))
				.thenAccept(record -> {
					records[slot] = record;
					if (record.state() != JobState.COMPLETED) {
						failWith(outcome, record);
					}
				});
			waits[i].whenComplete((done, error) -> {
				if (error != null) {
					outcome.completeExceptionally(unwrap(error));
				}
			});
		}
		CompletableFuture.allOf(waits).thenRunAsync(() -> {
			for (JobRecord record : records) {
				if (outcome.isDone() || record.state() != JobState.COMPLETED) {
					return;
				}
			}
			try {
				List<Object> values = new ArrayList<>(records.length);
				for (JobRecord record : records) {
					values.add(read(runtime, record));
				}
				completeOnceRecorded(outcome, (O) ((this.listOutput || values.size() != 1) ? values : values.get(0)),
						0);
			}
			catch (RuntimeException ex) {
				outcome.completeExceptionally(ex);
			}
		}, outcome.defaultExecutor());
		this.dispatched.thenRun(() -> watchForHalt(outcome));
		// Stages of the caller must not run on a store I/O thread.
		return outcome.whenCompleteAsync((value, error) -> {
		}, outcome.defaultExecutor());
	}

	/**
	 * Completes the outcome once the workflow is recorded completed, so that a caller who
	 * has the result and asks for {@link #state()} reads {@code COMPLETED}: the last
	 * job's outcome is known a moment before its worker records the workflow's end. Waits
	 * at most {@link #RECORDED_WAIT_MS}, then completes all the same.
	 */
	private void completeOnceRecorded(CompletableFuture<O> outcome, @Nullable O value, long waitedMs) {
		this.manager.store().status(this.id).whenComplete((status, error) -> {
			if (error != null || status == null || !status.state().equals("running") || waitedMs >= RECORDED_WAIT_MS) {
				outcome.complete(value);
				return;
			}
			long delay = Math.min(Math.max(waitedMs, 5), 100);
			CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS)
				.execute(() -> completeOnceRecorded(outcome, value, waitedMs + delay));
		});
	}

	/**
	 * Reads the workflow's stored state every {@link #HALT_POLL_MS} (real time) until the
	 * outcome is known. A workflow failed by a Node taskora worker marks its pending
	 * nodes failed without creating their jobs, so no terminal job ever ends: only its
	 * state tells.
	 */
	private void watchForHalt(CompletableFuture<O> outcome) {
		CompletableFuture.delayedExecutor(HALT_POLL_MS, TimeUnit.MILLISECONDS).execute(() -> {
			if (outcome.isDone()) {
				return;
			}
			this.manager.store().status(this.id).whenComplete((status, error) -> {
				if (error != null || outcome.isDone()) {
					return; // the store is gone (the app closed): nothing more to learn
				}
				if (status != null && status.state().equals("failed")) {
					outcome.completeExceptionally(
							new WorkflowFailedException(this.id, WorkflowState.FAILED, status.error()));
				}
				else if (status != null && status.state().equals("cancelled")) {
					outcome.completeExceptionally(
							new WorkflowFailedException(this.id, WorkflowState.CANCELLED, status.error()));
				}
				else {
					watchForHalt(outcome);
				}
			});
		});
	}

	private void failWith(CompletableFuture<O> outcome, JobRecord record) {
		if (outcome.isDone()) {
			return;
		}
		if (record.state() == JobState.FAILED) {
			outcome.completeExceptionally(new WorkflowFailedException(this.id, WorkflowState.FAILED, record.error()));
			return;
		}
		this.manager.store().get(this.id).whenComplete((stored, error) -> {
			if (stored != null && stored.state().equals("failed")) {
				outcome
					.completeExceptionally(new WorkflowFailedException(this.id, WorkflowState.FAILED, stored.error()));
			}
			else if (record.state() == JobState.CANCELLED) {
				outcome.completeExceptionally(new WorkflowFailedException(this.id, WorkflowState.CANCELLED,
						(stored != null && stored.error() != null) ? stored.error() : record.cancelReason()));
			}
			else {
				outcome.completeExceptionally(new WorkflowFailedException(this.id, WorkflowState.FAILED,
						"job " + record.id() + " of task '" + record.task() + "' ended " + record.state().wireName()));
			}
		});
	}

	private static @Nullable Object read(TaskoraRuntime runtime, JobRecord record) {
		String stored = record.result();
		if (stored == null || stored.isEmpty()) {
			return null;
		}
		Type type = runtime.outputType(record.task());
		return runtime.serializer().deserialize(stored, (type != null) ? type : Object.class);
	}

	private static Throwable unwrap(Throwable error) {
		return (error instanceof CompletionException && error.getCause() != null) ? error.getCause() : error;
	}

	@Override
	public String toString() {
		return "WorkflowHandle[" + this.id + ", " + this.graph.name() + "]";
	}

}
