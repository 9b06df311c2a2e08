package dev.taskora.engine.schedule;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.testing.TestRunner;
import dev.taskora.engine.testing.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Schedules under the test runner's virtual time: advancing the clock runs each due run,
 * with no real waiting; moving the clock without ticking is a scheduler that was down.
 */
class ScheduleVirtualTimeTests {

	private final TestRunner runner = TestRunner.create();

	private final List<Instant> runs = new CopyOnWriteArrayList<>();

	@AfterEach
	void close() {
		this.runner.close();
	}

	record Cleanup(String olderThan) {
	}

	private Taskora app() {
		return this.runner.app();
	}

	private VirtualClock clock() {
		return this.runner.clock();
	}

	private Task<Cleanup, Void> cleanupTask() {
		return app().task("cleanup", Cleanup.class, Void.class).handler((data, ctx) -> {
			this.runs.add(this.runner.clock().instant());
			return null;
		});
	}

	private List<JobRecord> jobsOf(String task) {
		return this.runner.jobs().stream().filter(job -> job.task().equals(task)).toList();
	}

	@Test
	void anIntervalScheduleRunsAtEachOfItsTimesWhileTimeIsAdvanced() {
		Instant start = clock().instant();
		cleanupTask();
		app().schedule("hourly-cleanup", "cleanup", Schedule.every(Duration.ofHours(1)).data(new Cleanup("30d")));

		this.runner.advanceTime(Duration.ofMinutes(59));
		assertThat(this.runs).isEmpty();
		this.runner.advanceTime(Duration.ofHours(3).plusMinutes(1));

		assertThat(this.runs).containsExactly(start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(2)),
				start.plus(Duration.ofHours(3)), start.plus(Duration.ofHours(4)));
		assertThat(jobsOf("cleanup")).allSatisfy(job -> {
			assertThat(job.state()).isEqualTo(JobState.COMPLETED);
			assertThat(job.data()).isEqualTo("{\"olderThan\":\"30d\"}");
		});
		ScheduleInfo info = app().schedules().find("hourly-cleanup").orElseThrow();
		assertThat(info.lastRun()).isEqualTo(start.plus(Duration.ofHours(4)));
		assertThat(info.nextRun()).isEqualTo(start.plus(Duration.ofHours(5)));
		assertThat(info.lastJobId()).isIn(jobsOf("cleanup").stream().map(JobRecord::id).toList());
		assertThat(info.problem()).isNull();
	}

	@Test
	void aTaskLevelCronScheduleRunsAtItsTimesInItsZone() {
		ZoneId newYork = ZoneId.of("America/New_York");
		// the virtual clock starts at the real time and cannot go back: start at the
		// coming Friday 10:00
		ZonedDateTime friday = clock().instant()
			.atZone(newYork)
			.plusDays(1)
			.with(TemporalAdjusters.next(DayOfWeek.FRIDAY))
			.withHour(10)
			.truncatedTo(ChronoUnit.HOURS);
		clock().advanceTo(friday.toInstant().toEpochMilli());
		app().task("daily-report", Void.class, Void.class)
			.schedule(Schedule.cron("0 9 * * 1-5").zone(newYork))
			.handler((data, ctx) -> {
				this.runs.add(this.runner.clock().instant());
				return null;
			});

		this.runner.advanceTime(Duration.ofDays(4));

		ZonedDateTime monday = friday.plusDays(3).withHour(9);
		assertThat(this.runs).containsExactly(monday.toInstant(), monday.plusDays(1).toInstant());
		assertThat(this.runs).allSatisfy(at -> assertThat(at.atZone(newYork).getHour()).isEqualTo(9));
		assertThat(app().schedules().find("daily-report")).get()
			.satisfies(info -> assertThat(info.task()).isEqualTo("daily-report"));
	}

	@Test
	void theExampleOfTheSchedulingGuideHolds() {
		List<Instant> runs = new CopyOnWriteArrayList<>();
		this.runner.app().task("sync", Void.class, Void.class).handler((data, ctx) -> {
			runs.add(this.runner.clock().instant());
			return null;
		});
		this.runner.app()
			.schedule("hourly-sync", "sync", Schedule.every(Duration.ofHours(1)).onMissed(MissedRunPolicy.catchUp()));

		this.runner.advanceTime(Duration.ofHours(3));
		assertThat(runs).hasSize(3);
		this.runner.clock().advance(Duration.ofHours(10));
		this.runner.advanceTime(Duration.ZERO);
		assertThat(runs).hasSize(13);
	}

	@Test
	void aRunnerFromAnExistingAppRunsItsSchedulesInTheRunnersStore() {
		Taskora existing = Taskora.builder().adapter(MemoryAdapter.create()).build();
		existing.task("sync", Void.class, Void.class).handler((data, ctx) -> {
			this.runs.add(Instant.now());
			return null;
		});
		existing.schedule("sync-every-minute", "sync", Schedule.every(Duration.ofMinutes(1)));
		assertThat(existing.schedules().list()).hasSize(1);

		TestRunner fromApp = TestRunner.from(existing);
		try {
			fromApp.advanceTime(Duration.ofMinutes(3));
			assertThat(this.runs).hasSize(3);
			assertThat(fromApp.jobs()).hasSize(3);
		}
		finally {
			fromApp.dispose();
			existing.close();
		}
	}

	@Test
	void skipDispatchesNoneOfTenMissedHourlyRuns() {
		assertThat(missedRuns(MissedRunPolicy.skip())).isZero();
	}

	@Test
	void catchUpDispatchesEveryOneOfTenMissedHourlyRuns() {
		assertThat(missedRuns(MissedRunPolicy.catchUp())).isEqualTo(10);
	}

	@Test
	void catchUpLimitDispatchesAtMostItsLimitOfTenMissedHourlyRuns() {
		assertThat(missedRuns(MissedRunPolicy.catchUpLimit(3))).isEqualTo(3);
		assertThat(missedRuns(MissedRunPolicy.catchUpLimit(1))).isEqualTo(1);
		assertThat(missedRuns(MissedRunPolicy.catchUpLimit(30))).as("no padding beyond the backlog").isEqualTo(10);
	}

	/**
	 * Runs one hourly run, then a scheduler outage over the next 10 hourly runs: how many
	 * jobs the first tick after it dispatches.
	 */
	private int missedRuns(MissedRunPolicy policy) {
		TestRunner outage = TestRunner.create();
		try {
			List<Instant> ran = new CopyOnWriteArrayList<>();
			outage.app().task("sync", Void.class, Void.class).handler((data, ctx) -> {
				ran.add(outage.clock().instant());
				return null;
			});
			outage.app().schedule("important-sync", "sync", Schedule.every(Duration.ofHours(1)).onMissed(policy));
			Instant start = outage.clock().instant();
			outage.advanceTime(Duration.ofHours(1));
			assertThat(ran).hasSize(1);

			// no scheduler runs for the next 10 hourly runs (plus a bit): the clock
			// moves, nothing ticks
			outage.clock().advance(Duration.ofHours(10).plusMinutes(20));
			Instant back = outage.clock().instant();
			outage.advanceTime(Duration.ZERO);

			ScheduleInfo info = outage.app().schedules().find("important-sync").orElseThrow();
			assertThat(info.nextRun()).as("the cadence resumes from now, on its grid")
				.isEqualTo(back.plus(Duration.ofMinutes(40)));
			assertThat(ran.subList(1, ran.size())).allSatisfy(at -> assertThat(at).isEqualTo(back));
			assertThat(info.lastRun()).isEqualTo((ran.size() > 1) ? back : start.plus(Duration.ofHours(1)));
			return ran.size() - 1;
		}
		finally {
			outage.close();
		}
	}

	@Test
	void aRunReachedWithinTheLeaderTakeoverTimeIsNotMissed() {
		List<Instant> ran = new CopyOnWriteArrayList<>();
		app().task("sync", Void.class, Void.class).handler((data, ctx) -> {
			ran.add(clock().instant());
			return null;
		});
		app().schedule("hourly-sync", "sync", Schedule.every(Duration.ofHours(1)));
		Instant start = clock().instant();
		this.runner.advanceTime(Duration.ZERO);
		// the leader died just before the run: another process reaches it 25 s late (lock
		// TTL 30 s)
		clock().advance(Duration.ofHours(1).plusSeconds(25));
		this.runner.advanceTime(Duration.ZERO);
		assertThat(ran).containsExactly(start.plus(Duration.ofHours(1)).plusSeconds(25));
		assertThat(app().schedules().find("hourly-sync").orElseThrow().nextRun())
			.isEqualTo(start.plus(Duration.ofHours(2)));
	}

	@Test
	void withoutOverlapARunIsSkippedWhileThePreviousJobIsUnfinished() {
		Task<Void, Void> sync = app().task("sync", Void.class, Void.class).handler((data, ctx) -> null);
		app().schedule("sync-every-minute", sync, Schedule.every(Duration.ofMinutes(1)));
		Ticks.tick(app());

		// the first run is dispatched but nothing processes it: its job stays waiting
		clock().advance(Duration.ofMinutes(1));
		Ticks.tick(app());
		String first = app().schedules().find("sync-every-minute").orElseThrow().lastJobId();
		clock().advance(Duration.ofMinutes(1));
		Ticks.tick(app());
		clock().advance(Duration.ofMinutes(1));
		Ticks.tick(app());
		assertThat(jobsOf("sync")).singleElement().satisfies(job -> assertThat(job.id()).isEqualTo(first));

		this.runner.processAll();
		clock().advance(Duration.ofMinutes(1));
		Ticks.tick(app());
		assertThat(jobsOf("sync")).hasSize(2);
	}

	@Test
	void withOverlapEveryRunIsDispatchedEvenWhileThePreviousIsUnfinished() {
		Task<Void, Void> sync = app().task("sync", Void.class, Void.class).handler((data, ctx) -> null);
		app().schedule("sync-every-minute", sync, Schedule.every(Duration.ofMinutes(1)).overlap(true));
		Ticks.tick(app());
		for (int minute = 0; minute < 3; minute++) {
			clock().advance(Duration.ofMinutes(1));
			Ticks.tick(app());
		}
		assertThat(jobsOf("sync")).hasSize(3).allSatisfy(job -> assertThat(job.state()).isEqualTo(JobState.WAITING));
	}

	@Test
	void triggerRunsOnceNowWithoutShiftingTheCadence() {
		cleanupTask();
		app().schedule("hourly-cleanup", "cleanup", Schedule.every(Duration.ofHours(1)).data(new Cleanup("7d")));
		Instant start = clock().instant();
		this.runner.advanceTime(Duration.ofMinutes(20));

		ResultHandle<?> handle = app().schedules().trigger("hourly-cleanup");
		this.runner.processAll();
		assertThat(handle.state()).isEqualTo(JobState.COMPLETED);
		assertThat(this.runs).containsExactly(start.plus(Duration.ofMinutes(20)));
		ScheduleInfo info = app().schedules().find("hourly-cleanup").orElseThrow();
		assertThat(info.nextRun()).isEqualTo(start.plus(Duration.ofHours(1)));
		assertThat(info.lastRun()).isNull();

		this.runner.advanceTime(Duration.ofMinutes(40));
		assertThat(this.runs).hasSize(2).last().isEqualTo(start.plus(Duration.ofHours(1)));
	}

	@Test
	void aScheduleWithoutDataForATaskThatNeedsDataStoresEachRunAndItsWorkerFailsItNamingTheField() {
		cleanupTask();
		app().schedule("hourly-cleanup", "cleanup", Schedule.every(Duration.ofHours(1)));
		this.runner.advanceTime(Duration.ofHours(3));
		assertThat(this.runs).as("the handler never sees null").isEmpty();
		assertThat(jobsOf("cleanup")).hasSize(3).allSatisfy(job -> {
			assertThat(job.state()).isEqualTo(JobState.FAILED);
			assertThat(job.attempt()).isEqualTo(1);
			assertThat(job.error()).isEqualTo("Job " + job.id() + " of task 'cleanup' cannot be run: field 'data' "
					+ "holds no value (JSON null), and the task's input type " + Cleanup.class.getName()
					+ " does not accept null (declare Void, Object, Optional or JsonNode to accept jobs without data)");
		});
		// a manual trigger stores its job the same way
		ResultHandle<?> triggered = app().schedules().trigger("hourly-cleanup");
		this.runner.processAll();
		assertThat(triggered.state()).isEqualTo(JobState.FAILED);
	}

	@Test
	void aPausedScheduleDoesNotRunUntilResumedAndMissedRunsAreNotMadeUp() {
		cleanupTask();
		app().schedule("hourly-cleanup", "cleanup",
				Schedule.every(Duration.ofHours(1)).data(new Cleanup("30d")).onMissed(MissedRunPolicy.catchUp()));
		Instant start = clock().instant();
		this.runner.advanceTime(Duration.ofHours(1));
		app().schedules().pause("hourly-cleanup");
		assertThat(app().schedules().find("hourly-cleanup").orElseThrow().paused()).isTrue();

		this.runner.advanceTime(Duration.ofHours(5));
		assertThat(this.runs).hasSize(1);

		app().schedules().resume("hourly-cleanup");
		assertThat(app().schedules().find("hourly-cleanup").orElseThrow().nextRun())
			.isEqualTo(start.plus(Duration.ofHours(7)));
		this.runner.advanceTime(Duration.ofHours(1));
		assertThat(this.runs).containsExactly(start.plus(Duration.ofHours(1)), start.plus(Duration.ofHours(7)));
	}

	@Test
	void aScheduleOfATaskThisProcessDoesNotDefineIsListedWithItsProblemAndNeverDispatched() {
		this.runner.adapter()
			.schedules()
			.create("node-only", "{\"task\":\"resize-image\",\"overlap\":false,\"onMissed\":\"skip\",\"every\":60000}",
					clock().millis() + 60_000)
			.join();
		this.runner.advanceTime(Duration.ofMinutes(5));

		assertThat(this.runner.jobs()).isEmpty();
		ScheduleInfo info = app().schedules().find("node-only").orElseThrow();
		assertThat(info.problem()).contains("'resize-image' is not defined in this process");
		assertThat(info.paused()).as("it keeps its cadence for a process that defines the task").isFalse();
		assertThat(info.nextRun()).isAfter(clock().instant());
		assertThat(info.schedule().interval()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void updateChangesTheTimingFromNowAndRemoveStopsTheRuns() {
		cleanupTask();
		app().schedule("cleanup-schedule", "cleanup", Schedule.every(Duration.ofHours(1)));
		Instant start = clock().instant();
		app().schedules()
			.update("cleanup-schedule", ScheduleUpdate.create().every(Duration.ofMinutes(10)).data(new Cleanup("1d")));
		this.runner.advanceTime(Duration.ofMinutes(30));
		assertThat(this.runs).containsExactly(start.plus(Duration.ofMinutes(10)), start.plus(Duration.ofMinutes(20)),
				start.plus(Duration.ofMinutes(30)));
		assertThat(jobsOf("cleanup")).allSatisfy(job -> assertThat(job.data()).isEqualTo("{\"olderThan\":\"1d\"}"));

		assertThat(app().schedules().remove("cleanup-schedule")).isTrue();
		this.runner.advanceTime(Duration.ofHours(2));
		assertThat(this.runs).hasSize(3);
		assertThat(app().schedules().list()).isEmpty();
		assertThat(app().schedules().remove("cleanup-schedule")).isFalse();
	}

}
