package dev.taskora.spring.boot.autoconfigure.apps;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.redis.RedisTestServer;
import dev.taskora.engine.event.CompletedEvent;
import dev.taskora.engine.inspect.Inspector;
import dev.taskora.spring.annotation.OnTaskEvent;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.config.InvalidTaskConsumerException;
import dev.taskora.spring.core.TaskConsumerRegistry;
import dev.taskora.spring.core.TaskoraOperations;
import dev.taskora.spring.core.TaskoraWorkerLifecycle;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;

import static dev.taskora.spring.boot.autoconfigure.apps.AppsTestSupport.qualified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two taskora apps in one context, each on its own Redis database: consumers and
 * listeners join the app they name, beans are qualified by app, and unqualified injection
 * gets the default app.
 */
class TaskoraAppsIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final String DEFAULT_PREFIX = RedisTestServer.uniquePrefix();

	private static final String BILLING_PREFIX = RedisTestServer.uniquePrefix();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class))
		// tag::apps-properties[]
		.withPropertyValues("taskora.redis.url=" + RedisTestServer.get().url() + "/1",
				"taskora.prefix=" + DEFAULT_PREFIX,
				"taskora.apps.billing.redis.url=" + RedisTestServer.get().url() + "/2",
				"taskora.apps.billing.prefix=" + BILLING_PREFIX, "taskora.apps.billing.defaults.concurrency=2")
		// end::apps-properties[]
		.withBean(EmailConsumers.class)
		.withBean(BillingConsumers.class)
		.withBean(BillingService.class);

	@Test
	void consumersJoinTheAppTheyNameAndEachAppUsesItsOwnRedisDatabase() {
		this.runner.run(context -> {
			TaskoraOperations defaultApp = context.getBean(TaskoraOperations.class);
			TaskoraOperations billing = qualified(context, TaskoraOperations.class, "billing");
			assertThat(billing).isNotSameAs(defaultApp);
			assertThat(billing.taskora()).isNotSameAs(defaultApp.taskora());
			assertThat(context.getBean(Taskora.class)).isSameAs(defaultApp.taskora());

			assertThat(defaultApp.dispatch("send-email", "ada").await(WAIT)).isEqualTo("default app mailed ada");
			assertThat(billing.dispatch("send-email", "ada").await(WAIT)).isEqualTo("billing app mailed ada");
			assertThat(billing.dispatch("charge", 1250).await(WAIT)).isEqualTo("charged 1250");
			assertThat(defaultApp.findTask("charge")).isEmpty();
			assertThat(billing.taskora().findTask("charge").orElseThrow().options().concurrency()).isEqualTo(2);

			assertThat(keys(1)).isNotEmpty().allMatch(key -> key.contains(DEFAULT_PREFIX));
			assertThat(keys(2)).isNotEmpty().allMatch(key -> key.contains(BILLING_PREFIX));
			assertThat(keys(2)).anyMatch(key -> key.contains("charge"));
			assertThat(keys(1)).noneMatch(key -> key.contains("charge"));

			BillingConsumers consumers = context.getBean(BillingConsumers.class);
			await().atMost(WAIT).untilAsserted(() -> assertThat(consumers.completed).containsExactly("charge"));
		});
	}

	@Test
	void everyBeanOfANamedAppIsQualifiedAndUnqualifiedInjectionGetsTheDefaultApp() {
		this.runner.run(context -> {
			BillingService service = context.getBean(BillingService.class);
			assertThat(service.billing.taskora()).isSameAs(qualified(context, Taskora.class, "billing"));
			assertThat(service.defaultApp.taskora()).isSameAs(context.getBean(Taskora.class));
			assertThat(qualified(context, Inspector.class, "billing").adapterName()).isEqualTo("RedisAdapter");
			assertThat(context.getBean(Inspector.class)).isSameAs(context.getBean(Taskora.class).inspect());
			assertThat(qualified(context, TaskoraWorkerLifecycle.class, "billing").isRunning()).isTrue();
			assertThat(context.getBean(TaskConsumerRegistry.class).getConsumerIds())
				.containsExactlyInAnyOrder("send-email", "billing:send-email", "billing:charge");
		});
	}

	@Test
	void aConsumerNamingAnUnknownAppIsRefusedNamingTheApp() {
		this.runner.withBean(LostConsumers.class)
			.run(context -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidTaskConsumerException.class)
				.hasMessageContaining("@TaskConsumer attribute 'app' is 'shipping', but no taskora app of that name"
						+ " is configured"));
	}

	@Test
	void theSingleAppConfigurationRegistersNoQualifiedBeans() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class))
			.withPropertyValues("taskora.adapter=memory")
			.withBean(EmailConsumers.class)
			.run(context -> {
				assertThat(context).hasSingleBean(Taskora.class).hasSingleBean(TaskoraOperations.class);
				assertThat(context.getBean(TaskoraOperations.class).dispatch("send-email", "bob").await(WAIT))
					.isEqualTo("default app mailed bob");
			});
	}

	private static List<String> keys(int database) {
		return AppsTestSupport.keys(database, DEFAULT_PREFIX, BILLING_PREFIX);
	}

	static class EmailConsumers {

		@TaskConsumer("send-email")
		String send(String to) {
			return "default app mailed " + to;
		}

	}

	// tag::app-consumers[]
	static class BillingConsumers {

		final List<String> completed = new CopyOnWriteArrayList<>();

		@TaskConsumer(name = "send-email", app = "billing")
		String send(String to) {
			return "billing app mailed " + to;
		}

		@TaskConsumer(name = "charge", app = "billing")
		String charge(int cents) {
			return "charged " + cents;
		}

		@OnTaskEvent(task = "charge", app = "billing")
		void charged(CompletedEvent event) {
			this.completed.add(event.task());
		}

	}

	static class BillingService {

		final TaskoraOperations billing;

		final TaskoraOperations defaultApp;

		BillingService(@Qualifier("billing") TaskoraOperations billing, TaskoraOperations defaultApp) {
			this.billing = billing;
			this.defaultApp = defaultApp;
		}

	}
	// end::app-consumers[]

	static class LostConsumers {

		@TaskConsumer(name = "ship", app = "shipping")
		String ship(String parcel) {
			return parcel;
		}

	}

}
