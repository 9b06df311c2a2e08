package dev.taskora.spring.boot.test.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.engine.schedule.Schedules;
import dev.taskora.engine.testing.ExecutionResult;
import dev.taskora.engine.testing.TestRunner;
import dev.taskora.engine.testing.VirtualClock;
import dev.taskora.engine.testing.WorkflowStep;
import dev.taskora.engine.workflow.Workflow;
import dev.taskora.engine.workflow.WorkflowHandle;
import dev.taskora.engine.workflow.WorkflowInfo;
import dev.taskora.engine.workflow.WorkflowOptions;
import dev.taskora.spring.core.TaskoraOperations;
import dev.taskora.spring.core.TaskoraWorkerLifecycle;
import org.jspecify.annotations.Nullable;

/**
 * Drives the application's tasks in tests, through the real worker loop on the memory
 * adapter: the engine's {@link TestRunner} over the application's app, dispatching
 * through {@link TaskoraOperations} so that observations and the template's behaviour
 * apply. {@link #execute} dispatches a job and waits until it settles, moving the virtual
 * clock past delays and retry backoff so that a job retried three times with a one-minute
 * backoff finishes in milliseconds; {@link #advanceTime} moves the clock by hand, past
 * debounce windows, throttle windows and TTLs too, running the application's schedules at
 * their times; {@link #flush} runs a collect task's buffer at once. Handler timeouts run
 * on the same clock: a job whose handler is still running times out when the clock is
 * moved past its timeout.
 * <p>
 * After each test method of a {@link TaskoraTest} (or {@link AutoConfigureTaskora}) the
 * harness {@link #reset() resets} the app, so every test starts from an empty, idle app.
 */
public class TaskoraTestHarness {

	private final Taskora taskora;

	private final TaskoraOperations operations;

	private final @Nullable TaskoraWorkerLifecycle lifecycle;

	private final TestRunner runner;

	private Duration timeout = Duration.ofSeconds(30);

	/**
	 * @param taskora the app under test
	 * @param operations the template
	 * @param lifecycle the workers' lifecycle, which tells {@link #reset()} whether
	 * workers should run; without it, workers run again after a reset if they ran before
	 */
	public TaskoraTestHarness(Taskora taskora, TaskoraOperations operations,
			@Nullable TaskoraWorkerLifecycle lifecycle) {
		this.taskora = taskora;
		this.operations = operations;
		this.lifecycle = lifecycle;
		this.runner = TestRunner.of(taskora);
	}

	/**
	 * How long {@link #execute} waits in real time for a job to settle (default 30 s).
	 */
	public void setTimeout(Duration timeout) {
		this.runner.timeout(timeout);
		this.timeout = timeout;
	}

	/** Dispatches a job of a named task; returns once the job is stored. */
	public ResultHandle<Object> dispatch(String task, @Nullable Object data) {
		return dispatch(task, data, DispatchOptions.none());
	}

	/**
	 * Dispatches a job of a named task with options; returns once the job is stored, or
	 * refused by its flow option ({@code enqueued()} {@code false}; a refusal under
	 * {@code throwOnReject}, a {@link dev.taskora.engine.flow.ThrottledException} or
	 * {@link dev.taskora.engine.flow.DuplicateJobException}, is thrown).
	 */
	public ResultHandle<Object> dispatch(String task, @Nullable Object data, DispatchOptions options) {
		return stored(this.operations.dispatch(task, data, options));
	}

	/** Dispatches a job of a task; returns once the job is stored. */
	public <I, O> ResultHandle<O> dispatch(Task<I, O> task, @Nullable I data) {
		return dispatch(task, data, DispatchOptions.none());
	}

	/** Dispatches a job of a task with options; returns once the job is stored. */
	public <I, O> ResultHandle<O> dispatch(Task<I, O> task, @Nullable I data, DispatchOptions options) {
		return stored(this.operations.dispatch(task, data, options));
	}

	/** Dispatches a job of a named task and waits until it settles. */
	public ExecutionResult<Object> execute(String task, @Nullable Object data) {
		return execute(task, data, DispatchOptions.none());
	}

	/** Dispatches a job of a named task with options and waits until it settles. */
	public ExecutionResult<Object> execute(String task, @Nullable Object data, DispatchOptions options) {
		return settle(dispatch(task, data, options));
	}

	/** Dispatches a job of a task and waits until it settles. */
	public <I, O> ExecutionResult<O> execute(Task<I, O> task, @Nullable I data) {
		return execute(task, data, DispatchOptions.none());
	}

	/** Dispatches a job of a task with options and waits until it settles. */
	public <I, O> ExecutionResult<O> execute(Task<I, O> task, @Nullable I data, DispatchOptions options) {
		return settle(dispatch(task, data, options));
	}

