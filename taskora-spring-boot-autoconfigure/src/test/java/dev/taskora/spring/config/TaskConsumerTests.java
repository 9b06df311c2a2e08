package dev.taskora.spring.config;

import java.lang.reflect.ParameterizedType;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.Middleware;
import dev.taskora.engine.MiddlewareContext;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.job.TaskOptions;
import dev.taskora.engine.retry.Backoff;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TaskConsumerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory");

	@Test
	void consumerHandlesJobsWithItsInjectedDependencies() {
		this.runner.withBean(Greeter.class).withBean(GreetConsumer.class).run(context -> {
			ResultHandle<Object> handle = context.getBean(TaskoraOperations.class).dispatch("greet", new Person("Ada"));
			assertThat(handle.await(WAIT)).isEqualTo(new Greeting("Hello, Ada"));
		});
	}

	@Test
	void aNonBlockingConsumerRunsOffTheHandlerThreads() {
		this.runner.withBean(InlineConsumer.class).run(context -> {
			ResultHandle<Object> handle = context.getBean(TaskoraOperations.class).dispatch("inline", "Ada");
			assertThat(handle.await(WAIT)).asString().startsWith("Ada on ").doesNotContain("taskora-inline-");
		});
	}

	@Test
	void resolvesInputAndOutputTypesFromTheImplementedInterface() {
		this.runner.withBean(SumConsumer.class).withBean(ConcreteConsumer.class).run(context -> {
			Taskora taskora = context.getBean(Taskora.class);
			Task<?, ?> sum = taskora.findTask("sum").orElseThrow();
			assertThat(sum.inputType().type()).isInstanceOfSatisfying(ParameterizedType.class,
					type -> assertThat(type.getTypeName()).isEqualTo("java.util.List<java.lang.Integer>"));
			assertThat(sum.outputType().type()).isEqualTo(Integer.class);
			assertThat(taskora.findTask("concrete").orElseThrow().inputType().type()).isEqualTo(Person.class);
			ResultHandle<Object> handle = context.getBean(TaskoraOperations.class).dispatch("sum", List.of(1, 2, 3));
			assertThat(handle.await(WAIT)).isEqualTo(6);
			assertThat(context.getBean(TaskoraOperations.class).dispatch("concrete", new Person("Grace")).await(WAIT))
				.isEqualTo("Grace");
		});
	}

	@Test
	void appliesAnnotationAttributesWithPlaceholders() {
		this.runner.withBean(ConfiguredConsumer.class)
			.withPropertyValues("app.task-name=configured", "app.concurrency=3", "app.non-blocking=true")
			.run(context -> {
				TaskOptions options = context.getBean(Taskora.class).findTask("configured").orElseThrow().options();
				assertThat(options.concurrency()).isEqualTo(3);
				assertThat(options.nonBlocking()).isTrue();
				assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(2));
				assertThat(options.retry().attempts()).isEqualTo(4);
				assertThat(options.retry().backoff()).isSameAs(Backoff.FIXED);
				assertThat(options.retry().delay()).isEqualTo(Duration.ofMillis(10));
				assertThat(options.retry().maxDelay()).isEqualTo(Duration.ofSeconds(1));
				assertThat(options.retry().jitter()).isFalse();
				assertThat(options.retry().noRetryOn()).containsExactly(IllegalArgumentException.class);
				assertThat(options.stall().interval()).isEqualTo(Duration.ofSeconds(45));
				assertThat(options.stall().maxCount()).isEqualTo(2);
			});
	}

	@Test
	void partialRetryAttributesRefineTheConfiguredDefaults() {
		this.runner.withBean(FlakyConsumer.class)
			.withPropertyValues("taskora.defaults.retry.backoff=linear", "taskora.defaults.retry.delay=3s")
			.run(context -> {
				TaskOptions options = context.getBean(Taskora.class).findTask("flaky").orElseThrow().options();
				assertThat(options.retry().attempts()).isEqualTo(3);
				assertThat(options.retry().backoff()).isSameAs(Backoff.LINEAR);
				assertThat(options.retry().delay()).isEqualTo(Duration.ofMillis(5));
			});
	}

	@Test
	void retriesAFailingConsumerUntilItSucceeds() {
		this.runner.withBean(FlakyConsumer.class).run(context -> {
			ResultHandle<Object> handle = context.getBean(TaskoraOperations.class).dispatch("flaky", "x");
			assertThat(handle.await(WAIT)).isEqualTo("ok after 3");
			assertThat(context.getBean(FlakyConsumer.class).calls).hasValue(3);
		});
	}

	@Test
	void runsMiddlewareBeansAroundConsumers() {
		this.runner.withBean(Greeter.class)
			.withBean(GreetConsumer.class)
			.withBean(CountingMiddleware.class)
			.run(context -> {
				context.getBean(TaskoraOperations.class).dispatch("greet", new Person("Linus")).await(WAIT);
				assertThat(context.getBean(CountingMiddleware.class).calls).hasValue(1);
				assertThat(context.getBean(Taskora.class).middleware()).hasSize(1);
			});
	}

	@Test
	void producerOnlyAppRegistersConsumersWithoutRunningThem() {
		this.runner.withBean(Greeter.class)
			.withBean(GreetConsumer.class)
			.withPropertyValues("taskora.worker.enabled=false")
			.run(context -> {
				ResultHandle<Object> handle = context.getBean(TaskoraOperations.class)
					.dispatch("greet", new Person("Ken"));
				assertThat(handle.enqueued().get()).isTrue();
				assertThat(handle.state()).isEqualTo(dev.taskora.engine.JobState.WAITING);
				assertThat(context.getBean(Taskora.class).isRunning()).isFalse();
			});
	}

	record Person(String name) {
	}

	record Greeting(String text) {
	}

	static class Greeter {

		Greeting greet(Person person) {
			return new Greeting("Hello, " + person.name());
		}

	}

	@TaskConsumer("greet")
	static class GreetConsumer implements TaskHandler<Person, Greeting> {

		private final Greeter greeter;

		GreetConsumer(Greeter greeter) {
			this.greeter = greeter;
		}

		@Override
		public Greeting handle(Person data, JobContext ctx) {
			return this.greeter.greet(data);
		}

	}

	@TaskConsumer(name = "inline", nonBlocking = "true")
	static class InlineConsumer implements TaskHandler<String, String> {

		@Override
		public String handle(String data, JobContext ctx) {
			return data + " on " + Thread.currentThread().getName();
		}

	}

	@TaskConsumer("sum")
	static class SumConsumer implements TaskHandler<List<Integer>, Integer> {

		@Override
		public Integer handle(List<Integer> data, JobContext ctx) {
			return data.stream().mapToInt(Integer::intValue).sum();
		}

	}

	abstract static class NamingConsumer<T> implements TaskHandler<T, String> {

		@Override
		public String handle(T data, JobContext ctx) {
			return name(data);
		}

		abstract String name(T data);

	}

	@TaskConsumer("concrete")
	static class ConcreteConsumer extends NamingConsumer<Person> {

		@Override
		String name(Person data) {
			return data.name();
		}

	}

	@TaskConsumer(name = "${app.task-name}", concurrency = "${app.concurrency}", nonBlocking = "${app.non-blocking}",
			timeout = "2m", retryAttempts = "4", retryBackoff = "fixed", retryDelay = "10ms", retryMaxDelay = "1s",
			retryJitter = "false", noRetryOn = IllegalArgumentException.class, stallInterval = "45s",
			stallMaxCount = "2")
	static class ConfiguredConsumer implements TaskHandler<String, String> {

		@Override
		public String handle(String data, JobContext ctx) {
			return data;
		}

	}

	@TaskConsumer(name = "flaky", retryAttempts = "3", retryDelay = "5ms")
	static class FlakyConsumer implements TaskHandler<String, String> {

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public String handle(String data, JobContext ctx) {
			int call = this.calls.incrementAndGet();
			if (call < 3) {
				throw new IllegalStateException("flaky " + call);
			}
			return "ok after " + call;
		}

	}

	static class CountingMiddleware implements Middleware {

		final AtomicInteger calls = new AtomicInteger();

		@Override
		public void handle(MiddlewareContext ctx, Next next) throws Exception {
			this.calls.incrementAndGet();
			next.proceed();
		}

	}

}
