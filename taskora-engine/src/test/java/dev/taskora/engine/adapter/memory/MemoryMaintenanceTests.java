package dev.taskora.engine.adapter.memory;

import java.util.Map;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.StallSweep;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.entry;

/**
 * The memory adapter's maintenance: the two-phase stall sweep, retention trimming and
 * dead-letter retries.
 */
class MemoryMaintenanceTests extends MemoryAdapterTestSupport {

	@Nested
	class Stalls {

		@Test
		void recoversAJobWhoseLockLapsedAfterItBecameACandidate() {
			recordEvents();
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			ClaimedJob claimed = claim();

			assertThat(adapter.maintenance().checkStalled(TASK, 1, now()).join()).isEqualTo(StallSweep.NONE);
			clock.advance(LOCK_TTL);
			StallSweep sweep = adapter.maintenance().checkStalled(TASK, 1, now()).join();

			assertThat(sweep.recovered()).containsExactly("j1");
			assertThat(sweep.failed()).isEmpty();
			assertThat(find("j1").state()).isEqualTo(JobState.WAITING);
			assertThat(find("j1").stalledCount()).isEqualTo(1);
			assertLockMismatch(adapter.jobs().ack(TASK, new JobCompletion("j1", claimed.token(), "1", now()), null));
			assertThat(claim().attempt()).isEqualTo(1);
			awaitEvents(4);
			assertThat(types()).containsExactly("waiting j1", "active j1", "stalled j1", "active j1");
			assertThat(events.get(2).fields()).isEqualTo(Map.of("count", "1", "action", "recovered"));
		}

		@Test
		void failsAJobAtItsFirstStallWhenNoStallIsAllowed() {
			recordEvents();
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			claim();
			adapter.maintenance().checkStalled(TASK, 0, now()).join();
			clock.advance(LOCK_TTL);

			StallSweep sweep = adapter.maintenance().checkStalled(TASK, 0, now()).join();

			assertThat(sweep.failed()).containsExactly("j1");
			JobRecord record = find("j1");
			assertThat(record.state()).isEqualTo(JobState.FAILED);
			assertThat(record.error()).isEqualTo("Job stalled and exceeded max stalled count");
			assertThat(record.finishedOn()).isEqualTo(START + LOCK_TTL);
			awaitEvents(4);
			assertThat(types()).containsExactly("waiting j1", "active j1", "stalled j1", "failed j1");
			assertThat(events.get(2).fields()).isEqualTo(Map.of("count", "1", "action", "failed"));
		}

		@Test
		void failsAJobAtItsSecondStallWhenOneIsAllowed() {
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			claim();
			adapter.maintenance().checkStalled(TASK, 1, now()).join();
			clock.advance(LOCK_TTL);
			assertThat(adapter.maintenance().checkStalled(TASK, 1, now()).join().recovered()).containsExactly("j1");
			claim();
			adapter.maintenance().checkStalled(TASK, 1, now()).join();
			clock.advance(LOCK_TTL);

			StallSweep sweep = adapter.maintenance().checkStalled(TASK, 1, now()).join();

			assertThat(sweep.failed()).containsExactly("j1");
			assertThat(find("j1").stalledCount()).isEqualTo(2);
		}

		@Test
		void cancelsAFlaggedJobWhoseLockLapsed() {
			recordEvents();
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			claim();
			adapter.jobs().cancel(TASK, "j1", "shutdown", now()).join();
			adapter.maintenance().checkStalled(TASK, 1, now()).join();
			clock.advance(LOCK_TTL);

			StallSweep sweep = adapter.maintenance().checkStalled(TASK, 1, now()).join();

			assertThat(sweep).isEqualTo(StallSweep.NONE);
			assertThat(find("j1").state()).isEqualTo(JobState.CANCELLED);
			assertThat(counts()).contains(entry(JobState.ACTIVE, 0L), entry(JobState.CANCELLED, 1L));
			awaitEvents(3);
			assertThat(types()).containsExactly("waiting j1", "active j1", "cancelled j1");
			assertThat(events.get(2).fields()).isEqualTo(Map.of("reason", "shutdown"));
		}

		@Test
		void leavesJobsAloneThatExtendedOrSettledSinceTheyBecameCandidates() {
			adapter.jobs().enqueue(TASK, job("extended", START)).join();
			adapter.jobs().enqueue(TASK, job("acked", START)).join();
			ClaimedJob extended = claim();
			ClaimedJob acked = claim();
			adapter.maintenance().checkStalled(TASK, 0, now()).join();

			clock.advance(LOCK_TTL - 1);
			adapter.jobs().extendLock(TASK, "extended", extended.token(), LOCK_TTL).join();
			ack(acked, "1");
			clock.advance(LOCK_TTL - 1);

			assertThat(adapter.maintenance().checkStalled(TASK, 0, now()).join()).isEqualTo(StallSweep.NONE);
			assertThat(find("extended").state()).isEqualTo(JobState.ACTIVE);
			assertThat(find("acked").state()).isEqualTo(JobState.COMPLETED);
			clock.advance(LOCK_TTL);
			assertThat(adapter.maintenance().checkStalled(TASK, 0, now()).join().failed()).containsExactly("extended");
		}

	}

