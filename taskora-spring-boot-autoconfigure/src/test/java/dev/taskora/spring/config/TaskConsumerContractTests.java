package dev.taskora.spring.config;

import java.time.Duration;
import java.util.List;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.Task;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.ValidationException.Violation;
import dev.taskora.engine.contract.MigrationStep;
import dev.taskora.engine.contract.TaskContract;
import dev.taskora.engine.contract.Versioning;
import dev.taskora.engine.retry.Retry;
import dev.taskora.spring.annotation.PayloadMigrations;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;
import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code @TaskConsumer(contract = ...)}, contract beans, and the template's typed tasks
 * of contracts.
 */
class TaskConsumerContractTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory");

	@Test
	void aConsumerImplementsTheContractConstantItNames() {
		this.runner.withBean("greeter", Greeter.class).run(context -> {
			Task<String, String> greet = context.getBean(TaskoraOperations.class).task(Contracts.GREET);
			assertThat(greet.handler()).isInstanceOf(Greeter.class);
			assertThat(greet.options().retry().attempts()).isEqualTo(4);
			assertThat(greet.options().concurrency()).isEqualTo(3);
			assertThat(greet.dispatch("Ada").await(WAIT)).isEqualTo("hello Ada");
		});
	}

	@Test
	void aConsumerImplementsAContractBeanOfItsTaskName() {
		this.runner.withBean("greetContract", TaskContract.class, () -> Contracts.GREET)
			.withBean("byBean", ByBean.class)
			.run(context -> {
				Task<?, ?> task = context.getBean(Taskora.class).findTask("greet").orElseThrow();
				assertThat(task.handler()).isInstanceOf(ByBean.class);
				assertThat(task.options().retry().attempts()).isEqualTo(4);
			});
	}

	@Test
	void aContractBeanWithoutConsumerIsRegisteredForDispatchingOnly() {
		this.runner.withBean("greetContract", TaskContract.class, () -> Contracts.GREET).run(context -> {
			Task<?, ?> task = context.getBean(Taskora.class).findTask("greet").orElseThrow();
			assertThat(task.handler()).isNull();
			assertThat(context.getBean(TaskoraOperations.class).task(Contracts.GREET)).isSameAs(task);
		});
	}

	@Test
	void aConsumerDeclaresItsPayloadVersionsAndMigrations() {
		this.runner.withBean("migrating", Migrating.class).run(context -> {
			Taskora taskora = context.getBean(Taskora.class);
			Task<?, ?> task = taskora.findTask("shout").orElseThrow();
			assertThat(task.versioning().version()).isEqualTo(3);
			assertThat(task.versioning().since()).isEqualTo(1);
			assertThat(taskora.inspect().migrations("shout").migrations()).isEqualTo(2);
		});
	}

	@Test
	void dispatchValidatesPayloadsUnlessThePropertyTurnsItOff() {
		this.runner.run(context -> {
			Task<Signup, String> signups = context.getBean(TaskoraOperations.class).task(SIGNUP);
			assertThatExceptionOfType(ValidationException.class).isThrownBy(() -> signups.dispatch(new Signup(" ")))
				.satisfies(ex -> assertThat(ex.violations()).extracting(Violation::path).containsExactly("name"));
		});
		this.runner.withPropertyValues("taskora.validate-on-dispatch=false").run(context -> {
			Task<Signup, String> signups = context.getBean(TaskoraOperations.class).task(SIGNUP);
			assertThat(signups.dispatch(new Signup(" ")).awaitEnqueued(WAIT).id()).isNotBlank();
		});
	}

	@Test
	void aHandlerOfOtherTypesThanItsContractFailsStartupNamingTheContract() {
		this.runner.withBean("wrong", WrongTypes.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskConsumerException.class, ex -> {
					assertThat(ex.getBeanName()).isEqualTo("wrong");
					assertThat(ex.getReason()).contains("TaskHandler<java.lang.Integer, java.lang.String>",
							"contract 'greet' takes java.lang.String and returns java.lang.String");
				}));
	}

	@Test
	void aContractNameTheClassDoesNotHoldFailsNamingTheContractsItHolds() {
		this.runner.withBean("missing", Missing.class)
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidTaskConsumerException.class,
						ex -> assertThat(ex.getReason()).contains("'farewell'", "'greet'", "'shout'")));
	}

	@Test
	void aConsumerMethodImplementsTheContractConstantItNames() {
		this.runner.withBean("greetings", MethodGreeter.class).run(context -> {
			Task<String, String> greet = context.getBean(TaskoraOperations.class).task(Contracts.GREET);
			assertThat(greet.options().retry().attempts()).isEqualTo(4);
			assertThat(greet.options().concurrency()).isEqualTo(2);
			assertThat(greet.dispatch("Grace").await(WAIT)).isEqualTo("good day Grace");
			Task<String, String> ping = context.getBean(TaskoraOperations.class).task(Pings.PING);
			assertThat(ping.dispatch("x").await(WAIT)).isEqualTo("pong x");
		});
	}

	@Test
	void aConsumerMethodOfOtherTypesThanItsContractFailsStartupNamingTheContract() {
		this.runner.withBean("wrongMethod", WrongMethodTypes.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskConsumerException.class, ex -> {
					assertThat(ex.getBeanName()).isEqualTo("wrongMethod");
					assertThat(ex.getReason()).contains("java.lang.Integer",
							"contract 'greet' takes java.lang.String and returns java.lang.String");
				}));
	}

	static final TaskContract<Signup, String> SIGNUP = TaskContract.of("signup", Signup.class, String.class);

	record Signup(@NotBlank String name) {
	}

	/** A contract module: constants only. */
	public static final class Contracts {

		public static final TaskContract<String, String> GREET = TaskContract
			.define("greet", String.class, String.class)
			.retry(Retry.fixed(4, Duration.ofMillis(10)))
			.build();

		public static final TaskContract<String, String> SHOUT = TaskContract.of("shout", String.class, String.class);

		private Contracts() {
		}

	}

	@TaskConsumer(contract = Contracts.class, name = "greet", concurrency = "3")
	static class Greeter implements TaskHandler<String, String> {

		@Override
		public String handle(String name, JobContext ctx) {
			return "hello " + name;
		}

	}

	/** A contract module holding one contract, which names the task of its consumer. */
	public static final class Pings {

		public static final TaskContract<String, String> PING = TaskContract.of("ping", String.class, String.class);

		private Pings() {
		}

	}

	// tag::method-contract[]
	static class MethodGreeter {

		@TaskConsumer(contract = Contracts.class, name = "greet", concurrency = "2")
		String greet(String name) {
			return "good day " + name;
		}

		@TaskConsumer(contract = Pings.class) // its only contract names the task
		String ping(String text) {
			return "pong " + text;
		}

	}
	// end::method-contract[]

	static class WrongMethodTypes {

		@TaskConsumer(contract = Contracts.class, name = "greet")
		String greet(Integer number) {
			return "#" + number;
		}

	}

	@TaskConsumer("greet")
	static class ByBean implements TaskHandler<String, String> {

		@Override
		public String handle(String name, JobContext ctx) {
			return "hi " + name;
		}

	}

	@TaskConsumer(contract = Contracts.class, name = "shout")
	static class Migrating implements TaskHandler<String, String>, PayloadMigrations {

		@Override
		public Versioning versioning() {
			MigrationStep same = data -> data;
			return Versioning.ordered(1, List.of(same, same));
		}

		@Override
		public String handle(String text, JobContext ctx) {
			return text.toUpperCase(java.util.Locale.ROOT);
		}

	}

	@TaskConsumer(contract = Contracts.class, name = "greet")
	static class WrongTypes implements TaskHandler<Integer, String> {

		@Override
		public String handle(Integer number, JobContext ctx) {
			return "#" + number;
		}

	}

	@TaskConsumer(contract = Contracts.class, name = "farewell")
	static class Missing implements TaskHandler<String, String> {

		@Override
		public String handle(String name, JobContext ctx) {
			return "bye " + name;
		}

	}

}
