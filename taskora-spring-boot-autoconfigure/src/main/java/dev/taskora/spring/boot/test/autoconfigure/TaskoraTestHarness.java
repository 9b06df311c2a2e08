package dev.taskora.spring.boot.test.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.Middleware;
import dev.taskora.engine.MiddlewareContext;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.TaskoraException;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.engine.testing.TestRunner;
import dev.taskora.engine.testing.VirtualClock;
import dev.taskora.spring.core.TaskoraOperations;
import dev.taskora.spring.core.TaskoraWorkerLifecycle;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the application's tasks in tests, through the real worker loop on the memory adapter.
 * {@link #execute} dispatches a job and waits until it settles, moving the virtual clock past
 * delays and retry backoff so that a job retried three times with a one-minute backoff finishes in
 * milliseconds; {@link #advanceTime} moves the clock by hand. Handler timeouts run on the same
 * clock: a job whose handler is still running times out when the clock is moved past its timeout.
 * <p>
 * After each test method of a {@link TaskoraTest} (or {@link AutoConfigureTaskora}) the harness
 * {@link #reset() resets} the app, so every test starts from an empty, idle app.
 */
public class TaskoraTestHarness {

	private static final Logger logger = LoggerFactory.getLogger(TaskoraTestHarness.class);

	/** How long a reset waits for events already emitted to reach their listeners. */
	private static final Duration EVENT_DELIVERY_WAIT = Duration.ofSeconds(5);

	private final Taskora taskora;

	private final TaskoraOperations operations;

	private final @Nullable MemoryAdapter adapter;

	private final @Nullable VirtualClock clock;

	private final @Nullable TaskoraWorkerLifecycle lifecycle;

	private final TestRunner runner;

	/** Futures completed when a watched job changes state (claimed or scheduled for retry). */
	private final Map<String, CompletableFuture<Void>> changes = new ConcurrentHashMap<>();

	/** Jobs whose handler runs now: past the point where their timeout and lock timers exist. */
	private final Set<String> running = ConcurrentHashMap.newKeySet();

	private Duration timeout = Duration.ofSeconds(30);

	/**
	 * @param taskora the app under test
	 * @param operations the template
	 * @param adapter the memory adapter, or {@code null} if the app uses another (no virtual time)
	 * @param clock the memory adapter's virtual clock, or {@code null}
	 */
	public TaskoraTestHarness(Taskora taskora, TaskoraOperations operations, @Nullable MemoryAdapter adapter,
			@Nullable VirtualClock clock) {
		this(taskora, operations, adapter, clock, null);
	}

	/**
	 * @param taskora the app under test
	 * @param operations the template
	 * @param adapter the memory adapter, or {@code null} if the app uses another (no virtual time)
	 * @param clock the memory adapter's virtual clock, or {@code null}
	 * @param lifecycle the workers' lifecycle, which tells {@link #reset()} whether workers should
	 * run; without it, workers run again after a reset if they ran before
	 */
	public TaskoraTestHarness(Taskora taskora, TaskoraOperations operations, @Nullable MemoryAdapter adapter,
			@Nullable VirtualClock clock, @Nullable TaskoraWorkerLifecycle lifecycle) {
		this.taskora = taskora;
		this.operations = operations;
		this.adapter = adapter;
		this.clock = clock;
		this.lifecycle = lifecycle;
		this.runner = TestRunner.of(taskora);
		this.taskora.on(EventType.ACTIVE, event -> changed(event.id()));
		this.taskora.on(EventType.RETRYING, event -> changed(event.id()));
		this.taskora.use(this::track);
	}

	/** How long {@link #execute} waits in real time for a job to settle (default 30 s). */
	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	/** Dispatches a job of a named task. */
	public ResultHandle<Object> dispatch(String task, @Nullable Object data) {
		return dispatch(task, data, DispatchOptions.none());
	}

	/** Dispatches a job of a named task with options; returns once the job is stored. */
	public ResultHandle<Object> dispatch(String task, @Nullable Object data, DispatchOptions options) {
		ResultHandle<Object> handle = this.operations.dispatch(task, data, options);
		handle.enqueued().join();
		return handle;
	}

	/** Dispatches a job of a task; returns once the job is stored. */
	public <I, O> ResultHandle<O> dispatch(Task<I, O> task, @Nullable I data) {
		return dispatch(task, data, DispatchOptions.none());
	}

	/** Dispatches a job of a task with options; returns once the job is stored. */
	public <I, O> ResultHandle<O> dispatch(Task<I, O> task, @Nullable I data, DispatchOptions options) {
		ResultHandle<O> handle = this.operations.dispatch(task, data, options);
		handle.enqueued().join();
		return handle;
	}

	/** Dispatches a job of a named task and waits until it settles. */
	public JobExecution<Object> execute(String task, @Nullable Object data) {
		return execute(task, data, DispatchOptions.none());
	}

	/** Dispatches a job of a named task with options and waits until it settles. */
	public JobExecution<Object> execute(String task, @Nullable Object data, DispatchOptions options) {
		return settle(dispatch(task, data, options));
	}

	/** Dispatches a job of a task and waits until it settles. */
	public <I, O> JobExecution<O> execute(Task<I, O> task, @Nullable I data) {
		return execute(task, data, DispatchOptions.none());
	}

	/** Dispatches a job of a task with options and waits until it settles. */
	public <I, O> JobExecution<O> execute(Task<I, O> task, @Nullable I data, DispatchOptions options) {
		return settle(dispatch(task, data, options));
	}

	/**
	 * Waits until an already dispatched job settles, advancing the virtual clock through its delays.
	 */
	public <O> JobExecution<O> settle(ResultHandle<O> handle) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try {
			while (true) {
				CompletableFuture<Void> changed = new CompletableFuture<>();
				this.changes.put(handle.id(), changed);
				JobState state = handle.state();
				if (state == null || state.isTerminal() || !canProgress(handle.task(), state)) {
					break;
				}
				if (state == JobState.DELAYED || state == JobState.RETRYING) {
					advanceToNextDue(handle.task());
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0 || !await(CompletableFuture.anyOf(handle.result(), changed), remaining)) {
					break;
				}
			}
		}
		finally {
			this.changes.remove(handle.id());
		}
		return report(handle);
	}

	/**
	 * Waits until a worker runs the handler of a dispatched job, e.g. to move the clock past its
	 * timeout while it runs. A job is {@code active} from its claim on, but its timeout and lock
	 * timers start on the clock only as its handler is about to run: move the clock before, and
	 * the job's lock may lapse. Returns {@code active} once the handler runs, the state reached
	 * if the attempt already ended, or the current state if no handler started within the harness
	 * timeout.
	 */
	public @Nullable JobState awaitActive(ResultHandle<?> handle) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		try {
			while (true) {
				CompletableFuture<Void> changed = new CompletableFuture<>();
				this.changes.put(handle.id(), changed);
				if (this.running.contains(handle.id())) {
					return JobState.ACTIVE;
				}
				JobState state = handle.state();
				if (state == null || (state != JobState.WAITING && state != JobState.DELAYED && state != JobState.ACTIVE)) {
					return state;
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0 || !await(CompletableFuture.anyOf(handle.result(), changed), remaining)) {
					return this.running.contains(handle.id()) ? JobState.ACTIVE : handle.state();
				}
			}
		}
		finally {
			this.changes.remove(handle.id());
		}
	}

	/** The job as it is now, looked up across tasks. */
	public Optional<JobSnapshot<Object, Object>> inspect(String jobId) {
		return this.operations.findJob(jobId);
	}

	/** The job of a task as it is now. */
	public Optional<JobSnapshot<Object, Object>> inspect(String task, String jobId) {
		return this.operations.findJob(task, jobId);
	}

	/** Moves the virtual clock forward and wakes the workers, so due jobs run. */
	public void advanceTime(Duration duration) {
		requiredClock().advance(duration);
		requiredAdapter().wakeUp();
	}

	/** The virtual clock every store transition reads. */
	public VirtualClock clock() {
		return requiredClock();
	}

	/** Every stored job. */
	public List<JobRecord> jobs() {
		return requiredAdapter().storedJobs();
	}

	/** Deletes every job; {@link #reset()} does more, and is done after each test method. */
	public void clear() {
		if (this.adapter != null) {
			this.adapter.clear();
		}
	}

	/**
	 * Returns the app to where a test starts from, so that nothing one test left behind reaches
	 * the next (done after each test method of a {@link TaskoraTest}): stops the workers,
	 * interrupting handlers still running (a job a handler dispatched, say); deletes every job;
	 * lets events already emitted reach their listeners and fails result waiters nothing would
	 * complete any more; moves the virtual clock back to where it started, dropping its timers;
	 * then starts the workers again. Does nothing unless the app runs on the memory adapter.
	 */
	public void reset() {
		MemoryAdapter memory = this.adapter;
		if (memory == null) {
			return;
		}
		boolean restart = (this.lifecycle != null)
				? this.lifecycle.isRunning() && this.lifecycle.isWorkersEnabled() : this.taskora.isRunning();
		this.changes.clear();
		this.running.clear();
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

	private boolean canProgress(String task, JobState state) {
		if (state == JobState.DELAYED || state == JobState.RETRYING) {
			return this.clock != null || hasWorker(task);
		}
		return hasWorker(task);
	}

	private boolean hasWorker(String task) {
		return this.taskora.isRunning() && this.taskora.findTask(task).map(t -> t.handler() != null).orElse(false);
	}

	private void advanceToNextDue(String task) {
		if (this.clock == null || this.adapter == null) {
			return;
		}
		Long due = this.adapter.inspect().nextDelayedAt(task).join();
		if (due != null) {
			this.clock.advanceTo(due);
			this.adapter.wakeUp();
		}
	}

	/** App middleware: tells {@link #awaitActive} when a handler starts. */
	private void track(MiddlewareContext ctx, Middleware.Next next) throws Exception {
		this.running.add(ctx.id());
		changed(ctx.id());
		try {
			next.proceed();
		}
		finally {
			this.running.remove(ctx.id());
		}
	}

	private void changed(String jobId) {
		CompletableFuture<Void> future = this.changes.get(jobId);
		if (future != null) {
			future.complete(null);
		}
	}

	private static boolean await(CompletableFuture<?> future, long nanos) {
		try {
			future.get(nanos, TimeUnit.NANOSECONDS);
			return true;
		}
		catch (ExecutionException ex) {
			// The job failed or was cancelled: the report reads it.
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@SuppressWarnings("unchecked")
	private <O> JobExecution<O> report(ResultHandle<O> handle) {
		JobSnapshot<Object, Object> snapshot = this.operations.findJob(handle.task(), handle.id())
			.orElseThrow(() -> new IllegalStateException(
					"Job " + handle.id() + " of task '" + handle.task() + "' no longer exists"));
		String error = (snapshot.state() == JobState.COMPLETED) ? null : snapshot.error();
		return new JobExecution<>(snapshot.id(), snapshot.state(), (O) snapshot.result(), error, snapshot.attempt(),
				snapshot.logs(), snapshot.progress(), snapshot.timeline());
	}

	private VirtualClock requiredClock() {
		if (this.clock == null) {
			throw new IllegalStateException("Virtual time needs the memory adapter of @AutoConfigureTaskora");
		}
		return this.clock;
	}

	private MemoryAdapter requiredAdapter() {
		if (this.adapter == null) {
			throw new IllegalStateException("This needs the memory adapter of @AutoConfigureTaskora");
		}
		return this.adapter;
	}

}
