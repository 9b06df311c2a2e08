package dev.taskora.engine.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.testing.VirtualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two apps on one memory adapter under virtual time: the in-process lock elects one
 * leader, which alone dispatches each run; when it stops ticking without releasing, the
 * other takes over once the lock expires.
 */
class LeaderElectionTests {

	private final VirtualClock clock = new VirtualClock(Instant.parse("2030-01-07T00:00:00Z"));

	private final MemoryAdapter store = MemoryAdapter.create(this.clock);

	private final Taskora first = app();

	private final Taskora second = app();

	private Taskora app() {
		Taskora app = Taskora.builder().adapter(this.store).build();
		// no worker here: the jobs stay waiting, so runs must be allowed to overlap
		app.task("report", Void.class, Void.class).register();
		app.schedule("minutely-report", "report", Schedule.every(Duration.ofMinutes(1)).overlap(true));
		return app;
	}

	@AfterEach
	void close() {
		this.first.close();
		this.second.close();
	}

	private List<JobRecord> jobs() {
		return this.store.storedJobs();
	}

	@Test
	void oneOfTwoAppsLeadsAndEachRunIsDispatchedOnce() {
		Ticks.tick(this.first);
		Ticks.tick(this.second);
		for (int minute = 1; minute <= 10; minute++) {
			this.clock.advance(Duration.ofMinutes(1));
			// both tick at every due time, in either order
			if (minute % 2 == 0) {
				Ticks.tick(this.first);
				Ticks.tick(this.second);
			}
			else {
				Ticks.tick(this.second);
				Ticks.tick(this.first);
			}
		}
		assertThat(this.first.schedules().isLeader()).isTrue();
		assertThat(this.second.schedules().isLeader()).isFalse();
		assertThat(jobs()).hasSize(10);
		assertThat(jobs()).extracting(JobRecord::timestamp).doesNotHaveDuplicates();
	}

	@Test
	void whenTheLeaderStopsTickingWithoutReleasingTheOtherTakesOverOnceTheLockExpires() {
		Ticks.tick(this.first);
		this.clock.advance(Duration.ofMinutes(1));
		Ticks.tick(this.first);
		assertThat(jobs()).hasSize(1);

		// the first app dies: it never ticks again and never releases its 30 s lock
		this.clock.advance(Duration.ofSeconds(29));
		Ticks.tick(this.second);
		assertThat(this.second.schedules().isLeader()).isFalse();
		assertThat(jobs()).hasSize(1);

		this.clock.advance(Duration.ofSeconds(1));
		Ticks.tick(this.second);
		assertThat(this.second.schedules().isLeader()).isTrue();
		this.clock.advance(Duration.ofSeconds(30));
		Ticks.tick(this.second);
		assertThat(jobs()).hasSize(2);
	}

	@Test
	void aLeaderThatStopsReleasesTheLockForTheOthersNextTick() {
		Ticks.tick(this.first);
		Ticks.tick(this.second);
		assertThat(this.first.schedules().isLeader()).isTrue();

		this.first.stop(Duration.ZERO);
		Ticks.tick(this.second);
		assertThat(this.second.schedules().isLeader()).isTrue();
	}

}
