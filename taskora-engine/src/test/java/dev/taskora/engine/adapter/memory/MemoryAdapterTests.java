package dev.taskora.engine.adapter.memory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.EventSubscription;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.LockMismatchException;
import dev.taskora.engine.adapter.LockStatus;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.Settlement;
import dev.taskora.engine.adapter.StallSweep;
import dev.taskora.engine.adapter.WireEvent;
import dev.taskora.engine.adapter.WorkWaiter;
import dev.taskora.engine.event.Registration;
import dev.taskora.engine.job.CancelOutcome;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

class MemoryAdapterTests {

	private static final String TASK = "send-email";

	private static final long START = 1_700_000_000_000L;

	private static final long LOCK_TTL = 30_000;

	private final TestClock clock = new TestClock(START);

	private final MemoryAdapter adapter = MemoryAdapter.create(this.clock);

	private final List<AdapterEvent> events = new CopyOnWriteArrayList<>();

	private final AtomicInteger tokens = new AtomicInteger();

	@AfterEach
	void disconnect() {
		this.adapter.disconnect().join();
	}

	@Nested
	class Enqueue {

		@Test
		void storesImmediateJobAsWaitingWithEveryField() {
			NewJob job = new NewJob("j1", "{\"to\":\"a@b.c\"}", START, 2, 0, 3, 0, START + 60_000, "tenant-1", 4,
					null, 0);
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
			adapter.jobs().enqueueBulk(TASK, List.of(job("a", START), NewJob.of("b", "2", START, 1, 0, 1, 1_000),
					job("c", START + 1))).join();

			assertThat(counts()).contains(entry(JobState.WAITING, 2L), entry(JobState.DELAYED, 1L));
			awaitEvents(3);
			assertThat(types()).containsExactly("waiting a", "delayed b", "waiting c");
			assertThat(claim().id()).isEqualTo("a");
			assertThat(claim().id()).isEqualTo("c");
		}

