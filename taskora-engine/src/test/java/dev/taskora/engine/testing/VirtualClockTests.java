package dev.taskora.engine.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.taskora.engine.event.Registration;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class VirtualClockTests {

	private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

	private final VirtualClock clock = new VirtualClock(START);

	@Test
	void movesOnlyWhenToldAndNeverBackwards() {
		assertThat(this.clock.instant()).isEqualTo(START);
		this.clock.advance(Duration.ofMinutes(5));
		this.clock.advanceTo(START.toEpochMilli());
		assertThat(this.clock.instant()).isEqualTo(START.plus(Duration.ofMinutes(5)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.clock.advance(Duration.ofSeconds(-1)))
			.withMessageContaining("negative");
	}

	@Test
	void runsTimersInDueOrderAsTheClockPassesThemEachAtItsDueTime() {
		List<String> ran = new CopyOnWriteArrayList<>();
		long start = START.toEpochMilli();
		this.clock.schedule(start + 3_000, () -> ran.add("3s at " + (this.clock.millis() - start)));
		this.clock.schedule(start + 1_000, () -> ran.add("1s at " + (this.clock.millis() - start)));
		this.clock.schedule(start + 2_000, () -> ran.add("2s at " + (this.clock.millis() - start)));
		this.clock.advance(Duration.ofMillis(1_999));
		assertThat(ran).containsExactly("1s at 1000");
		this.clock.advance(Duration.ofHours(1));
		assertThat(ran).containsExactly("1s at 1000", "2s at 2000", "3s at 3000");
		assertThat(this.clock.millis() - start).isEqualTo(1_999 + Duration.ofHours(1).toMillis());
		assertThat(this.clock.pendingTimers()).isZero();
	}

	@Test
	void aTimerMayScheduleTheNextOneWithinTheSameMove() {
		List<Long> ran = new CopyOnWriteArrayList<>();
		long start = START.toEpochMilli();
		Runnable[] tick = new Runnable[1];
		tick[0] = () -> {
			ran.add(this.clock.millis() - start);
			this.clock.schedule(this.clock.millis() + 10_000, tick[0]);
		};
		this.clock.schedule(start + 10_000, tick[0]);
		this.clock.advance(Duration.ofSeconds(35));
		assertThat(ran).containsExactly(10_000L, 20_000L, 30_000L);
		assertThat(this.clock.pendingTimers()).isOne();
	}

	@Test
	void aCancelledTimerDoesNotRun() {
		List<String> ran = new CopyOnWriteArrayList<>();
		Registration timer = this.clock.schedule(START.toEpochMilli() + 1_000, () -> ran.add("ran"));
		timer.close();
		timer.close();
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(ran).isEmpty();
	}

	@Test
	void aTimerAlreadyDueRunsAtOnce() {
		List<String> ran = new CopyOnWriteArrayList<>();
		this.clock.schedule(START.toEpochMilli(), () -> ran.add("ran"));
		assertThat(ran).containsExactly("ran");
	}

	@Test
	void aFailingTimerStillLetsTheClockReachItsTargetAndTheOthersRun() {
		List<String> ran = new CopyOnWriteArrayList<>();
		this.clock.schedule(START.toEpochMilli() + 1_000, () -> {
			throw new IllegalStateException("boom");
		});
		this.clock.schedule(START.toEpochMilli() + 2_000, () -> ran.add("second"));
		assertThatIllegalStateException().isThrownBy(() -> this.clock.advance(Duration.ofSeconds(5)))
			.withMessage("boom");
		assertThat(ran).containsExactly("second");
		assertThat(this.clock.instant()).isEqualTo(START.plusSeconds(5));
	}

	@Test
	void resetReturnsToTheStartAndDropsPendingTimers() {
		List<String> ran = new CopyOnWriteArrayList<>();
		this.clock.schedule(START.toEpochMilli() + Duration.ofDays(2).toMillis(), () -> ran.add("ran"));
		this.clock.advance(Duration.ofDays(1));
		this.clock.reset();
		assertThat(this.clock.instant()).isEqualTo(START).isEqualTo(this.clock.start());
		assertThat(this.clock.pendingTimers()).isZero();
		this.clock.advance(Duration.ofDays(3));
		assertThat(ran).isEmpty();
	}

	@Test
	void zoneViewsShareTimeAndTimers() {
		VirtualClock view = (VirtualClock) this.clock.withZone(ZoneId.of("Europe/Paris"));
		List<String> ran = new CopyOnWriteArrayList<>();
		view.schedule(START.toEpochMilli() + 1_000, () -> ran.add("ran"));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(view.instant()).isEqualTo(this.clock.instant());
		assertThat(ran).containsExactly("ran");
	}

}
