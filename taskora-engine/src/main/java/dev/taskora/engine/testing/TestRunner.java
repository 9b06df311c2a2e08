package dev.taskora.engine.testing;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.TaskoraException;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.internal.Futures;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.worker.Workers;
import dev.taskora.engine.workflow.Workflow;
import dev.taskora.engine.workflow.WorkflowHandle;
import dev.taskora.engine.workflow.WorkflowOptions;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks in tests on the memory adapter under virtual time.
 *
 * <pre>{@code
 * TestRunner runner = TestRunner.create();
 * Task<Integer, Integer> doubler = runner.app().task("double", Integer.class, Integer.class)
 *     .retry(Retry.exponential(3, Duration.ofSeconds(1)))
 *     .handler((n, ctx) -> n * 2);
 * ExecutionResult<Integer> result = runner.execute(doubler, 21);   // state COMPLETED, result 42
 * }</pre>
 *
 * {@link #run} calls the handler directly with inline retries; {@link #execute} goes
 * through the queue, advancing virtual time through delays and backoff until the job
 * finishes. A collect task's buffers run on demand with {@link #flush(Task, String)}, or
 * once the clock passes their delay. While the app's workers do not run, jobs are
 * processed on the calling thread; once it is started, its real workers run them and the
 * runner waits for them, moving the clock through delays as they come.
 * {@link #advanceTime} also runs the app's schedules at their times.
 */
public final class TestRunner implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(TestRunner.class);

	/** How long a reset waits for events already emitted to reach their listeners. */
	private static final Duration EVENT_DELIVERY_WAIT = Duration.ofSeconds(5);

	private final Taskora app;

	private final TaskoraRuntime runtime;

	private final @Nullable VirtualClock clock;

	private final @Nullable MemoryAdapter adapter;

	/**
	 * The app's adapter before {@link #from} moved it onto the memory adapter, else
	 * {@code null}.
	 */
	private final @Nullable Adapter original;

	/** Whether this runner built the app, and closes it. */
	private final boolean ownsApp;

	/**
	 * Whether the runner processes jobs on the calling thread while the app's workers do
	 * not run.
	 */
	private final boolean stepping;

	private final JobProcessor processor;

	private final JobWatch watch;

	private final ScheduledRuns schedules;

	private final JobSettling settling;

	private final ScheduledTime time;

	private volatile Duration timeout = Duration.ofSeconds(30);

	private TestRunner(Taskora app, @Nullable VirtualClock clock, @Nullable MemoryAdapter adapter,
			@Nullable Adapter original, boolean ownsApp, boolean stepping) {
		this.app = app;
		this.runtime = TaskoraRuntime.of(app);
		this.clock = clock;
		this.adapter = adapter;
		this.original = original;
		this.ownsApp = ownsApp;
		this.stepping = stepping;
		this.processor = new JobProcessor(app);
		this.watch = new JobWatch(app, this.runtime);
		this.schedules = new ScheduledRuns(this.runtime, this.watch);
		this.settling = new JobSettling(app, clock, adapter, stepping, this.processor, this.watch, () -> this.timeout);
		this.time = new ScheduledTime(this::clock, this::adapter, () -> stepping && !app.isRunning(), this.processor,
				this.schedules, this.settling, () -> this.timeout);
	}

	/** A runner with its own app on a fresh memory adapter and virtual clock. */
	public static TestRunner create() {
		return create(builder -> {
		});
	}

	/**
	 * A runner with its own app, configured further by {@code customizer} (defaults,
	 * retention ...).
	 */
	public static TestRunner create(Consumer<Taskora.Builder> customizer) {
		VirtualClock clock = new VirtualClock();
		MemoryAdapter adapter = MemoryAdapter.create(clock);
		Taskora.Builder builder = Taskora.builder();
		customizer.accept(builder);
		Taskora app = builder.adapter(adapter).build();
		return new TestRunner(app, clock, adapter, null, true, true);
	}

	/**
	 * A runner over an existing, not yet started app: its tasks move to a memory adapter
	 * until {@link #dispose()} restores the original adapter.
	 */
	public static TestRunner from(Taskora app) {
		if (app.isRunning()) {
			throw new IllegalStateException("Cannot move a started taskora onto the test runner's adapter");
		}
		VirtualClock clock = new VirtualClock();
		MemoryAdapter adapter = MemoryAdapter.create(clock);
		Adapter original = TaskoraRuntime.of(app).replaceAdapter(adapter);
		return new TestRunner(app, clock, adapter, original, false, true);
	}

	/**
	 * A runner over an app as it is (the Spring {@code @TaskoraTest} harness): only the
	 * app's own workers run its jobs, and the runner waits for them, moving the virtual
	 * clock through delays. On a memory adapter whose clock is a {@link VirtualClock}
	 * everything works; on another adapter only what needs no virtual time: dispatching,
	 * settling in real time, inspecting.
	 */
	public static TestRunner of(Taskora app) {
		Adapter adapter = TaskoraRuntime.of(app).adapter();
		MemoryAdapter memory = (adapter instanceof MemoryAdapter used) ? used : null;
		VirtualClock clock = (memory != null && memory.clock() instanceof VirtualClock virtual) ? virtual : null;
		return new TestRunner(app, clock, memory, null, false, false);
	}

	/**
	 * The app under test, to dispatch with, add listeners to, or inspect.
	 * @return the app
	 */
	public Taskora app() {
		return this.app;
	}

	/**
	 * The virtual clock every store transition reads.
	 * @throws IllegalStateException when the app does not run on one
	 */
	public VirtualClock clock() {
		if (this.clock == null) {
			throw new IllegalStateException("Virtual time needs the memory adapter on a VirtualClock");
		}
		return this.clock;
	}

	/**
	 * The memory adapter the app runs on.
	 * @throws IllegalStateException when it runs on another
	 */
	public MemoryAdapter adapter() {
		if (this.adapter == null) {
			throw new IllegalStateException("This needs the app to run on the memory adapter");
		}
		return this.adapter;
	}

	/**
	 * How long {@link #execute} and {@link #settle} wait in real time for a job (default
	 * 30 s).
	 */
	public void timeout(Duration timeout) {
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("timeout must be positive, was " + timeout);
		}
		this.timeout = timeout;
	}

	/**
	 * Calls the task's middleware and handler directly, retrying inline (without waiting
	 * for backoff) until it succeeds or the retry policy gives up, then throws the last
	 * error.
	 */
	public <I, O> @Nullable O run(Task<I, O> task, @Nullable I data) {
		if (task.collect() != null) {
			throw new IllegalArgumentException("Task '" + task.name() + "' collects its dispatches into batches: "
					+ "call runBatch(task, items), or dispatch items and flush(task, key)");
		}
		return Workers.runInline(this.runtime, task, data);
	}

	/**
	 * Calls a collect task's middleware and batch handler directly with {@code items},
	 * retrying as {@link #run}.
	 */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public <I, O> @Nullable O runBatch(Task<I, O> task, List<I> items) {
		if (task.collect() == null) {
			throw new IllegalArgumentException("Task '" + task.name() + "' does not collect: call run(task, data)");
		}
		return (O) Workers.runInline(this.runtime, (Task) task, List.copyOf(items));
	}

	/**
	 * Runs the items buffered under a collect key now, without waiting for the buffer's
	 * delay: the buffer becomes one job, which is processed (or, once the app's workers
	 * run, waited for) until it settles, as {@link #settle} does. Moving the clock past
	 * the delay instead runs it as a worker would. Returns the batch's report, or none
	 * when nothing was buffered.
	 * @param key the resolved collect key
	 * @throws IllegalStateException if the task does not collect
	 */
	public <I, O> List<ExecutionResult<O>> flush(Task<I, O> task, String key) {
		return flushBuffers(task, key);
	}

	/**
	 * Like {@link #flush(Task, String)}, for every buffer of the task: one report per
	 * batch.
	 */
	public <I, O> List<ExecutionResult<O>> flush(Task<I, O> task) {
		return flushBuffers(task, null);
	}

	private <I, O> List<ExecutionResult<O>> flushBuffers(Task<I, O> task, @Nullable String key) {
		if (task.collect() == null) {
			throw new IllegalStateException("Task '" + task.name() + "' does not collect: nothing to flush");
		}
		return adapter().flushCollect(task.name(), key).stream().map(id -> settle(task.handle(id))).toList();
	}

	/** Dispatches a job and waits until it is stored. */
	public <I, O> ResultHandle<O> dispatch(Task<I, O> task, @Nullable I data) {
		return dispatch(task, data, DispatchOptions.none());
	}

	/**
	 * Dispatches a job with options and waits until it is stored, or refused by its flow
	 * option ({@code enqueued()} {@code false}; a refusal under {@code throwOnReject} is
	 * thrown).
	 */
	public <I, O> ResultHandle<O> dispatch(Task<I, O> task, @Nullable I data, DispatchOptions options) {
		ResultHandle<O> handle = task.dispatch(data, options);
		Futures.join(handle.enqueued());
		return handle;
	}

	/**
	 * Dispatches, processes (advancing virtual time through delays and retries) and
	 * reports.
	 */
	public <I, O> ExecutionResult<O> execute(Task<I, O> task, @Nullable I data) {
		return execute(task, data, DispatchOptions.none());
	}

	/** Like {@link #execute(Task, Object)}, with dispatch options. */
	public <I, O> ExecutionResult<O> execute(Task<I, O> task, @Nullable I data, DispatchOptions options) {
		return settle(dispatch(task, data, options));
	}

	/**
	 * Waits until a dispatched job settles and reports it: processes jobs on this thread
	 * while the app's workers do not run (a runner {@link #of} an app only waits for
	 * them), and moves the virtual clock through delays and retry backoff. Stops early
	 * when nothing here can move the job on (a task without a handler here) or after the
	 * runner's timeout, and reports the job as it stands.
	 */
	public <O> ExecutionResult<O> settle(ResultHandle<O> handle) {
		return this.settling.settle(handle);
	}

	/**
	 * Waits until a worker runs the handler of a dispatched job, e.g. to move the clock
	 * past its timeout while it runs. A job is {@code active} from its claim on, but its
	 * timeout and lock timers start on the clock only as its handler is about to run:
	 * move the clock before, and the job's lock may lapse. Returns {@code active} once
	 * the handler runs, the state reached if the attempt already ended, or the current
	 * state if no handler started within the runner's timeout.
	 */
	public @Nullable JobState awaitActive(ResultHandle<?> handle) {
		return this.settling.awaitActive(handle);
	}

	/**
	 * Moves virtual time forward and wakes the workers; while they do not run (and the
	 * runner is not one {@link #of} an app), processes everything that became due on this
	 * thread.
	 * <p>
	 * Schedules run at each of their times on the way, as a running scheduler would run
	 * them: the clock stops at each due run, the run is dispatched, and it is processed
	 * there (step by step) or waited for until it settles (when the app's workers run it,
	 * bounded by the runner's timeout) before the clock moves on. To simulate a scheduler
	 * that was down, move {@link #clock()} directly, then advance by zero: the runs it
	 * missed meet their policy.
	 * @throws IllegalStateException when schedules fall due more than 10,000 times in the
	 * duration
	 */
	public void advanceTime(Duration duration) {
		this.time.advance(duration);
	}

	/**
	 * Dispatches a workflow and, while the app's workers do not run, processes its steps
	 * on this thread until nothing is left to run now (a step waiting for a retry waits
	 * for {@link #advanceTime}). With started workers, they run it: wait with the handle.
	 */
	public <O> WorkflowHandle<O> dispatch(Workflow<?, O> workflow) {
		return dispatch(workflow, WorkflowOptions.none());
	}

	/** {@link #dispatch(Workflow)} with options (a TTL, a name). */
	public <O> WorkflowHandle<O> dispatch(Workflow<?, O> workflow, WorkflowOptions options) {
		WorkflowHandle<O> handle = workflow.dispatch(options);
		handle.awaitDispatched(this.timeout);
		if (this.stepping && !this.app.isRunning()) {
			processAll();
		}
		return handle;
	}

	/**
	 * The steps of every workflow run so far: one per node whose job exists (enqueued,
	 * run or cancelled), ordered by workflow then node.
	 */
	public List<WorkflowStep> steps() {
		return jobs().stream()
			.filter(job -> job.workflowId() != null)
			.map(job -> new WorkflowStep(Objects.requireNonNull(job.workflowId()), job.workflowNode(), job.task(),
					job.state(), job.id()))
			.sorted(Comparator.comparing(WorkflowStep::workflowId).thenComparingInt(WorkflowStep::node))
			.toList();
	}

	/** Processes claimable jobs of every task with a handler until none is left. */
	public void processAll() {
		this.processor.processAll();
	}

	/** Every stored job, in no particular order. */
	public List<JobRecord> jobs() {
		return adapter().storedJobs();
	}

	/**
	 * Deletes every job and every stored schedule; the app's own schedules are stored
	 * again, from the clock's time, when next needed. {@link #reset()} does more. Does
	 * nothing unless the app runs on the memory adapter.
	 */
	public void clear() {
		if (this.adapter != null) {
			this.adapter.clear();
			this.schedules.reset();
		}
	}

	/** {@link #reset(boolean) Resets}, starting the workers again if they ran. */
	public void reset() {
		reset(this.app.isRunning());
	}

	/**
	 * Returns the app to where a test starts from, so that nothing one test left behind
	 * reaches the next: stops the workers, interrupting handlers still running (a job a
	 * handler dispatched, say); deletes every job; lets events already emitted reach
	 * their listeners and fails result waiters nothing would complete any more; moves the
	 * virtual clock back to where it started, dropping its timers; stores the app's
	 * schedules again, due from there (runtime changes to them are gone); then starts the
	 * workers if asked. Does nothing unless the app runs on the memory adapter.
	 */
	public void reset(boolean startWorkers) {
		MemoryAdapter memory = this.adapter;
		if (memory == null) {
			return;
		}
		// No grace period: what still runs belongs to a test that has ended.
		this.app.stop(Duration.ZERO);
		memory.clear();
		if (!this.runtime.awaitEventDelivery(EVENT_DELIVERY_WAIT)) {
			logger.warn("An event listener was still busy {} after the test ended; its events may reach the next test",
					EVENT_DELIVERY_WAIT);
		}
		this.runtime.waiters()
			.failAll(new TaskoraException("The job was deleted when its test ended (TestRunner.reset)"));
		this.watch.clear();
		if (this.clock != null) {
			this.clock.reset();
		}
		// the schedules were deleted with the jobs: the app's own come back, due from the
		// clock's start
		this.schedules.reset();
		if (startWorkers) {
			this.app.start();
		}
	}

	/**
	 * Restores the original adapter of an app passed to {@link #from}, and leaves the app
	 * alone.
	 */
	public void dispose() {
		this.watch.detach();
		if (this.original != null && this.runtime.adapter() == this.adapter) {
			this.runtime.replaceAdapter(this.original);
		}
	}

	/** Disposes, and closes an app this runner created. */
	@Override
	public void close() {
		if (this.ownsApp) {
			this.app.close(Duration.ZERO);
		}
		else {
			dispose();
		}
	}

}
