package dev.taskora.engine.schedule;

import java.time.Duration;

import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.TaskoraException;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad definitions fail at once, naming the schedule and the field; nothing is stored. */
class ScheduleDefinitionTests {

	private final MemoryAdapter adapter = MemoryAdapter.create();

	private final Taskora taskora = Taskora.builder().adapter(this.adapter).build();

	private final Task<Report, Void> report = this.taskora.task("report", Report.class, Void.class)
		.handler((data, ctx) -> null);

	record Report(String kind) {
	}

	@AfterEach
	void close() {
		this.taskora.close();
	}

	private static void assertInvalid(ThrowingCallable definition, String schedule, String field, String detail) {
		assertThatThrownBy(definition).isInstanceOfSatisfying(InvalidScheduleException.class, ex -> {
			assertThat(ex.schedule()).isEqualTo(schedule);
			assertThat(ex.field()).isEqualTo(field);
			assertThat(ex).hasMessageStartingWith("Schedule '" + schedule + "': " + field).hasMessageContaining(detail);
		});
	}

	@Test
	void anInvalidCronExpressionNamesTheScheduleAndCron() {
		assertInvalid(() -> this.taskora.schedule("nightly", "report", Schedule.cron("0 25 * * *")), "nightly", "cron",
				"25");
		assertInvalid(() -> this.taskora.schedule("nightly", "report", Schedule.cron("every day")), "nightly", "cron",
				"2 fields");
		assertInvalid(() -> this.taskora.schedule("nightly", "report", Schedule.cron("0 0 30 2 *")), "nightly", "cron",
				"never matches");
	}

	@Test
	void messagesReadAsTheGuideShowsThem() {
		assertThatThrownBy(() -> this.taskora.schedule("nightly", "report", Schedule.cron("0 25 * * *"))).hasMessage(
				"Schedule 'nightly': cron '0 25 * * *' is not a valid cron expression: Value 25 not in range [0, 23]");
		assertThatThrownBy(() -> this.taskora.schedule("s", "reprot", Schedule.every("1h")))
			.hasMessage("Schedule 's': task 'reprot' is not defined in this app");
		assertThatThrownBy(() -> this.taskora.schedule("s", "report", Schedule.every(Duration.ZERO)))
			.hasMessage("Schedule 's': every must be at least 1ms, was PT0S");
	}

	@Test
	void anUnknownZoneNamesTheScheduleAndZone() {
		assertInvalid(() -> this.taskora.schedule("nightly", "report", Schedule.cron("0 3 * * *").zone("Mars/Olympus")),
				"nightly", "zone", "'Mars/Olympus' is not a known time zone");
		assertInvalid(() -> this.taskora.schedule("nightly", "report", Schedule.every(Duration.ofHours(1)).zone("UTC")),
				"nightly", "zone", "cron schedules only");
	}

	@Test
	void bothOrNeitherOfEveryAndCronIsRejected() {
		assertInvalid(() -> this.taskora.schedule("s", "report", Schedule.of(Duration.ofMinutes(5), "* * * * *")), "s",
				"every", "both set");
		assertInvalid(() -> this.taskora.schedule("s", "report", Schedule.of(null, null)), "s", "every",
				"both missing");
	}

	@Test
	void aNonPositiveIntervalIsRejected() {
		assertInvalid(() -> this.taskora.schedule("s", "report", Schedule.every(Duration.ZERO)), "s", "every", "PT0S");
		assertInvalid(() -> this.taskora.schedule("s", "report", Schedule.every(Duration.ofSeconds(-5))), "s", "every",
				"PT-5S");
		assertInvalid(() -> this.taskora.schedule("s", "report", Schedule.every(Duration.ofNanos(10))), "s", "every",
				"at least 1ms");
	}

	@Test
	void anUnknownTaskOrDataOfTheWrongTypeIsRejected() {
		assertInvalid(() -> this.taskora.schedule("s", "reprot", Schedule.every("1h")), "s", "task",
				"'reprot' is not defined in this app");
		assertInvalid(() -> this.taskora.schedule("s", this.report, Schedule.every("1h").data("weekly")), "s", "data",
				"must be " + Report.class.getName());
	}

