package dev.taskora.engine.adapter;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.taskora.engine.CancelledException;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.JobTimeoutException;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.job.CancelOutcome;
import dev.taskora.engine.retry.Retry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Live workers on the facets together: a handler timeout interrupts the handler,
 * cancelling an active job reaches its worker, and closing drains or hands running jobs
 * back.
 */
public abstract class WorkersContract extends AdapterContract {

	protected WorkersContract(AdapterFactory factory) {
		super(factory);
	}

	@Test
	void aTimeoutInterruptsTheHandlerAndIsNotRetriedByDefault() {
		Taskora app = live();
		CountDownLatch interrupted = new CountDownLatch(1);
		Task<String, String> task = app.task(name(), String.class, String.class)
			.timeout(Duration.ofMillis(200))
			.retry(Retry.fixed(3, Duration.ofMillis(10)))
			.handler((s, ctx) -> {
				try {
					Thread.sleep(60_000);
				}
				catch (InterruptedException ex) {
					interrupted.countDown();
					throw ex;
				}
				return s;
			});
		app.start();
		ResultHandle<String> handle = task.dispatch("slow");
		assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOf(JobFailedException.class)
			.hasMessage("Job " + handle.id() + " did not complete within 200ms");
		assertThat(interrupted.getCount()).isZero();
		assertThat(adapter(app).inspect().findJob(task.name(), handle.id()).join().attempt()).isEqualTo(1);
	}

	@Test
	void aTimeoutIsRetriedWhenRetryOnListsIt() {
		Taskora app = live();
		Task<String, String> task = app.task(name(), String.class, String.class)
			.timeout(Duration.ofMillis(100))
			.retry(Retry.fixed(2, Duration.ofMillis(10)).jitter(false).retryOn(JobTimeoutException.class))
			.handler((s, ctx) -> {
				if (ctx.attempt() == 1) {
					Thread.sleep(60_000);
				}
				return "attempt " + ctx.attempt();
			});
		app.start();
		assertThat(task.dispatch("x").await(WAIT)).isEqualTo("attempt 2");
	}

	@Test
	void anActiveJobIsInterruptedPromptlyAndItsOnCancelHookRuns() throws Exception {
		Taskora app = live();
		CountDownLatch started = new CountDownLatch(1);
		AtomicLong interruptedAt = new AtomicLong();
		List<String> hooks = new CopyOnWriteArrayList<>();
		Task<String, String> task = app.task(name(), String.class, String.class)
			.onCancel((data, ctx) -> hooks.add(data + ":" + ctx.isCancelled()))
			.handler((s, ctx) -> {
				started.countDown();
				try {
					Thread.sleep(60_000);
				}
				catch (InterruptedException ex) {
					interruptedAt.set(System.nanoTime());
					throw ex;
				}
				return s;
			});
		app.start();
		ResultHandle<String> handle = task.dispatch("import");
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(handle.cancel("user asked")).isEqualTo(CancelOutcome.FLAGGED);
		long cancelledAt = System.nanoTime();
		assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOfSatisfying(CancelledException.class,
				ex -> assertThat(ex.reason()).isEqualTo("user asked"));
		assertThat(Duration.ofNanos(interruptedAt.get() - cancelledAt)).isLessThan(Duration.ofMillis(100));
		assertThat(hooks).containsExactly("import:true");
		assertThat(handle.state()).isEqualTo(JobState.CANCELLED);
	}

	@Test
	void closeWaitsForARunningJobToFinish() throws Exception {
		Taskora app = live();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> {
			started.countDown();
			release.await();
			return "finished";
		});
		app.start();
		ResultHandle<String> handle = task.dispatch("x");
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		Thread closer = new Thread(() -> app.close(Duration.ofSeconds(10)));
		closer.start();
		closer.join(300);
		assertThat(closer.isAlive()).as("close() returned while a job was running").isTrue();
		release.countDown();
		closer.join(10_000);
		assertThat(closer.isAlive()).isFalse();
		Adapter reader = readerAfterClose(app);
		assertThat(reader.inspect().state(task.name(), handle.id()).join()).isEqualTo(JobState.COMPLETED);
	}

	@Test
	void closeInterruptsJobsStillRunningAfterTheTimeoutAndRequeuesThem() throws Exception {
		Taskora app = live();
		CountDownLatch started = new CountDownLatch(1);
		Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> {
			started.countDown();
			Thread.sleep(60_000);
			return s;
		});
		app.start();
		ResultHandle<String> handle = task.dispatch("x");
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		app.close(Duration.ofMillis(100));
		Adapter reader = readerAfterClose(app);
		JobRecord record = reader.inspect().findJob(task.name(), handle.id()).join();
		assertThat(record.state()).isEqualTo(JobState.WAITING);
		assertThat(record.attempt()).isEqualTo(1);
	}

}
