package dev.taskora.engine.adapter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.schedule.MissedRunPolicy;
import dev.taskora.engine.schedule.Schedule;
import dev.taskora.engine.schedule.ScheduleInfo;
import dev.taskora.engine.schedule.ScheduleUpdate;
import dev.taskora.engine.schedule.SchedulerOptions;
import dev.taskora.engine.schedule.Schedules;
import dev.taskora.engine.schedule.Ticks;
import dev.taskora.engine.testing.VirtualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scheduling through {@link Schedules} on top of the {@link ScheduleStore} facet, the
 * same on every adapter: runtime management under a virtual clock (ticks driven by the
 * test), and the live scheduler loop with real workers: overlap with a long-running
 * handler, and a leader handing over.
 */
public abstract class SchedulesContract extends AdapterContract {

	private static final SchedulerOptions FAST = SchedulerOptions.defaults()
		.pollInterval(Duration.ofMillis(50))
		.lockTtl(Duration.ofSeconds(5));

	protected SchedulesContract(AdapterFactory factory) {
		super(factory);
	}

	private static ScheduleInfo info(Taskora app, String schedule) {
		return app.schedules().find(schedule).orElseThrow();
	}

	record Report(String kind) {
	}

	@Test
	void pauseResumeUpdateTriggerAndRemoveManageAStoredSchedule() {
		VirtualClock clock = new VirtualClock(Instant.parse("2030-01-07T00:00:00Z"));
		Taskora app = virtual(clock);
		String task = name();
		String schedule = name();
		List<String> kinds = Collections.synchronizedList(new ArrayList<>());
		app.task(task, Report.class, Void.class).handler((report, ctx) -> {
			kinds.add(report.kind());
			return null;
		});
		app.schedule(schedule, task, Schedule.every(Duration.ofHours(1)).data(new Report("hourly")));
		Schedules schedules = app.schedules();
		Instant start = clock.instant();

		ScheduleInfo stored = info(app, schedule);
		assertThat(stored.task()).isEqualTo(task);
		assertThat(stored.schedule().interval()).isEqualTo(Duration.ofHours(1));
		assertThat(stored.schedule().data()).isEqualTo(new Report("hourly"));
		assertThat(stored.schedule().onMissed()).isEqualTo(MissedRunPolicy.skip());
		assertThat(stored.nextRun()).isEqualTo(start.plus(Duration.ofHours(1)));
		assertThat(stored.paused()).isFalse();
		assertThat(stored.problem()).isNull();

		// trigger: one run now, the cadence untouched
		ResultHandle<?> triggered = schedules.trigger(schedule);
		processAll(app);
		assertThat(triggered.state()).isEqualTo(JobState.COMPLETED);
		assertThat(info(app, schedule).nextRun()).isEqualTo(start.plus(Duration.ofHours(1)));
		assertThat(info(app, schedule).lastRun()).isNull();

		// a due run
		clock.advance(Duration.ofHours(1));
		Ticks.tick(app);
		processAll(app);
		ScheduleInfo ran = info(app, schedule);
		assertThat(ran.lastRun()).isEqualTo(start.plus(Duration.ofHours(1)));
		assertThat(ran.lastJobId()).isNotNull().isNotEqualTo(triggered.id());
		assertThat(app.job(task, ran.lastJobId()).state()).isEqualTo(JobState.COMPLETED);

		// paused: due times pass without runs; a trigger still runs it once
		schedules.pause(schedule);
		assertThat(info(app, schedule).paused()).isTrue();
		assertThat(info(app, schedule).nextRun()).isNull();
		clock.advance(Duration.ofHours(3));
		Ticks.tick(app);
		assertThat(info(app, schedule).lastJobId()).isEqualTo(ran.lastJobId());
		ResultHandle<?> whilePaused = schedules.trigger(schedule);
		processAll(app);
		assertThat(whilePaused.state()).isEqualTo(JobState.COMPLETED);
		assertThat(info(app, schedule).paused()).isTrue();

		// update while paused: stays paused, new timing and data, history kept
		schedules.update(schedule,
				ScheduleUpdate.create().cron("30 * * * *").zone("UTC").data(new Report("half-past")));
		ScheduleInfo updated = info(app, schedule);
		assertThat(updated.paused()).isTrue();
		assertThat(updated.schedule().interval()).isNull();
		assertThat(updated.schedule().cronExpression()).isEqualTo("30 * * * *");
		assertThat(updated.schedule().zone()).isEqualTo("UTC");
		assertThat(updated.schedule().data()).isEqualTo(new Report("half-past"));
		assertThat(updated.lastRun()).as("history survives an update").isEqualTo(ran.lastRun());

		// resumed: next at the cron's next time from now, the paused hours not made up
		schedules.resume(schedule);
		assertThat(info(app, schedule).nextRun()).isEqualTo(start.plus(Duration.ofHours(4).plusMinutes(30)));
		clock.advance(Duration.ofMinutes(30));
		Ticks.tick(app);
		processAll(app);
		assertThat(kinds).containsExactly("hourly", "hourly", "hourly", "half-past");

		// update while running: the next run is computed anew from now
		schedules.update(schedule, ScheduleUpdate.create().every(Duration.ofMinutes(10)));
		assertThat(info(app, schedule).nextRun()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
		assertThat(info(app, schedule).schedule().zone()).as("dropped with the cron").isNull();

		assertThat(schedules.remove(schedule)).isTrue();
		assertThat(schedules.find(schedule)).isEmpty();
		clock.advance(Duration.ofHours(2));
		Ticks.tick(app);
		assertThat(processAll(app)).isZero();
		assertThat(schedules.remove(schedule)).isFalse();
	}

	@Test
	void aScheduleOfAnotherProcessIsListedAndThisProcessSkipsItsRunsKeepingItsCadence() {
		VirtualClock clock = new VirtualClock(Instant.parse("2030-01-07T00:00:00Z"));
		Taskora app = virtual(clock);
		String schedule = name();
		adapter(app).schedules()
			.create(schedule, "{\"task\":\"only-in-node\",\"overlap\":false,\"onMissed\":\"skip\",\"every\":60000}",
					clock.millis() + 60_000)
			.join();
		clock.advance(Duration.ofMinutes(1));
		assertThat(Ticks.tick(app)).isEmpty();

		ScheduleInfo info = info(app, schedule);
		assertThat(info.problem()).contains("'only-in-node' is not defined in this process");
		assertThat(info.paused()).isFalse();
		assertThat(info.lastRun()).isNull();
		assertThat(info.nextRun()).isEqualTo(clock.instant().plus(Duration.ofMinutes(1)));
		assertThat(app.schedules().isLeader()).isTrue();
	}

	@Test
	void withoutOverlapALongRunningJobHoldsBackTheNextRunsUntilItFinishes() {
		Taskora app = live(builder -> builder.scheduler(FAST));
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger started = new AtomicInteger();
		String task = name();
		app.task(task, Void.class, Void.class).concurrency(2).handler((data, ctx) -> {
			if (started.incrementAndGet() == 1) {
				release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
			}
			return null;
		});
		String schedule = name();
		app.schedule(schedule, task, Schedule.every(Duration.ofMillis(100)));
		try {
			app.start();
			await().atMost(WAIT).until(() -> started.get() == 1);
			ScheduleInfo first = info(app, schedule);
			// five more due times pass while the first job runs: each is skipped
			await().atMost(WAIT).until(() -> info(app, schedule).nextRun().isAfter(first.lastRun().plusMillis(600)));
			assertThat(info(app, schedule).lastJobId()).isEqualTo(first.lastJobId());
			assertThat(app.job(task, first.lastJobId()).state()).isEqualTo(JobState.ACTIVE);
			assertThat(started).hasValue(1);
		}
		finally {
			release.countDown();
		}
		await().atMost(WAIT).until(() -> started.get() >= 2);
	}

	@Test
	void withOverlapRunsStartWhileALongRunningJobStillRuns() {
		Taskora app = live(builder -> builder.scheduler(FAST));
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger started = new AtomicInteger();
		String task = name();
		app.task(task, Void.class, Void.class).concurrency(3).handler((data, ctx) -> {
			started.incrementAndGet();
			release.await(WAIT.toSeconds(), TimeUnit.SECONDS);
			return null;
		});
		app.schedule(name(), task, Schedule.every(Duration.ofMillis(100)).overlap(true));
		try {
			app.start();
			await().atMost(WAIT).until(() -> started.get() >= 3);
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void aLeaderThatStopsReleasesTheLockAndAnotherAppTakesOverAtItsNextTick() {
		Taskora first = live(builder -> builder.scheduler(FAST));
		Taskora second = liveSharingStoreWith(first, builder -> builder.scheduler(FAST));
		String task = name();
		String schedule = name();
		AtomicInteger runs = new AtomicInteger();
		for (Taskora app : List.of(first, second)) {
			app.task(task, Void.class, Void.class).handler((data, ctx) -> {
				runs.incrementAndGet();
				return null;
			});
			app.schedule(schedule, task, Schedule.every(Duration.ofMillis(200)));
		}
		first.start();
		await().atMost(WAIT).until(() -> first.schedules().isLeader());
		second.start();
		await().atMost(WAIT).until(() -> runs.get() >= 2);
		assertThat(second.schedules().isLeader()).isFalse();

		first.stop(Duration.ofSeconds(5));
		assertThat(first.schedules().isLeader()).isFalse();
		// with a 5 s lock TTL, leading within 2 s means the lock was released, not
		// expired
		await().atMost(Duration.ofSeconds(2)).until(() -> second.schedules().isLeader());
		int before = runs.get();
		await().atMost(WAIT).until(() -> runs.get() > before);
	}

}
