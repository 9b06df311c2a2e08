package dev.taskora.engine.adapter.memory;

import java.util.ArrayList;
import java.util.List;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.LockStatus;
import dev.taskora.engine.adapter.NewJob;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The memory adapter's job store: enqueueing, claim order and lanes, and TTL expiry. */
class MemoryJobStoreTests extends MemoryAdapterTestSupport {

	@Nested
	class Enqueue {

		@Test
		void storesImmediateJobAsWaitingWithEveryField() {
			NewJob job = new NewJob("j1", "{\"to\":\"a@b.c\"}", START, 2, 0, 3, 0, START + 60_000, "tenant-1", 4, null,
					0);
			adapter.jobs().enqueue(TASK, job).join();

			JobRecord record = find("j1");
			assertThat(record.state()).isEqualTo(JobState.WAITING);
			assertThat(record.task()).isEqualTo(TASK);
			assertThat(record.data()).isEqualTo("{\"to\":\"a@b.c\"}");
			assertThat(record.version()).isEqualTo(2);
			assertThat(record.attempt()).isEqualTo(1);
			assertThat(record.maxAttempts()).isEqualTo(3);
			assertThat(record.timestamp()).isEqualTo(START);
			assertThat(record.delayMs()).isZero();
			assertThat(record.expireAt()).isEqualTo(START + 60_000);
			assertThat(record.processedOn()).isZero();
			assertThat(record.finishedOn()).isZero();
			assertThat(record.result()).isNull();
			assertThat(record.error()).isNull();
			assertThat(adapter.inspect().state(TASK, "j1").join()).isEqualTo(JobState.WAITING);
		}

		@Test
		void storesDelayedJobDueAtTimestampPlusDelay() {
			adapter.jobs().enqueue(TASK, NewJob.of("j1", "1", START, 1, 0, 1, 5_000)).join();

			assertThat(find("j1").state()).isEqualTo(JobState.DELAYED);
			assertThat(find("j1").delayMs()).isEqualTo(5_000);
			assertThat(adapter.inspect().nextDelayedAt(TASK).join()).isEqualTo(START + 5_000);
			assertThat(claim()).isNull();
		}

		@Test
		void storesBulkJobsInOrderWithTheirEvents() {
			recordEvents();
			adapter.jobs()
				.enqueueBulk(TASK,
						List.of(job("a", START), NewJob.of("b", "2", START, 1, 0, 1, 1_000), job("c", START + 1)))
				.join();

			assertThat(counts()).contains(entry(JobState.WAITING, 2L), entry(JobState.DELAYED, 1L));
			awaitEvents(3);
			assertThat(types()).containsExactly("waiting a", "delayed b", "waiting c");
			assertThat(claim().id()).isEqualTo("a");
			assertThat(claim().id()).isEqualTo("c");
		}

	}

	@Nested
	class ClaimOrder {

		@Test
		void takesHigherPrioritiesFirstThenOlderTimestampsThenThePlainLaneInFifoOrder() {
			adapter.jobs().enqueue(TASK, job("plain-1", START + 5)).join();
			adapter.jobs().enqueue(TASK, prioritized("p5-late", START + 2, 5)).join();
			adapter.jobs().enqueue(TASK, prioritized("p5-early", START, 5)).join();
			adapter.jobs().enqueue(TASK, prioritized("p10", START + 3, 10)).join();
			adapter.jobs().enqueue(TASK, job("plain-2", START)).join();

			List<String> order = new ArrayList<>();
			for (ClaimedJob next = claim(); next != null; next = claim()) {
				order.add(next.id());
			}

			// Priority-0 jobs live in a FIFO list: enqueue order counts there, not the
			// timestamp.
			assertThat(order).containsExactly("p10", "p5-early", "p5-late", "plain-1", "plain-2");
		}

		@Test
		void claimLocksJobAndReturnsItsPayload() {
			recordEvents();
			adapter.jobs().enqueue(TASK, new NewJob("j1", "{}", START - 10, 3, 0, 1, 0, 0, null, 0, null, 0)).join();

			ClaimRequest request = request();
			ClaimedJob claimed = adapter.jobs().claim(TASK, request).join();

			assertThat(claimed).isEqualTo(new ClaimedJob("j1", "{}", 3, 1, START - 10, request.token()));
			assertThat(find("j1").state()).isEqualTo(JobState.ACTIVE);
			assertThat(find("j1").processedOn()).isEqualTo(START);
			assertThat(adapter.jobs().extendLock(TASK, "j1", request.token(), LOCK_TTL).join())
				.isEqualTo(LockStatus.HELD);
			awaitEvents(2);
			assertThat(types()).containsExactly("waiting j1", "active j1");
		}

		@Test
		void promotesDelayedJobOnceTheClockReachesItsDueTime() {
			recordEvents();
			adapter.jobs().enqueue(TASK, NewJob.of("j1", "1", START, 1, 0, 1, 1_000)).join();
			assertThat(claim()).isNull();

			clock.advance(1_000);

			assertThat(claim().id()).isEqualTo("j1");
			assertThat(adapter.inspect().nextDelayedAt(TASK).join()).isNull();
			awaitEvents(3);
			assertThat(types()).containsExactly("delayed j1", "promoted j1", "active j1");
		}

