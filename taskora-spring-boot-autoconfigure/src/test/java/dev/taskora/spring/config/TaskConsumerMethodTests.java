package dev.taskora.spring.config;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.taskora.engine.CancelHook;
import dev.taskora.engine.CancelledException;
import dev.taskora.engine.JobContext;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.Taskora;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.TaskConsumerContainer;
import dev.taskora.spring.core.TaskConsumerRegistry;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskConsumerMethodTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory");

	@Test
	void oneBeanHostsSeveralHandlersWithParametersFromThePayloadAndTheJobContext() {
		this.runner.withBean(Greeter.class).withBean(NotificationConsumers.class).run(context -> {
			TaskoraOperations taskora = context.getBean(TaskoraOperations.class);
			ResultHandle<Object> greeting = taskora.dispatch("greet", new Person("Ada"));
			assertThat(greeting.await(WAIT)).isEqualTo(new Greeting("Hello, Ada (job " + greeting.id() + ")"));
			assertThat(taskora.dispatch("sum", List.of(1, 2, 3)).await(WAIT)).isEqualTo(6);
			ResultHandle<Object> ping = taskora.dispatch("ping", null);
			assertThat(ping.await(WAIT)).isNull();
			assertThat(context.getBean(NotificationConsumers.class).pings).containsExactly("pinged");
			Taskora app = context.getBean(Taskora.class);
			assertThat(app.findTask("greet").orElseThrow().inputType().type()).isEqualTo(Person.class);
			assertThat(app.findTask("sum").orElseThrow().inputType().type().getTypeName())
				.isEqualTo("java.util.List<java.lang.Integer>");
			assertThat(app.findTask("sum").orElseThrow().outputType().type()).isEqualTo(Integer.class);
			assertThat(app.findTask("ping").orElseThrow().inputType().type()).isEqualTo(Void.class);
			assertThat(app.findTask("greet").orElseThrow().options().concurrency()).isEqualTo(3);
		});
	}

	@Test
	void aConsumerWithoutAutoStartupLeavesItsJobsWaitingUntilItIsResumedByItsId() {
		this.runner.withBean(Greeter.class).withBean(NotificationConsumers.class).run(context -> {
			TaskConsumerRegistry registry = context.getBean(TaskConsumerRegistry.class);
			assertThat(registry.getConsumerIds()).containsExactlyInAnyOrder("greeter", "sum", "ping", "audit");
			TaskConsumerContainer audit = registry.requireConsumer("audit");
			assertThat(audit.getTask()).isEqualTo("audit-log");
			assertThat(audit.isAutoStartup()).isFalse();
			assertThat(audit.isPaused()).isTrue();
			TaskoraOperations taskora = context.getBean(TaskoraOperations.class);
			ResultHandle<Object> waiting = taskora.enqueue("audit-log", "login");
			assertThat(taskora.dispatch("sum", List.of(4)).await(WAIT)).isEqualTo(4);
			assertThat(waiting.state()).isEqualTo(JobState.WAITING);
			audit.resume();
			assertThat(waiting.await(WAIT)).isEqualTo("logged login");
			assertThat(audit.isRunning()).isTrue();
		});
	}

	@Test
	void pausingOneConsumerLeavesItsJobsWaitingWhileTheOthersRun() {
		this.runner.withBean(Greeter.class).withBean(NotificationConsumers.class).run(context -> {
			// tag::pause-resume[]
			TaskConsumerContainer greeter = context.getBean(TaskConsumerRegistry.class).requireConsumer("greeter");
			greeter.pause();
			assertThat(greeter.isPaused()).isTrue();
			assertThat(greeter.isRunning()).isFalse();
			TaskoraOperations taskora = context.getBean(TaskoraOperations.class);
			ResultHandle<Object> waiting = taskora.enqueue("greet", new Person("Grace"));
			assertThat(taskora.dispatch("sum", List.of(1, 1)).await(WAIT)).isEqualTo(2);
			assertThat(waiting.state()).isEqualTo(JobState.WAITING);
			greeter.resume();
			// end::pause-resume[]
			assertThat(waiting.await(WAIT)).isEqualTo(new Greeting("Hello, Grace (job " + waiting.id() + ")"));
		});
	}

	@Test
	void aConsumerClassImplementingCancelHookHasItRunWhenAnActiveJobIsCancelled() {
		this.runner.withBean(SlowImportConsumer.class).run(context -> {
			SlowImportConsumer consumer = context.getBean(SlowImportConsumer.class);
			ResultHandle<Object> handle = context.getBean(TaskoraOperations.class).dispatch("slow-import", "file.csv");
			assertThat(consumer.started.await(10, TimeUnit.SECONDS)).isTrue();
			handle.cancel("user asked");
			assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOf(CancelledException.class);
			assertThat(consumer.cancelled).containsExactly("file.csv");
		});
	}

	@Test
	void aLazyConsumerIsCreatedAtStartupAndHandlesJobs() {
		this.runner.withBean(LazyConsumer.class, LazyConsumer::new, definition -> definition.setLazyInit(true))
			.run(context -> {
				assertThat(context.getBean(Taskora.class).findTask("lazy")).isPresent();
				assertThat(context.getBean(TaskoraOperations.class).dispatch("lazy", "x").await(WAIT))
					.isEqualTo("lazy x");
			});
	}

	@Test
	void aPrototypeConsumerIsRefusedNamingItsScope() {
		this.runner.withBean(LazyConsumer.class, LazyConsumer::new, definition -> definition.setScope("prototype"))
			.run(context -> {
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.isInstanceOf(InvalidTaskConsumerException.class)
					.hasMessageContaining("LazyConsumer")
					.hasMessageContaining("a consumer must be a singleton, but the bean has scope 'prototype'");
			});
	}

	@Test
	void aScopedProxyConsumerIsRefusedNamingTheScopeOfItsTarget() {
		this.runner.withUserConfiguration(ScopedProxyConfiguration.class).run(context -> {
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidTaskConsumerException.class)
				.hasMessageContaining("a consumer must be a singleton, but the bean has scope 'prototype'");
		});
	}

	@Test
	void aMethodTakingTwoPayloadsIsRefusedNamingTheMethod() {
		this.runner.withBean(TwoPayloadConsumers.class).run(context -> {
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidTaskConsumerException.class)
				.hasMessageContaining(
						"@TaskConsumer method TwoPayloadConsumers.both(String, Integer) cannot handle jobs:"
								+ " it takes more than one payload parameter (String and Integer)");
		});
	}

	@Test
	void twoConsumersWithOneIdAreRefusedNamingBoth() {
		this.runner.withBean(Greeter.class)
			.withBean(NotificationConsumers.class)
			.withBean(SameIdConsumer.class)
			.run(context -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.hasMessageContaining("Two @TaskConsumers have the id 'greeter'"));
	}

	@Test
	void versionAttributeStampsDispatchedJobs() {
		this.runner.withBean(LazyConsumer.class).run(context -> {
			assertThat(context.getBean(Taskora.class).findTask("lazy").orElseThrow().options().version()).isEqualTo(3);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class ScopedProxyConfiguration {

		@Bean
		@Scope(scopeName = "prototype", proxyMode = ScopedProxyMode.TARGET_CLASS)
		LazyConsumer scopedConsumer() {
			return new LazyConsumer();
		}

	}

	record Person(String name) {
	}

	record Greeting(String text) {
	}

	static class Greeter {

		Greeting greet(String name, String jobId) {
			return new Greeting("Hello, " + name + " (job " + jobId + ")");
		}

	}

	// tag::method-consumers[]
	static class NotificationConsumers {

		private final Greeter greeter;

		final List<String> pings = new CopyOnWriteArrayList<>();

		NotificationConsumers(Greeter greeter) {
			this.greeter = greeter;
		}

		@TaskConsumer(name = "greet", id = "greeter", concurrency = "3")
		Greeting greet(Person person, JobContext ctx) {
			return this.greeter.greet(person.name(), ctx.id());
		}

		@TaskConsumer("sum")
		int sum(List<Integer> numbers) {
			return numbers.stream().mapToInt(Integer::intValue).sum();
		}

		@TaskConsumer("ping")
		void ping() {
			this.pings.add("pinged");
		}

		@TaskConsumer(name = "audit-log", id = "audit", autoStartup = "${audit.enabled:false}")
		String audit(String event) {
			return "logged " + event;
		}

	}

	static class SameIdConsumer {

		@TaskConsumer(name = "other-greet", id = "greeter")
		String greet(String name) {
			return name;
		}

	}
	// end::method-consumers[]

	static class TwoPayloadConsumers {

		@TaskConsumer("both")
		String both(String text, Integer number) {
			return text + number;
		}

	}

	@TaskConsumer(name = "lazy", version = "3")
	static class LazyConsumer implements TaskHandler<String, String> {

		@Override
		public String handle(String data, JobContext ctx) {
			return "lazy " + data;
		}

	}

	@TaskConsumer("slow-import")
	static class SlowImportConsumer implements TaskHandler<String, String>, CancelHook<String> {

		final CountDownLatch started = new CountDownLatch(1);

		final List<String> cancelled = new CopyOnWriteArrayList<>();

		@Override
		public String handle(String file, JobContext ctx) throws InterruptedException {
			this.started.countDown();
			new CountDownLatch(1).await();
			return file;
		}

		@Override
		public void onCancel(String file, JobContext ctx) {
			this.cancelled.add(file);
		}

	}

}
