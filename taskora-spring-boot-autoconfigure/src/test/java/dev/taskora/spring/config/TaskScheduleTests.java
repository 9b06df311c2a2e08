package dev.taskora.spring.config;

import java.time.Duration;
import java.time.Instant;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.schedule.MissedRunPolicy;
import dev.taskora.engine.schedule.Schedule;
import dev.taskora.engine.schedule.ScheduleInfo;
import dev.taskora.engine.schedule.Schedules;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.annotation.TaskSchedule;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.boot.autoconfigure.schedule.TaskoraScheduleAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @TaskSchedule} on {@code @TaskConsumer} beans: defined once the tasks exist,
 * placeholders resolved.
 */
class TaskScheduleTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(PropertyPlaceholderAutoConfiguration.class,
				TaskoraAutoConfiguration.class, TaskoraScheduleAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory", "taskora.worker.enabled=false");

	record Cleanup(String olderThan, int batch) {
	}

	@Test
	void aConsumersSchedulesAreDefinedWithTheirPlaceholdersResolved() {
		this.runner.withBean(CleanupConsumer.class)
			.withPropertyValues("cleanup.cron=0 3 * * *", "cleanup.zone=Europe/Berlin")
			.run(context -> {
				Schedules schedules = context.getBean(Schedules.class);
				assertThat(schedules.list()).extracting(ScheduleInfo::name)
					.containsExactly("cleanup-expired", "nightly-cleanup");

				ScheduleInfo nightly = schedules.find("nightly-cleanup").orElseThrow();
				assertThat(nightly.task()).isEqualTo("cleanup-expired");
				assertThat(nightly.schedule().cronExpression()).isEqualTo("0 3 * * *");
				assertThat(nightly.schedule().zone()).isEqualTo("Europe/Berlin");
				assertThat(nightly.schedule().data()).isEqualTo(new Cleanup("30d", 500));
				assertThat(nightly.schedule().overlap()).isTrue();
				assertThat(nightly.schedule().onMissed()).isEqualTo(MissedRunPolicy.catchUpLimit(2));
				assertThat(nightly.problem()).isNull();

				ScheduleInfo hourly = schedules.find("cleanup-expired").orElseThrow();
				assertThat(hourly.schedule().interval()).as("named after the task").isEqualTo(Duration.ofHours(6));
				assertThat(hourly.schedule().data()).isNull();
				assertThat(hourly.schedule().overlap()).isFalse();
				assertThat(hourly.schedule().onMissed()).isEqualTo(MissedRunPolicy.skip());
				assertThat(hourly.nextRun()).isAfter(Instant.now().plus(Duration.ofHours(5)));
			});
	}

	@Test
	void aDashSwitchesAScheduleOff() {
		this.runner.withBean(CleanupConsumer.class)
			.withPropertyValues("cleanup.cron=-")
			.run(context -> assertThat(context.getBean(Schedules.class).list()).extracting(ScheduleInfo::name)
				.containsExactly("cleanup-expired"));
	}

	@Test
	void registrarBeansDefineSchedulesOnceEveryConsumersTaskExists() {
		this.runner.withBean(PlainConsumer.class)
			.withBean(TaskoraScheduleRegistrar.class,
					() -> taskora -> taskora.schedule("plain-every-minute", "plain", Schedule.every("1m")))
			.run(context -> assertThat(context.getBean(Taskora.class).schedules().find("plain-every-minute")).get()
				.satisfies(info -> assertThat(info.task()).isEqualTo("plain")));
	}

	@Test
	void anInvalidCronFailsNamingTheScheduleTheAttributeAndTheBean() {
		this.runner.withBean("badCron", BadCronConsumer.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskoraScheduleException.class, ex -> {
					assertThat(ex.getSchedule()).isEqualTo("bad-cron");
					assertThat(ex.getSetting()).isEqualTo("@TaskSchedule attribute 'cron' on bean 'badCron' ("
							+ BadCronConsumer.class.getName() + ")");
					assertThat(ex.getValue()).isEqualTo("0 25 * * *");
					assertThat(ex.getReason()).contains("Value 25 not in range [0, 23]");
					assertThat(ex.getAction()).contains("Fix @TaskSchedule attribute 'cron'");
				}));
	}

	@Test
	void dataTheTaskDoesNotTakeFailsNamingTheDataAttribute() {
		this.runner.withBean("badData", BadDataConsumer.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskoraScheduleException.class, ex -> {
					assertThat(ex.getSetting()).startsWith("@TaskSchedule attribute 'data'");
					assertThat(ex.getReason()).contains("cannot be read as " + Cleanup.class.getName());
				}));
	}

	@Test
	void bothEveryAndCronFailNamingEvery() {
		this.runner.withBean("both", BothConsumer.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskoraScheduleException.class, ex -> {
					assertThat(ex.getSetting()).startsWith("@TaskSchedule attribute 'every'");
					assertThat(ex.getReason()).contains("both set");
				}));
	}

	@Test
	void anUnresolvablePlaceholderAnUnknownPolicyAndAWrongOverlapFailNamingTheirAttributes() {
		this.runner.withBean("unresolved", CleanupConsumer.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskoraScheduleException.class, ex -> {
					assertThat(ex.getSetting()).startsWith("@TaskSchedule attribute 'cron'");
					assertThat(ex.getValue()).isEqualTo("${cleanup.cron}");
					assertThat(ex.getReason()).contains("placeholder 'cleanup.cron' cannot be resolved");
				}));
		this.runner.withBean("policy", UnknownPolicyConsumer.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskoraScheduleException.class, ex -> {
					assertThat(ex.getSetting()).startsWith("@TaskSchedule attribute 'onMissed'");
					assertThat(ex.getReason()).contains("expected skip, catch-up or catch-up-limit:N");
				}));
		this.runner.withBean("overlap", WrongOverlapConsumer.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskoraScheduleException.class, ex -> {
					assertThat(ex.getSetting()).startsWith("@TaskSchedule attribute 'overlap'");
					assertThat(ex.getValue()).isEqualTo("sometimes");
				}));
	}

	@Test
	void twoUnnamedSchedulesOfOneTaskFailNamingTheName() {
		this.runner.withBean("twice", TwiceUnnamedConsumer.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskoraScheduleException.class, ex -> {
					assertThat(ex.getSchedule()).isEqualTo("twice");
					assertThat(ex.getSetting()).startsWith("@TaskSchedule attribute 'name'");
					assertThat(ex.getReason()).contains("already defined");
				}));
	}

	@Test
	void aScheduleOnABeanThatIsNoConsumerFails() {
		this.runner.withBean("notAConsumer", NotAConsumer.class)
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidTaskConsumerException.class,
						ex -> assertThat(ex.getReason()).contains("@TaskSchedule but not with @TaskConsumer")));
	}

	@TaskConsumer("cleanup-expired")
	@TaskSchedule(every = "6h")
	@TaskSchedule(name = "nightly-cleanup", cron = "${cleanup.cron}", zone = "${cleanup.zone:UTC}",
			data = "{\"olderThan\": \"30d\", \"batch\": 500}", overlap = "true", onMissed = "catch-up-limit:2")
	static class CleanupConsumer implements TaskHandler<Cleanup, Integer> {

		@Override
		public Integer handle(Cleanup data, JobContext ctx) {
			return 0;
		}

	}

	@TaskConsumer("plain")
	static class PlainConsumer implements TaskHandler<String, String> {

		@Override
		public String handle(String data, JobContext ctx) {
			return data;
		}

	}

	@TaskConsumer("bad-cron")
	@TaskSchedule(cron = "0 25 * * *")
	static class BadCronConsumer extends PlainConsumer {

	}

	@TaskConsumer("bad-data")
	@TaskSchedule(every = "1h", data = "{\"olderThan\": [1]}")
	static class BadDataConsumer implements TaskHandler<Cleanup, Integer> {

		@Override
		public Integer handle(Cleanup data, JobContext ctx) {
			return 0;
		}

	}

	@TaskConsumer("both")
	@TaskSchedule(every = "1h", cron = "0 * * * *")
	static class BothConsumer extends PlainConsumer {

	}

	@TaskConsumer("policy")
	@TaskSchedule(every = "1h", onMissed = "catchup")
	static class UnknownPolicyConsumer extends PlainConsumer {

	}

	@TaskConsumer("overlap")
	@TaskSchedule(every = "1h", overlap = "sometimes")
	static class WrongOverlapConsumer extends PlainConsumer {

	}

	@TaskConsumer("twice")
	@TaskSchedule(every = "1h")
	@TaskSchedule(cron = "0 3 * * *")
	static class TwiceUnnamedConsumer extends PlainConsumer {

	}

	@TaskSchedule(every = "1h")
	static class NotAConsumer {

	}

}
