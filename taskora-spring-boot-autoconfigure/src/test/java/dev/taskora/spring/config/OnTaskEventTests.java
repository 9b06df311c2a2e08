package dev.taskora.spring.config;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.event.CompletedEvent;
import dev.taskora.engine.event.FailedEvent;
import dev.taskora.engine.event.TaskEvent;
import dev.taskora.engine.event.WorkerReadyEvent;
import dev.taskora.spring.annotation.OnTaskEvent;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class OnTaskEventTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory");

	@Test
	void consumerMethodsHearTheirOwnTask() {
		this.runner.withBean(UpperConsumer.class).withBean(OtherConsumer.class).run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			operations.dispatch("other", "ignored").await(WAIT);
			operations.dispatch("upper", "abc").await(WAIT);
			UpperConsumer consumer = context.getBean(UpperConsumer.class);
			await().atMost(WAIT)
				.untilAsserted(
						() -> assertThat(consumer.completed).extracting(CompletedEvent::result).containsExactly("ABC"));
			assertThat(consumer.completed).extracting(CompletedEvent::task).containsOnly("upper");
		});
	}

	@Test
	void anyBeanHearsANamedTaskOrEveryTask() {
		this.runner.withBean(UpperConsumer.class).withBean(OtherConsumer.class).withBean(Audit.class).run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			operations.dispatch("upper", "x").await(WAIT);
			assertThatExceptionOfType(JobFailedException.class)
				.isThrownBy(() -> operations.dispatch("other", "fail").await(WAIT));
			Audit audit = context.getBean(Audit.class);
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(audit.otherFailures).extracting(FailedEvent::error).containsExactly("asked to fail");
				assertThat(audit.everyTask).extracting(TaskEvent::task).containsExactlyInAnyOrder("upper", "other");
				assertThat(audit.completions).isEqualTo(1);
				assertThat(audit.ready).hasSize(1);
			});
			assertThat(audit.ready.get(0).tasks()).containsExactlyInAnyOrder("upper", "other");
		});
	}

	@Test
	void aProducerOnlyAppHearsEventsOfJobsAnotherProcessRuns() {
		MemoryAdapter shared = MemoryAdapter.create();
		ApplicationContextRunner process = this.runner.withBean(Adapter.class, () -> shared)
			.withBean(UpperConsumer.class);
		process.run(worker -> process.withPropertyValues("taskora.worker.enabled=false")
			.withBean(Audit.class)
			.run(producer -> {
				String result = (String) producer.getBean(TaskoraOperations.class).dispatch("upper", "far").await(WAIT);
				assertThat(result).isEqualTo("FAR");
				Audit audit = producer.getBean(Audit.class);
				await().atMost(WAIT)
					.untilAsserted(() -> assertThat(audit.everyTask).extracting(TaskEvent::id)
						.contains(worker.getBean(UpperConsumer.class).completed.get(0).id()));
				assertThat(audit.ready).isEmpty();
			}));
	}

	@TaskConsumer("upper")
	static class UpperConsumer implements TaskHandler<String, String> {

		final List<CompletedEvent> completed = new CopyOnWriteArrayList<>();

		@Override
		public String handle(String data, JobContext ctx) {
			return data.toUpperCase(java.util.Locale.ROOT);
		}

		@OnTaskEvent
		void onCompleted(CompletedEvent event) {
			this.completed.add(event);
		}

	}

	@TaskConsumer("other")
	static class OtherConsumer implements TaskHandler<String, String> {

		@Override
		public String handle(String data, JobContext ctx) {
			if (data.equals("fail")) {
				throw new IllegalStateException("asked to fail");
			}
			return data;
		}

	}

	static class Audit {

		final List<FailedEvent> otherFailures = new CopyOnWriteArrayList<>();

		final List<TaskEvent> everyTask = new CopyOnWriteArrayList<>();

		final List<WorkerReadyEvent> ready = new CopyOnWriteArrayList<>();

		volatile int completions;

		@OnTaskEvent(task = "other")
		void onOtherFailed(FailedEvent event) {
			this.otherFailures.add(event);
		}

		@OnTaskEvent("completed")
		void onAnyCompleted(TaskEvent event) {
			this.everyTask.add(event);
		}

		@OnTaskEvent(value = "failed")
		void onAnyFailed(TaskEvent event) {
			this.everyTask.add(event);
		}

		@OnTaskEvent(value = "completed", task = "upper")
		void countUpper() {
			this.completions++;
		}

		@OnTaskEvent
		void onReady(WorkerReadyEvent event) {
			this.ready.add(event);
		}

	}

}
