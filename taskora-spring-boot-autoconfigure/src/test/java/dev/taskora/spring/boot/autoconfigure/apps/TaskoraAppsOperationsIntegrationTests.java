package dev.taskora.spring.boot.autoconfigure.apps;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.redis.RedisTestServer;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.JobActionResult;
import dev.taskora.spring.boot.actuate.endpoint.TaskoraEndpoint.TaskoraDescriptor;
import dev.taskora.spring.boot.autoconfigure.InvalidTaskoraConfigurationException;
import dev.taskora.spring.boot.autoconfigure.TaskoraApps;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.boot.autoconfigure.TaskoraBuilderCustomizer;
import dev.taskora.spring.boot.autoconfigure.endpoint.TaskoraEndpointAutoConfiguration;
import dev.taskora.spring.boot.autoconfigure.health.TaskoraHealthContributorAutoConfiguration;
import dev.taskora.spring.boot.autoconfigure.metrics.TaskoraMetricsAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.NestedExceptionUtils;

import static dev.taskora.spring.boot.autoconfigure.apps.AppsTestSupport.qualified;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Operating several apps: each reports its own health and meters, the actuator endpoint
 * describes every app, builder customizers reach every app or the one they name, and an
 * app without a Redis URL of its own shares Spring Data Redis' connection under its own
 * prefix.
 */
class TaskoraAppsOperationsIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(15);

	private static final String DEFAULT_PREFIX = RedisTestServer.uniquePrefix();

	private static final String BILLING_PREFIX = RedisTestServer.uniquePrefix();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, TaskoraAutoConfiguration.class,
				TaskoraHealthContributorAutoConfiguration.class, TaskoraMetricsAutoConfiguration.class,
				TaskoraEndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
		// tag::apps-shared-redis[]
		.withPropertyValues("spring.data.redis.url=" + RedisTestServer.get().url() + "/3",
				"taskora.prefix=" + DEFAULT_PREFIX, "taskora.apps.billing.prefix=" + BILLING_PREFIX,
				"taskora.apps.audit.adapter=memory")
		// end::apps-shared-redis[]
		.withPropertyValues("management.endpoints.web.exposure.include=taskora")
		.withUserConfiguration(Customizers.class)
		.withBean(Consumers.class);

	@Test
	void anAppWithoutItsOwnUrlSharesSpringDataRedisUnderItsOwnPrefix() {
		this.runner.run(context -> {
			TaskoraOperations billing = qualified(context, TaskoraOperations.class, "billing");
			assertThat(billing.inspect().adapterName()).isEqualTo("RedisAdapter");
			assertThat(qualified(context, TaskoraOperations.class, "audit").inspect().adapterName())
				.isEqualTo("MemoryAdapter");
			assertThat(billing.dispatch("charge", 250).await(WAIT)).isEqualTo("charged 250");
			assertThat(context.getBean(TaskoraOperations.class).dispatch("send-email", "ada").await(WAIT))
				.isEqualTo("mailed ada");
			List<String> keys = keys(3);
			assertThat(keys).anyMatch(key -> key.contains(BILLING_PREFIX) && key.contains("charge"));
			assertThat(keys).anyMatch(key -> key.contains(DEFAULT_PREFIX) && key.contains("send-email"));
			assertThat(keys).noneMatch(key -> key.contains(DEFAULT_PREFIX) && key.contains("charge"));
		});
	}

	@Test
	void anUnqualifiedCustomizerReachesEveryAppAndAQualifiedOneOnlyTheAppItNames() {
		this.runner.run(context -> {
			Taskora defaultApp = context.getBean(Taskora.class);
			Taskora billing = qualified(context, Taskora.class, "billing");
			Taskora audit = qualified(context, Taskora.class, "audit");
			assertThat(List.of(defaultApp, billing, audit))
				.allSatisfy(app -> assertThat(app.defaults().timeout()).isEqualTo(Duration.ofSeconds(42)));
			assertThat(defaultApp.defaults().concurrency()).isEqualTo(3);
			assertThat(billing.defaults().concurrency()).isEqualTo(7);
			assertThat(audit.defaults().concurrency()).isEqualTo(1);
		});
	}

	@Test
	void everyAppHasAHealthComponentAndTheDefaultAppKeepsTheTaskoraOne() {
		this.runner.run(context -> {
			Health defaultHealth = context.getBean("taskoraHealthIndicator", HealthIndicator.class).health(true);
			assertThat(defaultHealth.getStatus()).isEqualTo(Status.UP);
			CompositeHealthContributor apps = context.getBean("taskoraAppsHealthContributor",
					CompositeHealthContributor.class);
			assertThat(apps.stream().map(CompositeHealthContributor.Entry::name)).containsExactly("audit", "billing");
			Health billing = ((HealthIndicator) apps.getContributor("billing")).health(true);
			assertThat(billing.getStatus()).isEqualTo(Status.UP);
			assertThat(billing.getDetails()).containsEntry("adapter", "RedisAdapter")
				.containsEntry("workers", "running");
			assertThat(((HealthIndicator) apps.getContributor("audit")).health(true).getDetails())
				.containsEntry("adapter", "MemoryAdapter");
		});
	}

	@Test
	void theHealthEndpointShowsEveryAppUnderItsName() {
		this.runner
			.withConfiguration(AutoConfigurations.of(HealthContributorAutoConfiguration.class,
					HealthContributorRegistryAutoConfiguration.class, HealthEndpointAutoConfiguration.class))
			.withPropertyValues("management.endpoint.health.show-components=always",
					"management.endpoints.web.exposure.include=taskora,health")
			.run(context -> {
				HealthEndpoint health = context.getBean(HealthEndpoint.class);
				assertThat(health.healthForPath("taskora").getStatus()).isEqualTo(Status.UP);
				assertThat(health.healthForPath("taskoraApps", "billing").getStatus()).isEqualTo(Status.UP);
				assertThat(health.healthForPath("taskoraApps", "audit").getStatus()).isEqualTo(Status.UP);
				assertThat(health.healthForPath("taskoraApps", "shipping")).isNull();
			});
	}

	@Test
	void metersCarryTheAppTheyCount() {
		this.runner.run(context -> {
			qualified(context, TaskoraOperations.class, "billing").dispatch("charge", 1).await(WAIT);
			context.getBean(TaskoraOperations.class).dispatch("send-email", "bob").await(WAIT);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			await().atMost(WAIT).untilAsserted(() -> {
				assertThat(registry.get("taskora.jobs.completed")
					.tags("app", "billing", "task", "charge")
					.counter()
					.count()).isEqualTo(1);
				assertThat(registry.get("taskora.jobs.completed")
					.tags("app", "default", "task", "send-email")
					.counter()
					.count()).isEqualTo(1);
			});
			assertThat(registry.find("taskora.queue.size").tags("app", "audit", "task", "audit-log").gauges())
				.isNotEmpty();
			assertThat(registry.find("taskora.jobs.completed").counters())
				.allSatisfy(counter -> assertThat(counter.getId().getTag("app")).isNotNull());
		});
	}

	@Test
	void theEndpointDescribesEveryApp() {
		this.runner.run(context -> {
			TaskoraDescriptor descriptor = context.getBean(TaskoraEndpoint.class).tasks();
			assertThat(descriptor.tasks()).containsKey("send-email").doesNotContainKey("charge");
			Map<String, TaskoraDescriptor> apps = descriptor.apps();
			assertThat(apps).containsOnlyKeys("audit", "billing");
			assertThat(apps.get("billing").tasks()).containsOnlyKeys("charge");
			assertThat(apps.get("billing").adapter()).isEqualTo("RedisAdapter");
			assertThat(apps.get("audit").tasks()).containsOnlyKeys("audit-log");
			assertThat(apps.get("audit").apps()).isNull();
		});
	}

	@Test
	void theEndpointFindsRetriesAndCancelsAJobInTheAppThatHoldsIt() {
		this.runner.run(context -> {
			TaskoraEndpoint endpoint = context.getBean(TaskoraEndpoint.class);
			ResultHandle<Object> later = qualified(context, TaskoraOperations.class, "billing").dispatch("charge", 5,
					DispatchOptions.delay(Duration.ofHours(1)));
			later.awaitEnqueued(WAIT);
			assertThat(endpoint.job(later.id())).isInstanceOfSatisfying(JobSnapshot.class,
					job -> assertThat(job.task()).isEqualTo("charge"));
			assertThat(((JobActionResult) endpoint.jobAction(later.id(), "cancel")).outcome()).isEqualTo("cancelled");
			assertThat(later.state()).isEqualTo(JobState.CANCELLED);
			assertThat(endpoint.job("00000000-0000-0000-0000-000000000000")).isNull();
		});
	}

	@Test
	void aSingleAppKeepsItsHealthMetersAndEndpointAsBefore() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class,
					TaskoraHealthContributorAutoConfiguration.class, TaskoraMetricsAutoConfiguration.class,
					TaskoraEndpointAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.withPropertyValues("taskora.adapter=memory", "management.endpoints.web.exposure.include=taskora")
			.withBean(SingleAppConsumer.class)
			.run(context -> {
				assertThat(context).doesNotHaveBean(TaskoraApps.class)
					.doesNotHaveBean("taskoraAppsHealthContributor")
					.doesNotHaveBean("taskoraAppsMetrics");
				context.getBean(TaskoraOperations.class).dispatch("send-email", "eve").await(WAIT);
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().atMost(WAIT)
					.untilAsserted(() -> assertThat(
							registry.get("taskora.jobs.completed").tag("task", "send-email").counter().count())
						.isEqualTo(1));
				assertThat(registry.get("taskora.jobs.completed").counter().getId().getTag("app")).isNull();
				assertThat(context.getBean(TaskoraEndpoint.class).tasks().apps()).isNull();
			});
	}

	@Test
	void anAppNamedDefaultIsRefused() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class))
			.withPropertyValues("taskora.adapter=memory", "taskora.apps.default.adapter=memory")
			.run(context -> assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidTaskoraConfigurationException.class)
				.hasMessageContaining("taskora.apps.default is configured, but 'default' names the default app"));
	}

	private static List<String> keys(int database) {
		return AppsTestSupport.keys(database, DEFAULT_PREFIX, BILLING_PREFIX);
	}

	// tag::app-customizers[]
	@Configuration(proxyBeanMethods = false)
	static class Customizers {

		@Bean // every app
		TaskoraBuilderCustomizer handlerTimeout() {
			return builder -> builder.defaults(defaults -> defaults.timeout(Duration.ofSeconds(42)));
		}

		@Bean
		@Qualifier("billing") // the app under taskora.apps.billing alone
		TaskoraBuilderCustomizer billingConcurrency() {
			return builder -> builder.defaults(defaults -> defaults.concurrency(7));
		}

		@Bean
		@Qualifier(TaskoraApps.DEFAULT) // the default app (taskora.*) alone
		TaskoraBuilderCustomizer defaultConcurrency() {
			return builder -> builder.defaults(defaults -> defaults.concurrency(3));
		}

	}
	// end::app-customizers[]

	static class Consumers {

		@TaskConsumer("send-email")
		String send(String to) {
			return "mailed " + to;
		}

		@TaskConsumer(name = "charge", app = "billing")
		String charge(int cents) {
			return "charged " + cents;
		}

		@TaskConsumer(name = "audit-log", app = "audit")
		String audit(String entry) {
			return entry;
		}

	}

	static class SingleAppConsumer {

		@TaskConsumer("send-email")
		String send(String to) {
			return "mailed " + to;
		}

	}

}