	/**
	 * Waits until an already dispatched job settles, advancing the virtual clock through
	 * its delays. A job of a task no worker here runs is reported as it stands.
	 * @see TestRunner#settle(ResultHandle)
	 */
	public <O> ExecutionResult<O> settle(ResultHandle<O> handle) {
		return this.runner.settle(handle);
	}

	/**
	 * Waits until a worker runs the handler of a dispatched job, e.g. to move the clock
	 * past its timeout while it runs.
	 * @see TestRunner#awaitActive(ResultHandle)
	 */
	public @Nullable JobState awaitActive(ResultHandle<?> handle) {
		return this.runner.awaitActive(handle);
	}

	/**
	 * Runs the items a collect task buffered under {@code key} now, without waiting for
	 * the buffer's delay, and waits until the batch settles (the workers run it; retries
	 * pass on the virtual clock). Moving the clock past the delay with
	 * {@link #advanceTime} runs it as well.
	 * @return the batch's report, or none when nothing was buffered
	 * @throws IllegalArgumentException when no such task is registered
	 * @throws IllegalStateException when the task does not collect
	 * @see TestRunner#flush(Task, String)
	 */
	public List<ExecutionResult<Object>> flush(String task, String key) {
		return this.runner.flush(requireTask(task), key);
	}

	/**
	 * Like {@link #flush(String, String)}, for every buffer of the task: one report per
	 * batch.
	 */
	public List<ExecutionResult<Object>> flush(String task) {
		return this.runner.flush(requireTask(task));
	}

	/** Like {@link #flush(String, String)}, for a task at hand. */
	public <I, O> List<ExecutionResult<O>> flush(Task<I, O> task, String key) {
		return this.runner.flush(task, key);
	}

	/** The job as it is now, looked up across tasks. */
	public Optional<JobSnapshot<Object, Object>> inspect(String jobId) {
		return this.operations.findJob(jobId);
	}

	/** The job of a task as it is now. */
	public Optional<JobSnapshot<Object, Object>> inspect(String task, String jobId) {
		return this.operations.findJob(task, jobId);
	}

	/**
	 * Moves the virtual clock forward and wakes the workers, so due jobs run. Schedules
	 * run at each of their times on the way, and each run is waited for until it settles
	 * (within the harness's timeout) before the clock moves on: after
	 * {@code advanceTime(Duration.ofDays(1))} the day's runs of a nightly schedule are
	 * done.
	 * @see TestRunner#advanceTime(Duration)
	 */
	public void advanceTime(Duration duration) {
		this.runner.advanceTime(duration);
	}

	/**
	 * Dispatches a workflow (build it from {@code operations().signature(..)} with
	 * {@link dev.taskora.engine.workflow.Workflows}); the application's workers run its
	 * steps, or this thread when they do not run. Wait with the handle, or with
	 * {@link #settle(WorkflowHandle)} to move the virtual clock through its steps' delays
	 * and retries.
	 * @param workflow the workflow
	 * @param <O> its output type
	 * @return its handle, once dispatched
	 */
	public <O> WorkflowHandle<O> dispatch(Workflow<?, O> workflow) {
		return this.runner.dispatch(workflow);
	}

	/**
	 * {@link #dispatch(Workflow)} with options (a TTL, a name).
	 * @param workflow the workflow
	 * @param options its options
	 * @param <O> its output type
	 * @return its handle, once dispatched
	 */
	public <O> WorkflowHandle<O> dispatch(Workflow<?, O> workflow, WorkflowOptions options) {
		return this.runner.dispatch(workflow, options);
	}

	/**
	 * Dispatches a workflow and runs it to its end: {@link #settle(WorkflowHandle)} of
	 * its handle. <pre>{@code
	 * WorkflowHandle<Object> order = harness.execute(Workflows.chain(
	 *         harness.operations().signature("charge", card), harness.operations().signature("ship")));
	 * assertThat(order.state()).isEqualTo(WorkflowState.COMPLETED);
	 * }</pre>
	 * @param workflow the workflow
	 * @param <O> its output type
	 * @return its handle, the workflow completed, failed or cancelled (or still running
	 * after the harness's timeout)
	 */
	public <O> WorkflowHandle<O> execute(Workflow<?, O> workflow) {
		return settle(dispatch(workflow));
	}

