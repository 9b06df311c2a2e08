package dev.taskora.engine.worker;

import java.time.Duration;

import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.retry.Retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a non-blocking task does alike on every adapter, run on an app the caller built
 * (and closes): the memory adapter's tests and Redis's run the same scenarios.
 */
public final class NonBlockingScenarios {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private NonBlockingScenarios() {
	}

	/**
	 * A handler that runs past its timeout is not interrupted: it sees the signal, and
	 * its job fails once it returns; the next job runs.
	 */
	public static void aTimedOutHandlerFailsItsJobOnceItReturns(Taskora app) {
		Task<Integer, Integer> task = app.task("inline-timeout", Integer.class, Integer.class)
			.nonBlocking(true)
			.timeout(Duration.ofMillis(50))
			.retry(Retry.none())
			.handler((n, ctx) -> {
				while (n == 1 && !ctx.isCancelled()) {
					Thread.onSpinWait();
				}
				return n;
			});
		app.start();
		ResultHandle<Integer> handle = task.dispatch(1);
		assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOf(JobFailedException.class)
			.hasMessageContaining("did not complete within 50ms");
		assertThat(handle.state()).isEqualTo(JobState.FAILED);
		assertThat(task.dispatch(2).await(WAIT)).isEqualTo(2);
	}

	/**
	 * Waiting inside for another job fails the job at once, naming the task, instead of
	 * stalling the thread the job arrived on.
	 */
	public static void waitingForAnotherJobInsideFailsTheJobNamingTheTask(Taskora app) {
		Task<Integer, Integer> other = app.task("elsewhere", Integer.class, Integer.class).register();
		Task<Integer, Integer> task = app.task("inline-waits", Integer.class, Integer.class)
			.nonBlocking(true)
			.retry(Retry.none())
			.handler((n, ctx) -> other.dispatch(n).await(WAIT));
		app.start();
		assertThatThrownBy(() -> task.dispatch(1).await(WAIT)).isInstanceOf(JobFailedException.class)
			.hasMessageContaining("Task 'inline-waits' is non-blocking");
	}

}
