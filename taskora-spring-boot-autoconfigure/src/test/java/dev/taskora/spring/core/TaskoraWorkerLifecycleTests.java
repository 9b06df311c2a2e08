package dev.taskora.spring.core;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.event.EventType;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;

import static org.assertj.core.api.Assertions.assertThat;

class TaskoraWorkerLifecycleTests {

	private final MemoryAdapter adapter = MemoryAdapter.create();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class))
		.withBean(Adapter.class, () -> this.adapter);

	@Test
	void startsLateAndStopsEarly() {
		this.runner.run(context -> assertThat(context.getBean(TaskoraWorkerLifecycle.class).getPhase())
			.isEqualTo(Integer.MAX_VALUE - 100)
			.isGreaterThan(SmartLifecycle.DEFAULT_PHASE - 1024));
	}

	@Test
	void shutdownDuringARunningJobLetsItFinish() throws Exception {
		SlowConsumer consumer = new SlowConsumer();
		String[] jobId = new String[1];
		this.runner.withBean(SlowConsumer.class, () -> consumer)
			.withPropertyValues("taskora.worker.shutdown-timeout=20s")
			.run(context -> {
				Taskora taskora = context.getBean(Taskora.class);
				// Let the job go only once shutdown has begun, so it is running while
				// workers drain.
				taskora.on(EventType.WORKER_CLOSING, event -> consumer.release.countDown());
				ResultHandle<Object> handle = context.getBean(TaskoraOperations.class).dispatch("slow", "payload");
				jobId[0] = handle.id();
				assertThat(consumer.started.await(10, TimeUnit.SECONDS)).isTrue();
			});
		// The context is closed: the handler ran to its end, uninterrupted, and the job
		// completed.
		assertThat(consumer.finished).isTrue();
		assertThat(consumer.interrupted).isFalse();
		assertThat(this.adapter.inspect().findJob("slow", jobId[0]).join().state()).isEqualTo(JobState.COMPLETED);
		assertThat(this.adapter.inspect().findJob("slow", jobId[0]).join().result()).isEqualTo("\"done payload\"");
	}

	@Test
	void shutdownInterruptsAJobRunningPastTheTimeoutAndHandsItBack() {
		SlowConsumer consumer = new SlowConsumer();
		String[] jobId = new String[1];
		this.runner.withBean(SlowConsumer.class, () -> consumer)
			.withPropertyValues("taskora.worker.shutdown-timeout=100ms")
			.run(context -> {
				jobId[0] = context.getBean(TaskoraOperations.class).dispatch("slow", "payload").id();
				assertThat(consumer.started.await(10, TimeUnit.SECONDS)).isTrue();
			});
		assertThat(consumer.interrupted).isTrue();
		assertThat(this.adapter.inspect().findJob("slow", jobId[0]).join().state()).isEqualTo(JobState.WAITING);
	}

	@Test
	void stoppingWithACallbackDoesNotHoldTheCallerAndCallsBackOnceRunningJobsFinished() {
		SlowConsumer consumer = new SlowConsumer();
		this.runner.withBean(SlowConsumer.class, () -> consumer)
			.withPropertyValues("taskora.worker.shutdown-timeout=20s")
			.run(context -> {
				TaskoraWorkerLifecycle lifecycle = context.getBean(TaskoraWorkerLifecycle.class);
				ResultHandle<Object> handle = context.getBean(TaskoraOperations.class).dispatch("slow", "payload");
				assertThat(consumer.started.await(10, TimeUnit.SECONDS)).isTrue();
				CountDownLatch stopped = new CountDownLatch(1);
				lifecycle.stop(stopped::countDown);
				// the caller (Boot's lifecycle processor, bounded by its phase timeout)
				// is not held
				assertThat(lifecycle.isRunning()).isFalse();
				assertThat(stopped.getCount()).isOne();
				consumer.release.countDown();
				assertThat(stopped.await(10, TimeUnit.SECONDS)).isTrue();
				assertThat(consumer.finished).isTrue();
				assertThat(handle.state()).isEqualTo(JobState.COMPLETED);
			});
	}

	@TaskConsumer(name = "slow", timeout = "none")
	static class SlowConsumer implements TaskHandler<String, String> {

		final CountDownLatch started = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		volatile boolean finished;

		volatile boolean interrupted;

		@Override
		public String handle(String data, JobContext ctx) {
			this.started.countDown();
			try {
				if (!this.release.await(30, TimeUnit.SECONDS)) {
					throw new IllegalStateException("never released");
				}
			}
			catch (InterruptedException ex) {
				this.interrupted = true;
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted");
			}
			this.finished = true;
			return "done " + data;
		}

	}

}
