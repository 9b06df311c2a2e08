package dev.taskora.spring.boot.test.autoconfigure.slice.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

import dev.taskora.engine.JobState;
import dev.taskora.engine.schedule.ScheduleInfo;
import dev.taskora.engine.schedule.Schedules;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTest;
import dev.taskora.spring.boot.test.autoconfigure.TaskoraTestHarness;
import dev.taskora.spring.boot.test.autoconfigure.slice.schedule.ScheduleSliceApplication.CleanupConsumer;
import dev.taskora.spring.boot.test.autoconfigure.slice.schedule.ScheduleSliceApplication.ReportConsumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schedules in a {@code @TaskoraTest} slice run in virtual time: advancing the clock runs
 * each due run through the real worker loop, and returns once it is done; each test
 * starts from the schedules as defined.
 */
@TaskoraTest(properties = { "taskora.schedules.weekly-report.task=report",
		"taskora.schedules.weekly-report.cron=0 6 * * MON", "taskora.schedules.weekly-report.zone=UTC",
		"taskora.schedules.weekly-report.data.kind=weekly" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScheduledConsumersTests {

	@Autowired
	private TaskoraTestHarness harness;

	@Autowired
	private Schedules schedules;

	@Autowired
	private CleanupConsumer cleanup;

	@Autowired
	private ReportConsumer reports;

	@BeforeEach
	void forgetEarlierRuns() {
		this.cleanup.runs.clear();
		this.reports.written.clear();
	}

	@Test
	@Order(1)
	void anAnnotatedScheduleRunsAtEachOfItsTimesAsTheClockAdvances() {
		Instant start = this.harness.clock().instant();
		this.harness.advanceTime(Duration.ofMinutes(59));
		assertThat(this.cleanup.runs).isEmpty();

		this.harness.advanceTime(Duration.ofHours(2).plusMinutes(1));

		// done when advanceTime returns: no waiting in the test
		assertThat(this.cleanup.runs).containsExactly(start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(2)),
				start.plus(Duration.ofHours(3)));
		assertThat(this.harness.jobs()).filteredOn(job -> job.task().equals("cleanup-expired"))
			.hasSize(3)
			.allSatisfy(job -> assertThat(job.state()).isEqualTo(JobState.COMPLETED));
		ScheduleInfo info = this.schedules.find("cleanup-expired").orElseThrow();
		assertThat(info.lastRun()).isEqualTo(start.plus(Duration.ofHours(3)));
		assertThat(info.nextRun()).isEqualTo(start.plus(Duration.ofHours(4)));
	}

	@Test
	@Order(2)
	void aScheduleFromTheConfigurationRunsOnItsCronInItsZoneWithItsData() {
		ZonedDateTime monday = this.harness.clock()
			.instant()
			.atZone(ZoneOffset.UTC)
			.with(TemporalAdjusters.next(DayOfWeek.MONDAY))
			.truncatedTo(ChronoUnit.DAYS)
			.withHour(6);

		this.harness.advanceTime(Duration.ofDays(8));

		assertThat(this.reports.written).containsExactly("weekly@" + monday.toInstant());
	}

	@Test
	@Order(3)
	void aTestPausesTheSchedule() {
		Instant start = this.harness.clock().instant();
		assertThat(start).as("each test starts at the clock's start").isEqualTo(this.harness.clock().start());
		this.harness.schedules().pause("cleanup-expired");
		this.harness.advanceTime(Duration.ofHours(5));
		assertThat(this.cleanup.runs).isEmpty();
	}

	@Test
	@Order(4)
	void theNextTestStartsFromTheSchedulesAsDefined() {
		ScheduleInfo info = this.schedules.find("cleanup-expired").orElseThrow();
		assertThat(info.paused()).isFalse();
		assertThat(info.lastRun()).isNull();
		assertThat(info.nextRun()).isEqualTo(this.harness.clock().start().plus(Duration.ofHours(1)));
	}

	@Test
	@Order(5)
	void runsMissedWhileNoSchedulerRanMeetTheirPolicy() {
		Instant start = this.harness.clock().instant();
		this.harness.advanceTime(Duration.ofHours(1));
		// the scheduler is down for ten hourly runs: the clock moves on its own, nothing
		// ticks
		this.harness.clock().advance(Duration.ofHours(10).plusMinutes(20));
		this.harness.advanceTime(Duration.ZERO);

		Instant back = start.plus(Duration.ofHours(11).plusMinutes(20));
		assertThat(this.cleanup.runs).hasSize(11).startsWith(start.plus(Duration.ofHours(1)));
		assertThat(this.cleanup.runs.subList(1, 11)).as("onMissed catch-up: all ten, now").containsOnly(back);
	}

}
