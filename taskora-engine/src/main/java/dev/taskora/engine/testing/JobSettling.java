package dev.taskora.engine.testing;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.engine.internal.TaskoraRuntime;
import org.jspecify.annotations.Nullable;

/**
 * Drives one dispatched job to where the test runner reports it: processing jobs on the
 * test's thread while the app's workers do not run, waiting for the workers while they
 * do, moving the virtual clock through delays and retry backoff, and stopping when
 * nothing here can move the job on. {@link TestRunner#settle} and
 * {@link TestRunner#awaitActive} delegate here.
 */
final class JobSettling {

	private static final int MAX_STEPS = 10_000;

	private final Taskora app;

	private final TaskoraRuntime runtime;

	private final @Nullable VirtualClock clock;

	private final @Nullable MemoryAdapter adapter;

	/** Whether jobs are processed on the test's thread while the workers do not run. */
	private final boolean stepping;

	private final JobProcessor processor;

	private final JobWatch watch;

	/** The runner's timeout, which a test may change between calls. */
	private final Supplier<Duration> timeout;

	JobSettling(Taskora app, @Nullable VirtualClock clock, @Nullable MemoryAdapter adapter, boolean stepping,
			JobProcessor processor, JobWatch watch, Supplier<Duration> timeout) {
		this.app = app;
		this.runtime = TaskoraRuntime.of(app);
		this.clock = clock;
		this.adapter = adapter;
		this.stepping = stepping;
		this.processor = processor;
		this.watch = watch;
		this.timeout = timeout;
	}

	/** See {@link TestRunner#settle}. */
	<O> ExecutionResult<O> settle(ResultHandle<O> handle) {
		long deadline = System.nanoTime() + this.timeout.get().toNanos();
		VirtualClock virtual = this.clock;
		MemoryAdapter memory = this.adapter;
		try {
			for (int step = 0; step < MAX_STEPS; step++) {
				CompletableFuture<Void> changed = this.watch.expectChange(handle.id());
				boolean live = !this.stepping || this.app.isRunning();
				if (!live) {
					this.processor.processAll();
				}
				JobState state = handle.state();
				if (state == null || state.isTerminal() || (live && !canProgress(handle.task(), state))) {
					break;
				}
				if (state == JobState.DELAYED || state == JobState.RETRYING || (!live && state == JobState.WAITING)) {
					// Live workers are woken for the job itself; step by step, anything
					// due may unblock it.
					Long due = (virtual == null || memory == null) ? null
							: nextDue(memory, live ? handle.task() : null);
					if (virtual != null && memory != null && due != null) {
						virtual.advanceTo(due);
						memory.wakeUp();
						if (!live) {
							continue;
						}
					}
					else if (!live) {
						// Waiting with nothing here to run it (a producer-only task):
						// report it as is.
						break;
					}
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0 || !JobWatch.await(CompletableFuture.anyOf(handle.result(), changed), remaining)) {
					break;
				}
			}
		}
		finally {
			this.watch.forget(handle.id());
		}
		return report(handle);
	}

	/** See {@link TestRunner#awaitActive}. */
	@Nullable JobState awaitActive(ResultHandle<?> handle) {
		long deadline = System.nanoTime() + this.timeout.get().toNanos();
		try {
			while (true) {
				CompletableFuture<Void> changed = this.watch.expectChange(handle.id());
				if (this.watch.isRunning(handle.id())) {
					return JobState.ACTIVE;
				}
				JobState state = handle.state();
				if (state == null
						|| (state != JobState.WAITING && state != JobState.DELAYED && state != JobState.ACTIVE)) {
					return state;
				}
				long remaining = deadline - System.nanoTime();
				if (remaining <= 0 || !JobWatch.await(CompletableFuture.anyOf(handle.result(), changed), remaining)) {
					return this.watch.isRunning(handle.id()) ? JobState.ACTIVE : handle.state();
				}
			}
		}
		finally {
			this.watch.forget(handle.id());
		}
	}

	/** Whether something here moves a job of the task on from the state. */
	boolean canProgress(String task, JobState state) {
		boolean worked = this.app.isRunning() && this.app.findTask(task).map(t -> t.handler() != null).orElse(false);
		if (state == JobState.DELAYED || state == JobState.RETRYING) {
			return this.clock != null || worked;
		}
		return worked;
	}

	/**
	 * When the earliest delayed job of the task (of every task, for {@code null}) is due.
	 */
	private @Nullable Long nextDue(MemoryAdapter memory, @Nullable String task) {
		Long earliest = null;
		for (Task<?, ?> each : this.app.tasks()) {
			if (task == null || task.equals(each.name())) {
				Long due = memory.inspect().nextDelayedAt(each.name()).join();
				if (due != null && (earliest == null || due < earliest)) {
					earliest = due;
				}
			}
		}
		return earliest;
	}

	@SuppressWarnings("unchecked")
	private <O> ExecutionResult<O> report(ResultHandle<O> handle) {
		Task<?, ?> task = this.runtime.task(handle.task());
		JobSnapshot<?, ?> snapshot = ((task != null) ? this.app.inspect().find(task, handle.id())
				: this.app.inspect().find(handle.task(), handle.id()))
			.orElseThrow(() -> new IllegalStateException(
					"Job " + handle.id() + " of task '" + handle.task() + "' no longer exists"));
		return new ExecutionResult<>(snapshot.id(), snapshot.state(), (O) snapshot.result(), snapshot.error(),
				snapshot.attempt(), snapshot.logs(), snapshot.progress(), snapshot.timeline(), handle);
	}

}