	/**
	 * Waits until a dispatched workflow ends (completed, failed or cancelled), settling
	 * each of its steps in turn as {@link #settle(ResultHandle)} does: on the memory
	 * adapter the virtual clock moves through their delays and retry backoff, on Redis
	 * they run in real time. Returns after the harness's timeout (default 30 s) with the
	 * workflow as it stands; read it with {@link WorkflowHandle#state()},
	 * {@link WorkflowHandle#info()} or {@link #steps(WorkflowHandle)}.
	 * @param handle the workflow's handle
	 * @param <O> its output type
	 * @return the handle
	 */
	public <O> WorkflowHandle<O> settle(WorkflowHandle<O> handle) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		while (!handle.result().isDone() && System.nanoTime() < deadline) {
			WorkflowStep pending = steps(handle).stream()
				.filter(step -> !step.state().isTerminal())
				.findFirst()
				.orElse(null);
			if (pending != null) {
				this.runner.settle(this.operations.job(pending.task(), pending.jobId()));
			}
			else if (!awaitEnd(handle, deadline)) {
				break;
			}
		}
		return handle;
	}

	/**
	 * The steps of one workflow as they stand, by node: each node's task, job and state.
	 * Works on every adapter.
	 * @param handle the workflow's handle
	 * @return its steps whose jobs exist, in node order
	 */
	public List<WorkflowStep> steps(WorkflowHandle<?> handle) {
		WorkflowInfo info = handle.info();
		List<WorkflowStep> steps = new ArrayList<>();
		for (WorkflowInfo.Node node : info.nodes()) {
			JobState state = JobState.fromWire(node.state());
			if (state != null) {
				steps.add(new WorkflowStep(info.id(), node.index(), node.task(), state, node.jobId()));
			}
		}
		return steps;
	}

	/**
	 * The steps of every workflow run so far, ordered by workflow then node (memory
	 * adapter only; {@link #steps(WorkflowHandle)} works on every adapter).
	 * @return the steps
	 */
	public List<WorkflowStep> steps() {
		return this.runner.steps();
	}

	/** Every schedule, and pausing, resuming, updating, removing and triggering them. */
	public Schedules schedules() {
		return this.taskora.schedules();
	}

	/** The virtual clock every store transition reads. */
	public VirtualClock clock() {
		return this.runner.clock();
	}

	/** Every stored job. */
	public List<JobRecord> jobs() {
		return this.runner.jobs();
	}

	/**
	 * Deletes every job and every schedule (the application's own come back, due from the
	 * clock's time); {@link #reset()} does more, and is done after each test method.
	 */
	public void clear() {
		this.runner.clear();
	}

	/**
	 * Returns the app to where a test starts from, so that nothing one test left behind
	 * reaches the next (done after each test method of a {@link TaskoraTest}): stops the
	 * workers, interrupting handlers still running; deletes every job; lets events
	 * already emitted reach their listeners and fails result waiters nothing would
	 * complete any more; moves the virtual clock back to where it started; stores the
	 * application's schedules again as defined, due from there; then starts the workers
	 * again if the application runs them. Does nothing unless the app runs on the memory
	 * adapter.
	 * @see TestRunner#reset(boolean)
	 */
	public void reset() {
		boolean restart = (this.lifecycle != null) ? this.lifecycle.isRunning() && this.lifecycle.isWorkersEnabled()
				: this.taskora.isRunning();
		this.runner.reset(restart);
	}

	/** The app under test. */
	public Taskora taskora() {
		return this.taskora;
	}

	/** The template. */
	public TaskoraOperations operations() {
		return this.operations;
	}

	/** The engine's test runner this harness drives. */
	public TestRunner runner() {
		return this.runner;
	}

	/**
	 * Waits for the store; what it failed with (or a refusal asked to be thrown) is
	 * thrown as it is.
	 */
	private static <O> ResultHandle<O> stored(ResultHandle<O> handle) {
		try {
			handle.enqueued().join();
			return handle;
		}
		catch (CompletionException ex) {
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	/**
	 * Waits briefly for a workflow whose next step is being enqueued (it has no step to
	 * settle yet): until it ends, a tenth of a second passes, or the deadline.
	 * @return {@code false} when the wait was interrupted
	 */
	private static boolean awaitEnd(WorkflowHandle<?> handle, long deadline) {
		long wait = Math.min(TimeUnit.MILLISECONDS.toNanos(100), Math.max(0, deadline - System.nanoTime()));
		try {
			handle.result().get(wait, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException | TimeoutException | CancellationException ex) {
			// ended with an error (the loop reads it from the handle), or not yet
		}
		return true;
	}

	@SuppressWarnings("unchecked")
	private Task<Object, Object> requireTask(String name) {
		return (Task<Object, Object>) this.taskora.findTask(name)
			.orElseThrow(() -> new IllegalArgumentException("No task '" + name + "' is registered"));
	}

}