	@Test
	void dataGivenAsJsonIsReadAsTheTasksInputAtDefinition() {
		this.taskora.schedule("weekly", this.report, Schedule.cron("0 8 * * 1").dataJson("{\"kind\":\"weekly\"}"));
		assertThat(this.taskora.schedules().find("weekly").orElseThrow().schedule().data())
			.isEqualTo(new Report("weekly"));
		assertInvalid(() -> this.taskora.schedule("daily", this.report, Schedule.cron("0 8 * * *").dataJson("{kind")),
				"daily", "data", "cannot be read as " + Report.class.getName());
		assertInvalid(() -> this.taskora.schedule("daily", this.report, Schedule.cron("0 8 * * *").dataJson("[1, 2]")),
				"daily", "data", "cannot be read as");
	}

	@Test
	void aNameIsDefinedOnceAndNothingInvalidIsStored() {
		this.taskora.schedule("weekly", this.report, Schedule.cron("0 8 * * 1").data(new Report("weekly")));
		assertInvalid(() -> this.taskora.schedule("weekly", this.report, Schedule.every("1h")), "weekly", "name",
				"already defined");
		assertThat(this.taskora.schedules().list()).extracting(ScheduleInfo::name).containsExactly("weekly");
	}

	@Test
	void aTaskWithAnInvalidScheduleIsNotRegistered() {
		assertInvalid(() -> this.taskora.task("cleanup", Void.class, Void.class)
			.schedule(Schedule.cron("61 * * * *"))
			.handler((data, ctx) -> null), "cleanup", "cron", "61");
		assertThat(this.taskora.findTask("cleanup")).isEmpty();
	}

	@Test
	void runtimeOperationsOnAMissingScheduleSaySo() {
		Schedules schedules = this.taskora.schedules();
		assertThatThrownBy(() -> schedules.pause("ghost")).isInstanceOf(NoSuchScheduleException.class)
			.hasMessage("Schedule 'ghost' does not exist");
		assertThatThrownBy(() -> schedules.resume("ghost")).isInstanceOf(NoSuchScheduleException.class);
		assertThatThrownBy(() -> schedules.trigger("ghost")).isInstanceOf(NoSuchScheduleException.class);
		assertThatThrownBy(() -> schedules.update("ghost", ScheduleUpdate.create().every("1h")))
			.isInstanceOf(NoSuchScheduleException.class);
		assertThat(schedules.find("ghost")).isEmpty();
	}

	@Test
	void anUpdateThatBreaksTheScheduleIsRejectedAndChangesNothing() {
		this.taskora.schedule("weekly", this.report, Schedule.cron("0 8 * * 1").zone("UTC"));
		Schedules schedules = this.taskora.schedules();
		assertInvalid(() -> schedules.update("weekly", ScheduleUpdate.create().cron("0 8 * *")), "weekly", "cron",
				"4 fields");
		assertInvalid(() -> schedules.update("weekly", ScheduleUpdate.create().zone("Nowhere/Land")), "weekly", "zone",
				"Nowhere/Land");
		assertInvalid(() -> schedules.update("weekly", ScheduleUpdate.create().data(42)), "weekly", "data",
				Report.class.getName());
		assertInvalid(() -> schedules.update("weekly", ScheduleUpdate.create().every("1h").cron("* * * * *")), "weekly",
				"every", "both set");
		assertThat(schedules.find("weekly").orElseThrow().schedule().cronExpression()).isEqualTo("0 8 * * 1");
	}

	@Test
	void triggeringAScheduleWhoseTaskThisProcessLacksFails() {
		this.adapter.schedules()
			.create("foreign", "{\"task\":\"elsewhere\",\"overlap\":false,\"onMissed\":\"skip\",\"every\":1000}", 0)
			.join();
		assertThatThrownBy(() -> this.taskora.schedules().trigger("foreign")).isInstanceOf(TaskoraException.class)
			.hasMessageContaining("'elsewhere' is not defined in this process");
	}

	@Test
	void schedulerOptionsRejectALockThatExpiresBetweenTwoTicks() {
		SchedulerOptions options = SchedulerOptions.defaults()
			.pollInterval(Duration.ofSeconds(5))
			.lockTtl(Duration.ofSeconds(2));
		assertThatThrownBy(() -> Taskora.builder().scheduler(options).build()).hasMessageContaining("lockTtl")
			.hasMessageContaining("pollInterval");
		assertThatThrownBy(() -> SchedulerOptions.defaults().pollInterval(Duration.ZERO))
			.hasMessageContaining("pollInterval");
	}

}
