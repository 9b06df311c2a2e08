package dev.taskora.spring.boot.autoconfigure.schedule;

import java.time.Duration;
import java.util.List;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.redis.RedisTestServer;
import dev.taskora.engine.schedule.MissedRunPolicy;
import dev.taskora.engine.schedule.ScheduleInfo;
import dev.taskora.engine.schedule.Schedules;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.config.InvalidTaskoraScheduleException;
import dev.taskora.spring.core.TaskoraOperations;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

/**
 * Schedules from {@code taskora.schedules.*}, the {@link Schedules} bean and
 * {@code taskora.scheduler.*}.
 */
class TaskoraScheduleAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(TaskoraAutoConfiguration.class, TaskoraScheduleAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory", "taskora.worker.enabled=false")
		.withBean(CleanupConsumer.class);

	record Cleanup(String olderThan, int batch, List<String> tables) {
	}

	@Test
	void theSchedulesBeanIsTheAppsAndBacksOffFromOneOfTheApplication() {
		this.runner.run(context -> assertThat(context.getBean(Schedules.class))
			.isSameAs(context.getBean(Taskora.class).schedules())
			.isSameAs(context.getBean(TaskoraOperations.class).schedules()));
		Schedules own = mock(Schedules.class);
		this.runner.withBean("mySchedules", Schedules.class, () -> own)
			.run(context -> assertThat(context.getBean(Schedules.class)).isSameAs(own));
	}

	@Test
	void definesTheSchedulesOfTheConfigurationWithTheirData() {
		this.runner
			.withPropertyValues("taskora.schedules.nightly-cleanup.task=cleanup-expired",
					"taskora.schedules.nightly-cleanup.cron=0 3 * * *",
					"taskora.schedules.nightly-cleanup.zone=Europe/Berlin",
					"taskora.schedules.nightly-cleanup.data.olderThan=30d",
					"taskora.schedules.nightly-cleanup.data.batch=500",
					"taskora.schedules.nightly-cleanup.data.tables[0]=sessions",
					"taskora.schedules.nightly-cleanup.data.tables[1]=uploads",
					"taskora.schedules.nightly-cleanup.overlap=true",
					"taskora.schedules.nightly-cleanup.on-missed=catch-up-limit:3",
					"taskora.schedules.hourly-cleanup.task=cleanup-expired",
					"taskora.schedules.hourly-cleanup.every=1h", "taskora.schedules.off.task=cleanup-expired",
					"taskora.schedules.off.every=1m", "taskora.schedules.off.enabled=false")
			.run(context -> {
				Schedules schedules = context.getBean(Schedules.class);
				assertThat(schedules.list()).extracting(ScheduleInfo::name)
					.containsExactly("hourly-cleanup", "nightly-cleanup");
				ScheduleInfo nightly = schedules.find("nightly-cleanup").orElseThrow();
				assertThat(nightly.task()).isEqualTo("cleanup-expired");
				assertThat(nightly.schedule().cronExpression()).isEqualTo("0 3 * * *");
				assertThat(nightly.schedule().zone()).isEqualTo("Europe/Berlin");
				assertThat(nightly.schedule().data())
					.isEqualTo(new Cleanup("30d", 500, List.of("sessions", "uploads")));
				assertThat(nightly.schedule().overlap()).isTrue();
				assertThat(nightly.schedule().onMissed()).isEqualTo(MissedRunPolicy.catchUpLimit(3));
				ScheduleInfo hourly = schedules.find("hourly-cleanup").orElseThrow();
				assertThat(hourly.schedule().interval()).isEqualTo(Duration.ofHours(1));
				assertThat(hourly.schedule().onMissed()).isEqualTo(MissedRunPolicy.skip());
				assertThat(hourly.schedule().overlap()).isFalse();
			});
	}

	@Test
	void resolvesPlaceholdersInScheduleProperties() {
		this.runner
			.withPropertyValues("cleanup.every=15m", "taskora.schedules.frequent.task=cleanup-expired",
					"taskora.schedules.frequent.every=${cleanup.every}")
			.run(context -> assertThat(context.getBean(Schedules.class).find("frequent")).get()
				.satisfies(info -> assertThat(info.schedule().interval()).isEqualTo(Duration.ofMinutes(15))));
	}

	@Test
	void anInvalidCronFailsNamingTheScheduleAndItsProperty() {
		assertInvalid("cron", "0 25 * * *", "Value 25 not in range [0, 23]", "taskora.schedules.s.task=cleanup-expired",
				"taskora.schedules.s.cron=0 25 * * *");
	}

	@Test
	void anUnknownZoneFailsNamingTheZoneProperty() {
		assertInvalid("zone", "Mars/Olympus", "'Mars/Olympus' is not a known time zone",
				"taskora.schedules.s.task=cleanup-expired", "taskora.schedules.s.cron=0 3 * * *",
				"taskora.schedules.s.zone=Mars/Olympus");
	}

	@Test
	void bothOrNeitherOfEveryAndCronFailNamingEvery() {
		assertInvalid("every", "PT1H", "both set", "taskora.schedules.s.task=cleanup-expired",
				"taskora.schedules.s.every=1h", "taskora.schedules.s.cron=0 3 * * *");
		assertInvalid("every", null, "both missing", "taskora.schedules.s.task=cleanup-expired");
	}

	@Test
	void aNonPositiveIntervalFailsNamingEvery() {
		assertInvalid("every", "PT0S", "at least 1ms", "taskora.schedules.s.task=cleanup-expired",
				"taskora.schedules.s.every=0s");
	}

	@Test
	void anUnknownOrMissingTaskFailsNamingTheTaskProperty() {
		assertInvalid("task", "cleanup-expierd", "'cleanup-expierd' is not defined in this app",
				"taskora.schedules.s.task=cleanup-expierd", "taskora.schedules.s.every=1h");
		assertInvalid("task", null, "is not set", "taskora.schedules.s.every=1h");
	}

	@Test
	void anUnknownPolicyAndDataTheTaskDoesNotTakeFailNamingTheirProperties() {
		assertInvalid("on-missed", "catchup", "expected skip, catch-up or catch-up-limit:N",
				"taskora.schedules.s.task=cleanup-expired", "taskora.schedules.s.every=1h",
				"taskora.schedules.s.on-missed=catchup");
		assertInvalid("data", "{\"batch\":\"many\"}", "cannot be read as " + Cleanup.class.getName(),
				"taskora.schedules.s.task=cleanup-expired", "taskora.schedules.s.every=1h",
				"taskora.schedules.s.data.batch=many");
	}

	@Test
	void theFailureAnalysisNamesTheScheduleThePropertyAndTheValue() {
		this.runner
			.withPropertyValues("taskora.schedules.nightly.task=cleanup-expired",
					"taskora.schedules.nightly.cron=0 25 * * *")
			.run(context -> {
				FailureAnalysis analysis = new InvalidTaskoraScheduleFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("Schedule 'nightly' cannot be defined")
					.contains("Setting: taskora.schedules.nightly.cron")
					.contains("Value: \"0 25 * * *\"")
					.contains("Reason: Schedule 'nightly': cron '0 25 * * *' is not a valid cron expression");
				assertThat(analysis.getAction())
					.isEqualTo("Change taskora.schedules.nightly.cron in your application's configuration.");
			});
	}

	@Test
	void anIntervalThatIsNoDurationFailsBindingNamingTheProperty() {
		this.runner.withPropertyValues("taskora.schedules.s.task=cleanup-expired", "taskora.schedules.s.every=soon")
			.run(context -> assertThat(context).getFailure()
				.hasStackTraceContaining(BindException.class.getName())
				.hasStackTraceContaining("taskora.schedules.s.every")
				.hasStackTraceContaining("soon"));
	}

	@Test
	void theSchedulerSettingsReachTheApp() {
		String prefix = RedisTestServer.uniquePrefix();
		this.runner.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
			.withPropertyValues("taskora.adapter=redis", "taskora.redis.url=" + RedisTestServer.get().url(),
					"taskora.prefix=" + prefix, "taskora.worker.enabled=true", "taskora.scheduler.mode=always",
					"taskora.scheduler.poll-interval=100ms", "taskora.scheduler.lock-ttl=7s")
			.run(context -> {
				// mode always: it leads without schedules of its own; the lock lives 7 s
				Schedules schedules = context.getBean(Schedules.class);
				await().atMost(Duration.ofSeconds(10)).until(schedules::isLeader);
				RedisClient client = RedisClient.create(RedisTestServer.get().url());
				try (StatefulRedisConnection<String, String> connection = client.connect()) {
					assertThat(connection.sync().pttl("taskora:" + prefix + ":schedules:lock")).isBetween(5_000L,
							7_000L);
				}
				finally {
					client.shutdown();
				}
			});
	}

	@Test
	void schedulerSettingsOutOfRangeFailNamingTheProperty() {
		this.runner.withPropertyValues("taskora.scheduler.poll-interval=5s", "taskora.scheduler.lock-ttl=2s")
			.run(context -> assertThat(context).getFailure()
				.hasStackTraceContaining("scheduler.lockTtl")
				.hasStackTraceContaining("longer than taskora.scheduler.poll-interval"));
	}

	private void assertInvalid(String property, String value, String reason, String... properties) {
		this.runner.withPropertyValues(properties)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskoraScheduleException.class, ex -> {
					assertThat(ex.getSchedule()).isEqualTo("s");
					assertThat(ex.getSetting()).isEqualTo("taskora.schedules.s." + property);
					assertThat(ex.getValue()).isEqualTo(value);
					assertThat(ex.getReason()).contains(reason);
				}));
	}

	@TaskConsumer("cleanup-expired")
	static class CleanupConsumer implements TaskHandler<Cleanup, Integer> {

		@Override
		public Integer handle(Cleanup data, JobContext ctx) {
			return 0;
		}

	}

}
