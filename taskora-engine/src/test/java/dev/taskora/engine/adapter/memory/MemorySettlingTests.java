package dev.taskora.engine.adapter.memory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.LockStatus;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.Settlement;
import dev.taskora.engine.adapter.WireEvent;
import dev.taskora.engine.event.Registration;
import dev.taskora.engine.job.CancelOutcome;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The memory adapter's settling transitions (ack, fail, nack, finish-cancel, lock
 * extension) and cancel.
 */
class MemorySettlingTests extends MemoryAdapterTestSupport {

	@Nested
	class Settling {

		@Test
		void ackCompletesTheJobAndStoresTheResult() {
			recordEvents();
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			ClaimedJob claimed = claim();
			clock.advance(250);

			Settlement settlement = adapter.jobs()
				.ack(TASK, new JobCompletion("j1", claimed.token(), "{\"ok\":true}", now()), null)
				.join();

			assertThat(settlement).isEqualTo(new Settlement(null, -1, null));
			JobRecord record = find("j1");
			assertThat(record.state()).isEqualTo(JobState.COMPLETED);
			assertThat(record.result()).isEqualTo("{\"ok\":true}");
			assertThat(record.finishedOn()).isEqualTo(START + 250);
			assertThat(adapter.jobs().extendLock(TASK, "j1", claimed.token(), LOCK_TTL).join())
				.isEqualTo(LockStatus.LOST);
			awaitEvents(3);
			assertThat(types()).containsExactly("waiting j1", "active j1", "completed j1");
		}

		@Test
		void ackWithANextRequestClaimsTheFollowingJobInTheSameTransition() {
			adapter.jobs().enqueue(TASK, job("a", START)).join();
			adapter.jobs().enqueue(TASK, job("b", START)).join();
			ClaimedJob a = claim();

			ClaimRequest next = request();
			Settlement settlement = adapter.jobs()
				.ack(TASK, new JobCompletion("a", a.token(), "1", now()), next)
				.join();

			assertThat(settlement.next()).isNotNull();
			assertThat(settlement.next().id()).isEqualTo("b");
			assertThat(settlement.next().token()).isEqualTo(next.token());
			assertThat(find("b").state()).isEqualTo(JobState.ACTIVE);
		}

		@Test
		void ackReportsTheWorkflowOfTheSettledJob() {
			adapter.jobs().enqueue(TASK, new NewJob("j1", "1", START, 1, 0, 1, 0, 0, null, 0, "wf-1", 2)).join();
			ClaimedJob claimed = claim();

			Settlement settlement = adapter.jobs()
				.ack(TASK, new JobCompletion("j1", claimed.token(), "1", now()), null)
				.join();

			assertThat(settlement.workflowId()).isEqualTo("wf-1");
			assertThat(settlement.workflowNode()).isEqualTo(2);
		}

		@Test
		void failWithARetryDelaySchedulesTheNextAttempt() {
			recordEvents();
			adapter.jobs().enqueue(TASK, new NewJob("j1", "1", START, 1, 0, 3, 0, 0, null, 0, "wf-1", 0)).join();
			ClaimedJob claimed = claim();

			Settlement settlement = fail(claimed, "smtp down", 2_000);

			assertThat(settlement.workflowId()).isNull();
			JobRecord record = find("j1");
			assertThat(record.state()).isEqualTo(JobState.RETRYING);
			assertThat(record.attempt()).isEqualTo(2);
			assertThat(record.error()).isEqualTo("smtp down");
			assertThat(record.finishedOn()).isZero();
			assertThat(counts()).contains(entry(JobState.DELAYED, 1L), entry(JobState.RETRYING, 0L));
			assertThat(adapter.inspect().nextDelayedAt(TASK).join()).isEqualTo(START + 2_000);
			assertThat(claim()).isNull();

			clock.advance(2_000);
			ClaimedJob retried = claim();
			assertThat(retried.attempt()).isEqualTo(2);

			awaitEvents(5);
			assertThat(types()).containsExactly("waiting j1", "active j1", "retrying j1", "promoted j1", "active j1");
			assertThat(events.get(2).fields())
				.isEqualTo(Map.of("attempt", "2", "nextAttemptAt", Long.toString(START + 2_000)));
		}