	@Nested
	class RetentionAndDeadLetters {

		@Test
		void trimsByAgeThenTheOldestBeyondMaxItems() {
			for (int i = 0; i < 5; i++) {
				adapter.jobs().enqueue(TASK, job("j" + i, START)).join();
			}
			for (int i = 0; i < 5; i++) {
				clock.advance(1_000);
				ack(claim(), "1");
			}

			assertThat(adapter.maintenance().trim(TASK, JobState.COMPLETED, START + 2_000, 0).join()).isEqualTo(2);
			assertThat(adapter.inspect().findJob(TASK, "j0").join()).isNull();
			assertThat(adapter.inspect().findJob(TASK, "j1").join()).isNull();

			assertThat(adapter.maintenance().trim(TASK, JobState.COMPLETED, 0, 2).join()).isEqualTo(1);
			assertThat(adapter.inspect().findJob(TASK, "j2").join()).isNull();
			assertThat(find("j3").state()).isEqualTo(JobState.COMPLETED);
			assertThat(adapter.maintenance().trim(TASK, JobState.FAILED, START + 10_000, 1).join()).isZero();
			assertThat(counts()).containsEntry(JobState.COMPLETED, 2L);
		}

		@Test
		void trimsAtMostOneBatchOfOldJobsPerCall() {
			for (int i = 0; i < 150; i++) {
				adapter.jobs().enqueue(TASK, job("j" + i, START)).join();
				ClaimedJob claimed = claim();
				fail(claimed, "x", JobFailure.PERMANENT);
			}

			assertThat(adapter.maintenance().trim(TASK, JobState.FAILED, now(), 0).join()).isEqualTo(100);
			assertThat(adapter.maintenance().trim(TASK, JobState.FAILED, now(), 0).join()).isEqualTo(50);
			assertThat(adapter.maintenance().trim(TASK, JobState.FAILED, now(), 0).join()).isZero();
			assertThatIllegalArgumentException()
				.isThrownBy(() -> adapter.maintenance().trim(TASK, JobState.WAITING, now(), 0));
		}

		@Test
		void sharesOneBatchBetweenTheAgeAndTheCountRule() {
			for (int i = 0; i < 150; i++) {
				adapter.jobs().enqueue(TASK, job("j" + i, START)).join();
				ack(claim(), "1");
				clock.advance(1);
			}

			// 120 are past the cutoff and 140 beyond the cap of 10: 100 go now, the other
			// 40 next time.
			assertThat(adapter.maintenance().trim(TASK, JobState.COMPLETED, START + 119, 10).join()).isEqualTo(100);
			assertThat(adapter.maintenance().trim(TASK, JobState.COMPLETED, START + 119, 10).join()).isEqualTo(40);
			assertThat(adapter.inspect().findJob(TASK, "j139").join()).isNull();
			assertThat(find("j140").state()).isEqualTo(JobState.COMPLETED);
			assertThat(counts()).containsEntry(JobState.COMPLETED, 10L);
		}

		@Test
		void retryFailedSendsAFailedJobBackToWaitingAsNew() {
			recordEvents();
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			ClaimedJob claimed = claim();
			fail(claimed, "x", 0);
			ClaimedJob second = claim();
			fail(second, "y", JobFailure.PERMANENT);
			clock.advance(60_000);

			assertThat(adapter.maintenance().retryFailed(TASK, "j1", now()).join()).isTrue();

			JobRecord record = find("j1");
			assertThat(record.state()).isEqualTo(JobState.WAITING);
			assertThat(record.attempt()).isEqualTo(1);
			assertThat(record.error()).isNull();
			assertThat(record.finishedOn()).isZero();
			assertThat(record.timestamp()).isEqualTo(START + 60_000);
			assertThat(adapter.maintenance().retryFailed(TASK, "j1", now()).join()).isFalse();
			assertThat(adapter.maintenance().retryFailed(TASK, "missing", now()).join()).isFalse();
			ClaimedJob third = claim();
			assertThat(third.attempt()).isEqualTo(1);
			awaitEvents(8);
			assertThat(types()).endsWith("failed j1", "waiting j1", "active j1");
		}

	}

}
