package dev.taskora.spring.config;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.taskora.engine.CancelledException;
import dev.taskora.engine.JobContext;
import dev.taskora.engine.Middleware;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.retry.Retry;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskConsumerConfigurerTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory")
		.withBean(ImportConsumers.class);

	@Test
	void aTypedConfigurerAddsMiddlewareRetryAndOnCancelToAMethodConsumer() {
		List<String> calls = new CopyOnWriteArrayList<>();
		Middleware audit = (ctx, next) -> {
			calls.add("before " + ctx.data());
			next.proceed();
		};
		this.runner
			// tag::configurer[]
			.withBean("importOptions", TaskConsumerConfigurer.class,
					() -> TaskConsumerConfigurer.forTask("import-file", String.class, String.class,
							task -> task.middleware(audit)
								.retry(Retry.fixed(4, Duration.ofMillis(1)))
								.onCancel((file, ctx) -> calls.add("cancelled " + file))))
			// end::configurer[]
			.run(context -> {
				Taskora taskora = context.getBean(Taskora.class);
				assertThat(taskora.findTask("import-file").orElseThrow().options().retry().attempts()).isEqualTo(4);
				assertThat(taskora.findTask("import-file").orElseThrow().options().timeout())
					.isEqualTo(Duration.ofMinutes(1));
				ImportConsumers consumers = context.getBean(ImportConsumers.class);
				ResultHandle<Object> handle = context.getBean(TaskoraOperations.class).dispatch("import-file", "a.csv");
				assertThat(consumers.started.await(10, TimeUnit.SECONDS)).isTrue();
				handle.cancel("stop");
				assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOf(CancelledException.class);
				assertThat(calls).containsExactly("before a.csv", "cancelled a.csv");
			});
	}

	@Test
	void aConfigurerTypedOtherwiseThanItsConsumerIsRefusedNamingBothTypes() {
		this.runner.withBean("importOptions", TaskConsumerConfigurer.class,
				() -> TaskConsumerConfigurer.forTask("import-file", Integer.class, String.class, task -> {
				}))
			.run(context -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidTaskConsumerException.class)
				.hasMessageContaining("a TaskConsumerConfigurer of task 'import-file' is typed java.lang.Integer ->"
						+ " java.lang.String, but the consumer handles java.lang.String -> java.lang.String"));
	}

	static class ImportConsumers {

		final CountDownLatch started = new CountDownLatch(1);

		@TaskConsumer(name = "import-file", timeout = "1m")
		String importFile(String file, JobContext ctx) throws InterruptedException {
			this.started.countDown();
			new CountDownLatch(1).await();
			return file;
		}

	}

}