		@Test
		void rejectsBulkWithDuplicateIdAndStoresNothing() {
			adapter.jobs().enqueue(TASK, job("a", START)).join();

			CompletableFuture<Void> bulk = adapter.jobs().enqueueBulk(TASK, List.of(job("b", START), job("a", START)));

			assertThatThrownBy(bulk::join).hasCauseInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("'a'");
			assertThat(adapter.inspect().findJob(TASK, "b").join()).isNull();
			assertThat(counts()).containsEntry(JobState.WAITING, 1L);
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

			// Priority-0 jobs live in a FIFO list: enqueue order counts there, not the timestamp.
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
			assertThat(adapter.jobs().extendLock(TASK, "j1", request.token(), LOCK_TTL).join()).isEqualTo(LockStatus.HELD);
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
	class Settling {

		@Test
		void ackCompletesTheJobAndStoresTheResult() {
			recordEvents();
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			ClaimedJob claimed = claim();
			clock.advance(250);

			Settlement settlement = adapter.jobs().ack(TASK, new JobCompletion("j1", claimed.token(), "{\"ok\":true}", now()),
					null).join();

			assertThat(settlement).isEqualTo(new Settlement(null, -1, null));
			JobRecord record = find("j1");
			assertThat(record.state()).isEqualTo(JobState.COMPLETED);
			assertThat(record.result()).isEqualTo("{\"ok\":true}");
			assertThat(record.finishedOn()).isEqualTo(START + 250);
			assertThat(adapter.jobs().extendLock(TASK, "j1", claimed.token(), LOCK_TTL).join()).isEqualTo(LockStatus.LOST);
			awaitEvents(3);
			assertThat(types()).containsExactly("waiting j1", "active j1", "completed j1");
		}

		@Test
		void ackWithANextRequestClaimsTheFollowingJobInTheSameTransition() {
			adapter.jobs().enqueue(TASK, job("a", START)).join();
			adapter.jobs().enqueue(TASK, job("b", START)).join();
			ClaimedJob a = claim();

			ClaimRequest next = request();
			Settlement settlement = adapter.jobs().ack(TASK, new JobCompletion("a", a.token(), "1", now()), next).join();

			assertThat(settlement.next()).isNotNull();
			assertThat(settlement.next().id()).isEqualTo("b");
			assertThat(settlement.next().token()).isEqualTo(next.token());
			assertThat(find("b").state()).isEqualTo(JobState.ACTIVE);
		}

		@Test
		void ackReportsTheWorkflowOfTheSettledJob() {
			adapter.jobs().enqueue(TASK, new NewJob("j1", "1", START, 1, 0, 1, 0, 0, null, 0, "wf-1", 2)).join();
			ClaimedJob claimed = claim();

			Settlement settlement = adapter.jobs().ack(TASK, new JobCompletion("j1", claimed.token(), "1", now()), null)
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

			Settlement settlement = adapter.jobs().fail(TASK, new JobFailure("a", a.token(), "x", now(), 0), request())
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

			assertThat(adapter.jobs().extendLock(TASK, "j1", claimed.token(), LOCK_TTL).join()).isEqualTo(LockStatus.HELD);
			assertThat(adapter.jobs().extendLock(TASK, "j1", "other", LOCK_TTL).join()).isEqualTo(LockStatus.LOST);
			clock.advance(LOCK_TTL - 1);
			assertThat(adapter.jobs().extendLock(TASK, "j1", claimed.token(), LOCK_TTL).join()).isEqualTo(LockStatus.HELD);
			clock.advance(LOCK_TTL);
			assertThat(adapter.jobs().extendLock(TASK, "j1", claimed.token(), LOCK_TTL).join()).isEqualTo(LockStatus.LOST);
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
			assertThat(adapter.jobs().cancel(TASK, "prioritized", null, now()).join()).isEqualTo(CancelOutcome.CANCELLED);
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
			Registration registration = adapter.events().subscribeCancellations(TASK,
					(id) -> seen.add(adapter.inspect().state(TASK, id).join()));
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
			adapter.jobs().enqueue(TASK, new NewJob("late", "1", START, 1, 0, 1, 2_000, START + 1_000, null, 0, null, 0))
				.join();
			clock.advance(2_000);

			assertThat(claim()).isNull();

			assertThat(find("late").state()).isEqualTo(JobState.EXPIRED);
			awaitEvents(2);
			assertThat(types()).containsExactly("delayed late", "expired late");
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
			assertThatIllegalArgumentException().isThrownBy(() -> adapter.maintenance().trim(TASK, JobState.WAITING, now(), 0));
		}

		@Test
		void sharesOneBatchBetweenTheAgeAndTheCountRule() {
			for (int i = 0; i < 150; i++) {
				adapter.jobs().enqueue(TASK, job("j" + i, START)).join();
				ack(claim(), "1");
				clock.advance(1);
			}

			// 120 are past the cutoff and 140 beyond the cap of 10: 100 go now, the other 40 next time.
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

	@Nested
	class Reads {

		@Test
		void storesProgressAsGivenAndEmitsIt() {
			recordEvents();
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			claim();

			adapter.jobs().setProgress(TASK, "j1", "42").join();
			adapter.jobs().setProgress(TASK, "j1", "{\"step\":2}").join();

			assertThat(find("j1").progress()).isEqualTo("{\"step\":2}");
			awaitEvents(4);
			assertThat(events.subList(2, 4)).extracting((e) -> e.field("value")).containsExactly("42", "{\"step\":2}");
			assertThat(types()).containsExactly("waiting j1", "active j1", "progress j1", "progress j1");
		}

		@Test
		void keepsTheNewestTenThousandLogEntries() {
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			for (int i = 0; i < 10_005; i++) {
				adapter.jobs().appendLog(TASK, "j1", "{\"message\":\"" + i + "\"}").join();
			}

			List<String> logs = adapter.inspect().logs(TASK, "j1").join();

			assertThat(logs).hasSize(10_000);
			assertThat(logs.get(0)).isEqualTo("{\"message\":\"5\"}");
			assertThat(logs.get(9_999)).isEqualTo("{\"message\":\"10004\"}");
			assertThat(adapter.inspect().logs(TASK, "missing").join()).isEmpty();
		}

		@Test
		void countsEveryState() {
			assertThat(adapter.inspect().countByState("unknown").join()).hasSize(JobState.values().length)
				.allSatisfy((state, count) -> assertThat(count).isZero());

			// The first claim reaches the expired job before it takes "active".
			adapter.jobs().enqueue(TASK, withTtl("expired", START, START)).join();
			adapter.jobs().enqueue(TASK, job("active", START)).join();
			adapter.jobs().enqueue(TASK, job("failed", START)).join();
			adapter.jobs().enqueue(TASK, job("completed", START)).join();
			adapter.jobs().enqueue(TASK, job("retrying", START)).join();
			adapter.jobs().enqueue(TASK, NewJob.of("delayed", "1", START, 1, 0, 1, 1_000)).join();
			adapter.jobs().enqueue(TASK, NewJob.of("cancelled", "1", START, 1, 0, 1, 1_000)).join();
			adapter.jobs().cancel(TASK, "cancelled", null, now()).join();
			claim();
			fail(claim(), "x", JobFailure.PERMANENT);
			ack(claim(), "1");
			fail(claim(), "x", 5_000);
			adapter.jobs().enqueue(TASK, job("waiting", START)).join();
			adapter.jobs().enqueue(TASK, prioritized("waiting-p", START, 2)).join();

			assertThat(counts()).containsExactlyInAnyOrderEntriesOf(Map.of(JobState.WAITING, 2L, JobState.ACTIVE, 1L,
					JobState.DELAYED, 2L, JobState.COMPLETED, 1L, JobState.FAILED, 1L, JobState.RETRYING, 0L,
					JobState.CANCELLED, 1L, JobState.EXPIRED, 1L));
		}

		@Test
		void nextDelayedAtIsTheEarliestDelayedOrRetryingJob() {
			assertThat(adapter.inspect().nextDelayedAt(TASK).join()).isNull();
			adapter.jobs().enqueue(TASK, NewJob.of("later", "1", START, 1, 0, 1, 9_000)).join();
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			fail(claim(), "x", 3_000);

			assertThat(adapter.inspect().nextDelayedAt(TASK).join()).isEqualTo(START + 3_000);
		}

		@Test
		void listsEveryStoredJobAndClearsThemAll() {
			adapter.jobs().enqueue(TASK, job("a", START)).join();
			adapter.jobs().enqueue("other", job("b", START)).join();
			assertThat(adapter.storedJobs()).extracting(JobRecord::id).containsExactlyInAnyOrder("a", "b");

			adapter.clear();

			assertThat(adapter.storedJobs()).isEmpty();
			assertThat(claim()).isNull();
			assertThat(counts().values()).allMatch((count) -> count == 0);
		}

	}

	@Nested
	class Waiting {

		@Test
		void waiterWakesWhenAJobIsEnqueued() throws Exception {
			WorkWaiter waiter = adapter.events().workWaiter(TASK);
			BlockedWait wait = BlockedWait.start(waiter, Duration.ofMinutes(1));

			adapter.jobs().enqueue(TASK, job("j1", START)).join();

			wait.assertReturnsWithin(Duration.ofSeconds(5));
			assertThat(claim().id()).isEqualTo("j1");
		}

		@Test
		void waiterReturnsAtOnceWhileWorkIsClaimable() throws Exception {
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			WorkWaiter waiter = adapter.events().workWaiter(TASK);

			assertReturnsQuickly(() -> waiter.await(Duration.ofMinutes(1)));
		}

		@Test
		void waiterWakesWhenTheAdapterIsWokenAfterTheClockMoved() throws Exception {
			adapter.jobs().enqueue(TASK, NewJob.of("j1", "1", START, 1, 0, 1, 60_000)).join();
			WorkWaiter waiter = adapter.events().workWaiter(TASK);
			BlockedWait wait = BlockedWait.start(waiter, Duration.ofMinutes(1));

			clock.advance(60_000);
			adapter.wakeUp();

			wait.assertReturnsWithin(Duration.ofSeconds(5));
			assertThat(claim().id()).isEqualTo("j1");
		}

		@Test
		void waiterWakesWhenADelayedJobFallsDueOnTheSystemClock() throws Exception {
			MemoryAdapter systemAdapter = MemoryAdapter.create();
			long now = systemAdapter.clock().millis();
			systemAdapter.jobs().enqueue(TASK, NewJob.of("j1", "1", now, 1, 0, 1, 200)).join();
			WorkWaiter waiter = systemAdapter.events().workWaiter(TASK);

			long started = System.nanoTime();
			waiter.await(Duration.ofMinutes(1));

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
			assertThat(systemAdapter.clock().millis()).isGreaterThanOrEqualTo(now + 200);
		}

		@Test
		void waiterWakesWhenItsOwnWakeUpIsCalledOrItIsClosed() throws Exception {
			WorkWaiter waiter = adapter.events().workWaiter(TASK);
			BlockedWait wait = BlockedWait.start(waiter, Duration.ofMinutes(1));

			waiter.wakeUp();
			wait.assertReturnsWithin(Duration.ofSeconds(5));

			waiter.wakeUp();
			assertReturnsQuickly(() -> waiter.await(Duration.ofMinutes(1)));

			BlockedWait closing = BlockedWait.start(waiter, Duration.ofMinutes(1));
			waiter.close();
			closing.assertReturnsWithin(Duration.ofSeconds(5));
		}

		@Test
		void waiterWakesWhenAConcurrencySlotIsReleased() throws Exception {
			adapter.jobs().enqueue(TASK, keyed("a", START, "tenant", 1)).join();
			adapter.jobs().enqueue(TASK, keyed("b", START + 1, "tenant", 1)).join();
			ClaimedJob a = claim();
			assertThat(claim()).isNull();
			WorkWaiter waiter = adapter.events().workWaiter(TASK);
			BlockedWait wait = BlockedWait.start(waiter, Duration.ofMinutes(1));

			ack(a, "1");

			wait.assertReturnsWithin(Duration.ofSeconds(5));
			assertThat(claim().id()).isEqualTo("b");
		}

		@Test
		void waiterLooksAgainSoonAfterAClaimRanOutOfCandidates() throws Exception {
			MemoryAdapter systemAdapter = MemoryAdapter.create();
			long now = systemAdapter.clock().millis();
			for (int i = 0; i < 150; i++) {
				systemAdapter.jobs().enqueue(TASK, keyed("k" + i, now, "tenant", 1)).join();
			}
			ClaimRequest request = new ClaimRequest("t1", LOCK_TTL, now, false, false);
			assertThat(systemAdapter.jobs().claim(TASK, request).join()).isNotNull();
			assertThat(systemAdapter.jobs().claim(TASK, new ClaimRequest("t2", LOCK_TTL, now, false, false)).join()).isNull();
			WorkWaiter waiter = systemAdapter.events().workWaiter(TASK);

			long started = System.nanoTime();
			waiter.await(Duration.ofMinutes(1));

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
			assertThat(systemAdapter.clock().millis()).isGreaterThanOrEqualTo(now + MemoryClaimer.RECHECK_MS);
		}

		@Test
		void waiterKeepsWaitingWhileTheOnlyJobIsHeldBackByItsConcurrencyKey() throws Exception {
			adapter.jobs().enqueue(TASK, keyed("a", START, "tenant", 1)).join();
			adapter.jobs().enqueue(TASK, keyed("b", START + 1, "tenant", 1)).join();
			claim();
			assertThat(claim()).isNull();
			WorkWaiter waiter = adapter.events().workWaiter(TASK);

			long started = System.nanoTime();
			waiter.await(Duration.ofMillis(300));

			assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
		}

	}

	@Nested
	class Events {

		@Test
		void deliversEventsOfWatchedTasksOnlyInOrderOnTheEventThread() {
			List<String> threads = new CopyOnWriteArrayList<>();
			EventSubscription subscription = adapter.events().subscribe((event) -> {
				threads.add(Thread.currentThread().getName());
				events.add(event);
			});
			adapter.jobs().enqueue(TASK, job("before-watch", START)).join();
			subscription.watch(TASK).join();
			subscription.watch("flush").join();

			adapter.jobs().enqueue("unwatched", job("x", START)).join();
			for (int i = 0; i < 50; i++) {
				adapter.jobs().enqueue(TASK, job("j" + i, START)).join();
			}
			adapter.jobs().enqueue("flush", job("flush", START)).join();

			await().atMost(Duration.ofSeconds(5))
				.until(() -> events.stream().anyMatch((event) -> event.task().equals("flush")));
			assertThat(events).hasSize(51);
			assertThat(events.subList(0, 50)).extracting(AdapterEvent::jobId)
				.containsExactlyElementsOf(java.util.stream.IntStream.range(0, 50).mapToObj((i) -> "j" + i).toList());
			assertThat(threads).containsOnly("taskora-memory-events");
		}

		@Test
		void listenersMayCallBackIntoTheAdapter() {
			List<JobState> states = new CopyOnWriteArrayList<>();
			EventSubscription subscription = adapter.events().subscribe(
					(event) -> states.add(adapter.inspect().state(event.task(), event.jobId()).join()));
			subscription.watch(TASK).join();

			adapter.jobs().enqueue(TASK, job("j1", START)).join();

			await().atMost(Duration.ofSeconds(5)).until(() -> !states.isEmpty());
			assertThat(states).containsExactly(JobState.WAITING);
		}

		@Test
		void closedSubscriptionHearsNothingMore() {
			List<AdapterEvent> first = new CopyOnWriteArrayList<>();
			EventSubscription closed = adapter.events().subscribe(first::add);
			closed.watch(TASK).join();
			closed.close();
			recordEvents();

			adapter.jobs().enqueue(TASK, job("j1", START)).join();

			awaitEvents(1);
			assertThat(first).isEmpty();
		}

		@Test
		void disconnectStopsTheEventThreadAndASubscribeAfterConnectStartsANewOne() {
			recordEvents();
			adapter.jobs().enqueue(TASK, job("j1", START)).join();
			awaitEvents(1);

			adapter.disconnect().join();
			await().atMost(Duration.ofSeconds(5)).until(() -> eventThreads() == 0);

			adapter.connect().join();
			recordEvents();
			adapter.jobs().enqueue(TASK, job("j2", START)).join();
			awaitEvents(2);
			assertThat(events).extracting(AdapterEvent::jobId).containsExactly("j1", "j2");
		}

		private long eventThreads() {
			return Thread.getAllStackTraces()
				.keySet()
				.stream()
				.filter((thread) -> thread.getName().equals("taskora-memory-events") && thread.isAlive())
				.count();
		}

	}

	// ---- helpers

	private long now() {
		return this.clock.millis();
	}

	private ClaimRequest request() {
		return new ClaimRequest("token-" + this.tokens.incrementAndGet(), LOCK_TTL, now(), false, false);
	}

	private ClaimRequest singleton() {
		return new ClaimRequest("token-" + this.tokens.incrementAndGet(), LOCK_TTL, now(), false, true);
	}

	private @Nullable ClaimedJob claim() {
		return this.adapter.jobs().claim(TASK, request()).join();
	}

	private void ack(ClaimedJob job, String result) {
		this.adapter.jobs().ack(TASK, new JobCompletion(job.id(), job.token(), result, now()), null).join();
	}

	private Settlement fail(ClaimedJob job, String error, long retryDelayMs) {
		return this.adapter.jobs().fail(TASK, new JobFailure(job.id(), job.token(), error, now(), retryDelayMs), null).join();
	}

	private JobRecord find(String id) {
		JobRecord record = this.adapter.inspect().findJob(TASK, id).join();
		assertThat(record).as("job %s", id).isNotNull();
		return record;
	}

	private Map<JobState, Long> counts() {
		return this.adapter.inspect().countByState(TASK).join();
	}

	private void recordEvents() {
		this.adapter.events().subscribe(this.events::add).watch(TASK).join();
	}

	private void awaitEvents(int count) {
		await().atMost(Duration.ofSeconds(5)).until(() -> this.events.size() >= count);
	}

	/** Every recorded event as "type jobId". */
	private List<String> types() {
		return this.events.stream().map((event) -> event.type().wireName() + " " + event.jobId()).toList();
	}

	private static NewJob job(String id, long timestamp) {
		return NewJob.of(id, "{\"id\":\"" + id + "\"}", timestamp, 1, 0, 1, 0);
	}

	private static NewJob prioritized(String id, long timestamp, int priority) {
		return NewJob.of(id, "{}", timestamp, 1, priority, 1, 0);
	}

	private static NewJob keyed(String id, long timestamp, String key, int limit) {
		return new NewJob(id, "{}", timestamp, 1, 0, 1, 0, 0, key, limit, null, 0);
	}

	private static NewJob withTtl(String id, long timestamp, long expireAt) {
		return new NewJob(id, "{}", timestamp, 1, 0, 1, 0, expireAt, null, 0, null, 0);
	}

	private static void assertLockMismatch(CompletableFuture<?> future) {
		assertThat(future).isCompletedExceptionally();
		assertThatThrownBy(future::join).isInstanceOf(CompletionException.class)
			.hasCauseInstanceOf(LockMismatchException.class);
	}

	private static void assertReturnsQuickly(Awaiting body) throws Exception {
		long started = System.nanoTime();
		body.run();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
	}

	@FunctionalInterface
	private interface Awaiting {

		void run() throws Exception;

	}

	/** An {@code await} running on its own thread, observed to be parked before the test goes on. */
	private static final class BlockedWait {

		private final Thread thread;

		private final CompletableFuture<Void> done = new CompletableFuture<>();

		private BlockedWait(WorkWaiter waiter, Duration max) {
			this.thread = new Thread(() -> {
				try {
					waiter.await(max);
					this.done.complete(null);
				}
				catch (Throwable ex) {
					this.done.completeExceptionally(ex);
				}
			}, "test-waiter");
			this.thread.setDaemon(true);
		}

		static BlockedWait start(WorkWaiter waiter, Duration max) {
			BlockedWait wait = new BlockedWait(waiter, max);
			wait.thread.start();
			Supplier<Thread.State> state = wait.thread::getState;
			await().atMost(Duration.ofSeconds(5)).until(() -> state.get() == Thread.State.TIMED_WAITING);
			assertThat(wait.done).isNotDone();
			return wait;
		}

		void assertReturnsWithin(Duration timeout) throws Exception {
			this.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}

	}

	/** A clock the test moves by hand. */
	private static final class TestClock extends Clock {

		private final AtomicLong millis;

		TestClock(long start) {
			this.millis = new AtomicLong(start);
		}

		void advance(long delta) {
			this.millis.addAndGet(delta);
		}

		@Override
		public long millis() {
			return this.millis.get();
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(millis());
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException("a test clock has one zone");
		}

	}

}