		@Test
		void failPermanentlyMovesTheJobToFailed() {
			recordEvents();
			adapter.jobs().enqueue(TASK, new NewJob("j1", "1", START, 1, 0, 1, 0, 0, null, 0, "wf-1", 4)).join();
			ClaimedJob claimed = claim();
			clock.advance(10);

			Settlement settlement = fail(claimed, "bad input", JobFailure.PERMANENT);

			assertThat(settlement).isEqualTo(new Settlement("wf-1", 4, null));
			JobRecord record = find("j1");
			assertThat(record.state()).isEqualTo(JobState.FAILED);
			assertThat(record.error()).isEqualTo("bad input");
			assertThat(record.attempt()).isEqualTo(1);
			assertThat(record.finishedOn()).isEqualTo(START + 10);
			awaitEvents(3);
			assertThat(types()).containsExactly("waiting j1", "active j1", "failed j1");
		}

		@Test
		void failWithANextRequestClaimsTheFollowingJob() {
			adapter.jobs().enqueue(TASK, job("a", START)).join();
			adapter.jobs().enqueue(TASK, job("b", START)).join();
			ClaimedJob a = claim();

			Settlement settlement = adapter.jobs()
				.fail(TASK, new JobFailure("a", a.token(), "x", now(), 0), request())
				.join();

			assertThat(settlement.next().id()).isEqualTo("b");
		}

		@Test
		void nackReturnsTheJobToWaitingWithoutConsumingAnAttempt() {
			recordEvents();
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			ClaimedJob claimed = claim();

			adapter.jobs().nack(TASK, "j1", claimed.token()).join();

			assertThat(find("j1").state()).isEqualTo(JobState.WAITING);
			ClaimedJob again = claim();
			assertThat(again.attempt()).isEqualTo(1);
			assertThat(again.timestamp()).isEqualTo(START);
			awaitEvents(4);
			assertThat(types()).containsExactly("waiting j1", "active j1", "waiting j1", "active j1");
		}

		@Test
		void settlingWithAForeignOrLapsedLockFailsAndChangesNothing() {
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			adapter.jobs().enqueue(TASK, job("j2", START)).join();
			ClaimedJob claimed = claim();
			String token = claimed.token();

			assertLockMismatch(adapter.jobs().ack(TASK, new JobCompletion("j1", "other", "1", now()), request()));
			assertLockMismatch(adapter.jobs().fail(TASK, new JobFailure("j1", "other", "x", now(), 0), null));
			assertLockMismatch(adapter.jobs().nack(TASK, "j1", "other"));
			assertLockMismatch(adapter.jobs().finishCancel(TASK, "j1", "other", now()));
			assertLockMismatch(adapter.jobs().ack(TASK, new JobCompletion("unknown", token, "1", now()), null));
			assertThat(find("j1").state()).isEqualTo(JobState.ACTIVE);
			assertThat(find("j2").state()).isEqualTo(JobState.WAITING);

			clock.advance(LOCK_TTL);
			assertLockMismatch(adapter.jobs().ack(TASK, new JobCompletion("j1", token, "1", now()), null));
			assertThat(find("j1").state()).isEqualTo(JobState.ACTIVE);
			assertThat(find("j1").result()).isNull();
		}

		@Test
		void extendLockKeepsTheLockAliveOnTheAdaptersClock() {
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			ClaimedJob claimed = claim();
			clock.advance(LOCK_TTL - 1);

			assertThat(adapter.jobs().extendLock(TASK, "j1", claimed.token(), LOCK_TTL).join())
				.isEqualTo(LockStatus.HELD);
			assertThat(adapter.jobs().extendLock(TASK, "j1", "other", LOCK_TTL).join()).isEqualTo(LockStatus.LOST);
			clock.advance(LOCK_TTL - 1);
			assertThat(adapter.jobs().extendLock(TASK, "j1", claimed.token(), LOCK_TTL).join())
				.isEqualTo(LockStatus.HELD);
			clock.advance(LOCK_TTL);
			assertThat(adapter.jobs().extendLock(TASK, "j1", claimed.token(), LOCK_TTL).join())
				.isEqualTo(LockStatus.LOST);
			assertThat(adapter.jobs().extendLock(TASK, "missing", claimed.token(), LOCK_TTL).join())
				.isEqualTo(LockStatus.LOST);
		}

	}

	@Nested
	class Cancel {

