package dev.taskora.engine.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.internal.TaskoraRuntime;
import dev.taskora.engine.internal.Progress;
import dev.taskora.engine.worker.Workers;
import org.jspecify.annotations.Nullable;

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
 * {@link #run} calls the handler directly with inline retries; {@link #execute} goes through the
 * queue, advancing virtual time through delays and backoff until the job finishes. Jobs are
 * processed on the calling thread unless the app was started, in which case its real workers run
 * them too.
 */
public final class TestRunner implements AutoCloseable {

	private static final int MAX_STEPS = 10_000;

	private static final Duration ACTIVE_WAIT = Duration.ofSeconds(30);

	private final Taskora app;

	private final TaskoraRuntime runtime;

	private final VirtualClock clock;

	private final MemoryAdapter adapter;

	private final @Nullable Adapter original;

	private final JobProcessor processor;

	private TestRunner(Taskora app, VirtualClock clock, MemoryAdapter adapter, @Nullable Adapter original) {
		this.app = app;
		this.runtime = TaskoraRuntime.of(app);
		this.clock = clock;
		this.adapter = adapter;
		this.original = original;
		this.processor = new JobProcessor(app);
	}

	/** A runner with its own app on a fresh memory adapter and virtual clock. */
	public static TestRunner create() {
		return create(builder -> {
		});
	}

	/** A runner with its own app, configured further by {@code customizer} (defaults, retention ...). */
	public static TestRunner create(Consumer<Taskora.Builder> customizer) {
		VirtualClock clock = new VirtualClock();
		MemoryAdapter adapter = MemoryAdapter.create(clock);
		Taskora.Builder builder = Taskora.builder();
		customizer.accept(builder);
		Taskora app = builder.adapter(adapter).build();
		return new TestRunner(app, clock, adapter, null);
	}

	/**
	 * A runner over an existing, not yet started app: its tasks move to a memory adapter until
	 * {@link #dispose()} restores the original adapter.
	 */
	public static TestRunner from(Taskora app) {
		VirtualClock clock = new VirtualClock();
		MemoryAdapter adapter = MemoryAdapter.create(clock);
		if (app.isRunning()) {
			throw new IllegalStateException("Cannot move a started taskora onto the test runner's adapter");
		}
		Adapter original = TaskoraRuntime.of(app).replaceAdapter(adapter);
		return new TestRunner(app, clock, adapter, original);
	}

	public Taskora app() {
		return this.app;
	}

	public VirtualClock clock() {
		return this.clock;
	}

	public MemoryAdapter adapter() {
		return this.adapter;
	}

	/**
	 * Calls the task's middleware and handler directly, retrying inline (without waiting for
	 * backoff) until it succeeds or the retry policy gives up, then throws the last error.
	 */
	public <I, O> @Nullable O run(Task<I, O> task, @Nullable I data) {
		return Workers.runInline(this.runtime, task, data);
	}

	/** Dispatches a job and waits until it is stored. */
	public <I, O> ResultHandle<O> dispatch(Task<I, O> task, @Nullable I data) {
		return dispatch(task, data, DispatchOptions.none());
	}

	/** Dispatches a job with options and waits until it is stored. */
	public <I, O> ResultHandle<O> dispatch(Task<I, O> task, @Nullable I data, DispatchOptions options) {
		ResultHandle<O> handle = task.dispatch(data, options);
		handle.enqueued().join();
		return handle;
	}

	/** Dispatches, processes (advancing virtual time through delays and retries) and reports. */
	public <I, O> ExecutionResult<O> execute(Task<I, O> task, @Nullable I data) {
		return execute(task, data, DispatchOptions.none());
	}

	/** Like {@link #execute(Task, Object)}, with dispatch options. */
	public <I, O> ExecutionResult<O> execute(Task<I, O> task, @Nullable I data, DispatchOptions options) {
		ResultHandle<O> handle = dispatch(task, data, options);
		for (int step = 0; step < MAX_STEPS; step++) {
			processAll();
			JobState state = handle.state();
			if (state == null || state.isTerminal()) {
				break;
			}
			if (state == JobState.ACTIVE) {
				awaitActive(handle);
				continue;
			}
			Long due = nextDue();
			if (due == null) {
				// Waiting with nothing here to run it (a producer-only task): report it as is.
				break;
			}
			this.clock.advanceTo(due);
			this.adapter.wakeUp();
		}
		return report(task, handle);
	}

	/** Moves virtual time forward, then processes everything that became due. */
	public void advanceTime(Duration duration) {
		this.clock.advance(duration);
		this.adapter.wakeUp();
		processAll();
	}

	/** Processes claimable jobs of every task with a handler until none is left. */
	public void processAll() {
		this.processor.processAll();
	}

	/** Every stored job, in no particular order. */
	public List<JobRecord> jobs() {
		return this.adapter.storedJobs();
	}

	/** Deletes every job (call between tests). */
	public void clear() {
		this.adapter.clear();
	}

	/** Restores the original adapter of an app passed to {@link #from}. */
	public void dispose() {
		if (this.original != null && this.runtime.adapter() == this.adapter) {
			this.runtime.replaceAdapter(this.original);
		}
	}

	/** Disposes, and closes an app this runner created. */
	@Override
	public void close() {
		if (this.original != null) {
			dispose();
		}
		else {
			this.app.close(Duration.ZERO);
		}
	}

	private @Nullable Long nextDue() {
		Long earliest = null;
		for (Task<?, ?> task : this.app.tasks()) {
			Long due = this.adapter.inspect().nextDelayedAt(task.name()).join();
			if (due != null && (earliest == null || due < earliest)) {
				earliest = due;
			}
		}
		return earliest;
	}

	private static void awaitActive(ResultHandle<?> handle) {
		try {
			handle.result().get(ACTIVE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// The state read that follows tells what happened.
		}
	}

	@SuppressWarnings("unchecked")
	private <O> ExecutionResult<O> report(Task<?, O> task, ResultHandle<O> handle) {
		JobRecord record = this.adapter.inspect().findJob(task.name(), handle.id()).join();
		if (record == null) {
			throw new IllegalStateException("Job " + handle.id() + " of task '" + task.name() + "' no longer exists");
		}
		O result = null;
		if (record.state() == JobState.COMPLETED && record.result() != null) {
			result = (O) this.runtime.serializer().deserialize(record.result(), task.outputType().type());
		}
		Object progress = (record.progress() != null) ? Progress.parse(record.progress(), this.runtime.serializer()) : null;
		String error = (record.state() == JobState.COMPLETED) ? null : record.error();
		return new ExecutionResult<>(record.state(), result, record.attempt(), new ArrayList<>(handle.logs()), progress,
				error, handle);
	}

}
