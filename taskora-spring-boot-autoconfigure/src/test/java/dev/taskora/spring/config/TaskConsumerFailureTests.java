package dev.taskora.spring.config;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.event.TaskEvent;
import dev.taskora.spring.annotation.OnTaskEvent;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanInitializationException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class TaskConsumerFailureTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory");

	@Test
	void twoConsumersOfOneTaskFailNamingBothBeans() {
		this.runner.withBean("firstMailer", FirstMailer.class)
			.withBean("secondMailer", SecondMailer.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(DuplicateTaskConsumerException.class, ex -> {
					assertThat(ex.getTask()).isEqualTo("mail");
					assertThat(ex.getConsumers()).hasSize(2);
					assertThat(ex.getMessage()).contains("'firstMailer'", FirstMailer.class.getName(), "'secondMailer'",
							SecondMailer.class.getName());
				}));
	}

	@Test
	void aConsumerThatIsNoTaskHandlerFailsNamingTheClass() {
		this.runner.withBean("notAHandler", NotAHandler.class)
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidTaskConsumerException.class, ex -> {
					assertThat(ex.getBeanName()).isEqualTo("notAHandler");
					assertThat(ex.getBeanType()).isEqualTo(NotAHandler.class);
					assertThat(ex.getMessage()).contains(NotAHandler.class.getName())
						.contains("does not implement TaskHandler");
				}));
	}

	@Test
	void anInvalidAttributeFailsNamingTheBeanTheAttributeAndTheAcceptedValues() {
		this.runner.withBean("negative", NegativeConcurrency.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskConsumerException.class, ex -> {
					assertThat(ex.getMessage()).contains("'negative'", "'concurrency'", "'-2'");
					assertThat(ex.getAction()).contains("a whole number of at least 1");
				}));
	}

	@Test
	void anUnparseableDurationAttributeFails() {
		this.runner.withBean("slow", BadTimeout.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskConsumerException.class,
						ex -> assertThat(ex.getAction()).contains("30s", "5m")));
	}

	@Test
	void anUnresolvablePlaceholderInAnOptionFailsNamingTheBeanTheAttributeAndThePlaceholder() {
		this.runner.withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class))
			.withBean("mailer", PlaceholderOption.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskConsumerException.class, ex -> {
					assertThat(ex.getBeanName()).isEqualTo("mailer");
					assertThat(ex.getReason()).contains("'concurrency'", "'${mail.concurrency}'", "'mail.concurrency'");
					assertThat(ex.getAction()).contains("'mail.concurrency'", "${mail.concurrency:<value>}");
				}));
	}

	@Test
	void anUnresolvablePlaceholderInTheNameFailsNamingTheBeanAndThePlaceholder() {
		this.runner.withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class))
			.withBean("mailer", PlaceholderName.class)
			.run(context -> assertThat(context).getFailure()
				.cause()
				.isInstanceOfSatisfying(InvalidTaskConsumerException.class, ex -> {
					assertThat(ex.getBeanName()).isEqualTo("mailer");
					assertThat(ex.getReason()).contains("'name'", "'${mail.task}'", "'mail.task'");
				}));
	}

	@Test
	void aResolvablePlaceholderSetsTheOption() {
		this.runner.withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class))
			.withPropertyValues("mail.concurrency=3")
			.withBean("mailer", PlaceholderOption.class)
			.run(context -> assertThat(
					context.getBean(Taskora.class).findTask("mail").orElseThrow().options().concurrency())
				.isEqualTo(3));
	}

	@Test
	void anEventMethodThatDoesNotSayWhichEventFails() {
		this.runner.withBean("vague", VagueListener.class)
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining(VagueListener.class.getName() + ".onSomething")
				.hasMessageContaining("does not say which event"));
	}

	@Test
	void aWorkerEventOnATaskFails() {
		this.runner.withBean("misplaced", MisplacedWorkerListener.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOf(BeanInitializationException.class)
				.hasMessageContaining("worker:ready")
				.hasMessageContaining("'misplaced'"));
	}

	@TaskConsumer("mail")
	static class FirstMailer implements TaskHandler<String, String> {

		@Override
		public String handle(String data, JobContext ctx) {
			return data;
		}

	}

	@TaskConsumer("mail")
	static class SecondMailer implements TaskHandler<String, String> {

		@Override
		public String handle(String data, JobContext ctx) {
			return data;
		}

	}

	@TaskConsumer("nothing")
	static class NotAHandler {

		String handle(String data) {
			return data;
		}

	}

	@TaskConsumer(name = "negative", concurrency = "-2")
	static class NegativeConcurrency implements TaskHandler<String, String> {

		@Override
		public String handle(String data, JobContext ctx) {
			return data;
		}

	}

	@TaskConsumer(name = "slow", timeout = "a while")
	static class BadTimeout implements TaskHandler<String, String> {

		@Override
		public String handle(String data, JobContext ctx) {
			return data;
		}

	}

	@TaskConsumer(name = "mail", concurrency = "${mail.concurrency}")
	static class PlaceholderOption implements TaskHandler<String, String> {

		@Override
		public String handle(String data, JobContext ctx) {
			return data;
		}

	}

	@TaskConsumer("${mail.task}")
	static class PlaceholderName implements TaskHandler<String, String> {

		@Override
		public String handle(String data, JobContext ctx) {
			return data;
		}

	}

	static class VagueListener {

		@OnTaskEvent
		void onSomething(TaskEvent event) {
		}

	}

	static class MisplacedWorkerListener {

		@OnTaskEvent(value = "worker:ready", task = "mail")
		void onReady() {
		}

	}

}