		@Test
		void cancelsWaitingDelayedAndRetryingJobsAtOnce() {
			recordEvents();
			adapter.jobs().enqueue(TASK, job("retrying", START)).join();
			ClaimedJob retrying = claim();
			fail(retrying, "x", 1_000);
			adapter.jobs().enqueue(TASK, job("waiting", START)).join();
			adapter.jobs().enqueue(TASK, prioritized("prioritized", START, 3)).join();
			adapter.jobs().enqueue(TASK, NewJob.of("delayed", "1", START, 1, 0, 1, 5_000)).join();

			assertThat(adapter.jobs().cancel(TASK, "waiting", "no longer needed", now()).join())
				.isEqualTo(CancelOutcome.CANCELLED);
			assertThat(adapter.jobs().cancel(TASK, "prioritized", null, now()).join())
				.isEqualTo(CancelOutcome.CANCELLED);
			assertThat(adapter.jobs().cancel(TASK, "delayed", "", now()).join()).isEqualTo(CancelOutcome.CANCELLED);
			assertThat(adapter.jobs().cancel(TASK, "retrying", null, now()).join()).isEqualTo(CancelOutcome.CANCELLED);

			assertThat(find("waiting").cancelReason()).isEqualTo("no longer needed");
			assertThat(find("prioritized").cancelReason()).isNull();
			assertThat(find("delayed").finishedOn()).isEqualTo(START);
			assertThat(counts()).contains(entry(JobState.CANCELLED, 4L), entry(JobState.WAITING, 0L),
					entry(JobState.DELAYED, 0L));
			clock.advance(10_000);
			assertThat(claim()).isNull();
			awaitEvents(10);
			List<AdapterEvent> cancelled = events.stream().filter((e) -> e.type() == WireEvent.CANCELLED).toList();
			assertThat(events.subList(0, 3)).extracting(AdapterEvent::type)
				.containsExactly(WireEvent.WAITING, WireEvent.ACTIVE, WireEvent.RETRYING);
			assertThat(cancelled).extracting(AdapterEvent::jobId)
				.containsExactly("waiting", "prioritized", "delayed", "retrying");
			assertThat(cancelled).extracting((e) -> e.field("reason")).containsExactly("no longer needed", "", "", "");
		}

		@Test
		void flagsAnActiveJobAndTellsTheTasksCancelListeners() {
			recordEvents();
			List<String> told = new CopyOnWriteArrayList<>();
			List<String> otherTask = new CopyOnWriteArrayList<>();
			adapter.events().subscribeCancellations(TASK, told::add);
			adapter.events().subscribeCancellations("other", otherTask::add);
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			ClaimedJob claimed = claim();
			clock.advance(5);

			assertThat(adapter.jobs().cancel(TASK, "j1", "user asked", now()).join()).isEqualTo(CancelOutcome.FLAGGED);

			assertThat(told).containsExactly("j1");
			assertThat(otherTask).isEmpty();
			JobRecord record = find("j1");
			assertThat(record.state()).isEqualTo(JobState.ACTIVE);
			assertThat(record.cancelledAt()).isEqualTo(START + 5);
			assertThat(record.cancelReason()).isEqualTo("user asked");
			assertThat(adapter.jobs().extendLock(TASK, "j1", claimed.token(), LOCK_TTL).join())
				.isEqualTo(LockStatus.CANCELLED);

			clock.advance(5);
			adapter.jobs().finishCancel(TASK, "j1", claimed.token(), now()).join();

			assertThat(find("j1").state()).isEqualTo(JobState.CANCELLED);
			assertThat(find("j1").finishedOn()).isEqualTo(START + 10);
			awaitEvents(3);
			assertThat(types()).containsExactly("waiting j1", "active j1", "cancelled j1");
			assertThat(events.get(2).fields()).isEqualTo(Map.of("reason", "user asked"));
		}

		@Test
		void listenerMayCallBackIntoTheAdapterAndStopsHearingOnceClosed() {
			List<JobState> seen = new CopyOnWriteArrayList<>();
			Registration registration = adapter.events()
				.subscribeCancellations(TASK, (id) -> seen.add(adapter.inspect().state(TASK, id).join()));
			adapter.jobs().enqueue(TASK, job("a", START)).join();
			adapter.jobs().enqueue(TASK, job("b", START)).join();
			claim();
			claim();

			adapter.jobs().cancel(TASK, "a", null, now()).join();
			registration.close();
			adapter.jobs().cancel(TASK, "b", null, now()).join();

			assertThat(seen).containsExactly(JobState.ACTIVE);
		}

		@Test
		void answersNotCancellableForFinishedJobsAndNotFoundForUnknownOnes() {
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			ack(claim(), "1");

			assertThat(adapter.jobs().cancel(TASK, "j1", null, now()).join()).isEqualTo(CancelOutcome.NOT_CANCELLABLE);
			assertThat(adapter.jobs().cancel(TASK, "missing", null, now()).join()).isEqualTo(CancelOutcome.NOT_FOUND);
			assertThat(find("j1").state()).isEqualTo(JobState.COMPLETED);
		}

	}

}