		@Test
		void requeuesADueBatchLastDueFirstAsTheRedisScriptDoes() {
			adapter.jobs().enqueue(TASK, NewJob.of("due-first", "1", START, 1, 0, 1, 100)).join();
			adapter.jobs().enqueue(TASK, NewJob.of("due-second", "1", START, 1, 0, 1, 200)).join();
			clock.advance(500);

			assertThat(claim().id()).isEqualTo("due-second");
			assertThat(claim().id()).isEqualTo("due-first");
		}

		@Test
		void movesOnToThePlainLaneWhenThePrioritizedJobsWaitForTheirConcurrencyKey() {
			adapter.jobs().enqueue(TASK, new NewJob("busy", "{}", START, 1, 5, 1, 0, 0, "tenant", 1, null, 0)).join();
			adapter.jobs().enqueue(TASK, new NewJob("held", "{}", START, 1, 5, 1, 0, 0, "tenant", 1, null, 0)).join();
			adapter.jobs().enqueue(TASK, job("plain", START)).join();
			ClaimedJob busy = claim();
			assertThat(busy.id()).isEqualTo("busy");

			assertThat(claim().id()).isEqualTo("plain");
			assertThat(claim()).isNull();
			ack(busy, "1");
			assertThat(claim().id()).isEqualTo("held");
		}

		@Test
		void claimsNothingForASingletonWhileAJobIsActive() {
			adapter.jobs().enqueue(TASK, job("a", START)).join();
			adapter.jobs().enqueue(TASK, job("b", START)).join();
			ClaimedJob first = adapter.jobs().claim(TASK, singleton()).join();

			assertThat(adapter.jobs().claim(TASK, singleton()).join()).isNull();
			ack(first, "null");
			assertThat(adapter.jobs().claim(TASK, singleton()).join().id()).isEqualTo("b");
		}

		@Test
		void holdsBackJobsWhoseConcurrencyKeyIsFullUntilASlotIsReleased() {
			adapter.jobs().enqueue(TASK, keyed("k1", START, "tenant", 1)).join();
			adapter.jobs().enqueue(TASK, keyed("k2", START + 1, "tenant", 1)).join();
			adapter.jobs().enqueue(TASK, job("free", START + 2)).join();

			ClaimedJob k1 = claim();
			assertThat(k1.id()).isEqualTo("k1");
			assertThat(claim().id()).isEqualTo("free");
			assertThat(claim()).isNull();
			assertThat(find("k2").state()).isEqualTo(JobState.WAITING);

			ack(k1, "null");
			assertThat(claim().id()).isEqualTo("k2");
		}

		@Test
		void releasesTheConcurrencySlotOnFailCancelAndStall() {
			adapter.jobs().enqueue(TASK, keyed("a", START, "tenant", 1)).join();
			adapter.jobs().enqueue(TASK, keyed("b", START + 1, "tenant", 1)).join();
			adapter.jobs().enqueue(TASK, keyed("c", START + 2, "tenant", 1)).join();
			adapter.jobs().enqueue(TASK, keyed("d", START + 3, "tenant", 1)).join();

			ClaimedJob a = claim();
			fail(a, "boom", JobFailure.PERMANENT);
			ClaimedJob b = claim();
			assertThat(b.id()).isEqualTo("b");
			adapter.jobs().cancel(TASK, "b", null, now()).join();
			adapter.jobs().finishCancel(TASK, "b", b.token(), now()).join();
			ClaimedJob c = claim();
			assertThat(c.id()).isEqualTo("c");
			adapter.maintenance().checkStalled(TASK, 0, now()).join();
			clock.advance(LOCK_TTL);
			adapter.maintenance().checkStalled(TASK, 0, now()).join();

			assertThat(find("c").state()).isEqualTo(JobState.FAILED);
			assertThat(claim().id()).isEqualTo("d");
		}

	}

	@Nested
	class Expiry {

		@Test
		void movesAJobPastItsTtlToExpiredAtClaim() {
			recordEvents();
			adapter.jobs().enqueue(TASK, withTtl("old", START, START + 1_000)).join();
			adapter.jobs().enqueue(TASK, job("fresh", START)).join();
			clock.advance(1_000);

			assertThat(claim().id()).isEqualTo("fresh");

			assertThat(find("old").state()).isEqualTo(JobState.EXPIRED);
			assertThat(find("old").finishedOn()).isEqualTo(START + 1_000);
			assertThat(counts()).containsEntry(JobState.EXPIRED, 1L);
			awaitEvents(4);
			assertThat(types()).containsExactly("waiting old", "waiting fresh", "expired old", "active fresh");
		}

		@Test
		void deletesAJobPastItsTtlWhenAskedToDiscard() {
			recordEvents();
			adapter.jobs().enqueue(TASK, withTtl("old", START, START + 1_000)).join();
			clock.advance(1_000);

			assertThat(adapter.jobs().claim(TASK, new ClaimRequest("t", LOCK_TTL, now(), true, false)).join()).isNull();

			assertThat(adapter.inspect().findJob(TASK, "old").join()).isNull();
			assertThat(counts().values()).allMatch((count) -> count == 0);
			awaitEvents(2);
			assertThat(types()).containsExactly("waiting old", "expired old");
		}

		@Test
		void expiresADelayedJobAtPromotion() {
			recordEvents();
			adapter.jobs()
				.enqueue(TASK, new NewJob("late", "1", START, 1, 0, 1, 2_000, START + 1_000, null, 0, null, 0))
				.join();
			clock.advance(2_000);

			assertThat(claim()).isNull();

			assertThat(find("late").state()).isEqualTo(JobState.EXPIRED);
			awaitEvents(2);
			assertThat(types()).containsExactly("delayed late", "expired late");
		}

	}

}
