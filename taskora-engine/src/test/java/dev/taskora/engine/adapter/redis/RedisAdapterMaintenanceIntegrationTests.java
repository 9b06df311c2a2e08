package dev.taskora.engine.adapter.redis;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.LockStatus;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.StallSweep;
import dev.taskora.engine.job.CancelOutcome;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * Locks, cancellation, stall sweeps, retention, the DLQ, progress, logs and reads,
 * checked against the wire layout.
 */
class RedisAdapterMaintenanceIntegrationTests extends RedisIntegrationTestSupport {

	@Nested
	class Locks {

		@Test
		void extendLockRenewsTheLockAndClearsTheStallCandidate() {
			String task = task();
			ClaimedJob claimed = adapter.jobs().claim(task, claimRequestAfter(task, 1_000)).join();
			raw.commands().sadd(keys(task).stalled(), claimed.id());

			assertThat(adapter.jobs().extendLock(task, claimed.id(), claimed.token(), 60_000).join())
				.isEqualTo(LockStatus.HELD);
			assertThat(raw.commands().pttl(keys(task).lock(claimed.id()))).isGreaterThan(30_000L);
			assertThat(raw.commands().sismember(keys(task).stalled(), claimed.id())).isFalse();
		}

		@Test
		void extendLockReportsALostLock() {
			String task = task();
			ClaimedJob claimed = enqueueAndClaim(task, "1");

			assertThat(adapter.jobs().extendLock(task, claimed.id(), "someone-else", 60_000).join())
				.isEqualTo(LockStatus.LOST);
			assertThat(raw.commands().get(keys(task).lock(claimed.id()))).isEqualTo(claimed.token());
		}

		@Test
		void extendLockReportsACancelledJob() {
			String task = task();
			ClaimedJob claimed = enqueueAndClaim(task, "1");
			adapter.jobs().cancel(task, claimed.id(), null, now()).join();

			assertThat(adapter.jobs().extendLock(task, claimed.id(), claimed.token(), 60_000).join())
				.isEqualTo(LockStatus.CANCELLED);
		}

	}

	@Nested
	class Cancelling {

		@Test
		void aWaitingJobIsCancelledAtOnce() {
			String task = task();
			NewJob job = job("1");
			adapter.jobs().enqueue(task, job).join();
			long now = now();

			assertThat(adapter.jobs().cancel(task, job.id(), "not needed", now).join())
				.isEqualTo(CancelOutcome.CANCELLED);
			RedisKeys.Task k = keys(task);
			assertThat(raw.list(k.waitList())).isEmpty();
			assertThat(raw.hash(k.job(job.id()))).contains(entry("state", "cancelled"),
					entry("finishedOn", Long.toString(now)), entry("cancelReason", "not needed"));
			assertThat(raw.commands().zscore(k.cancelled(), job.id())).isEqualTo((double) now);
			assertThat(eventBodies(task)).last()
				.isEqualTo(Map.of("event", "cancelled", "jobId", job.id(), "reason", "not needed"));
		}

		@Test
		void delayedAndPrioritizedJobsLeaveTheirSets() {
			String task = task();
			NewJob delayed = job("1", 0, 60_000);
			NewJob prioritized = job("2", 3, 0);
			adapter.jobs().enqueueBulk(task, List.of(delayed, prioritized)).join();

			assertThat(adapter.jobs().cancel(task, delayed.id(), null, now()).join())
				.isEqualTo(CancelOutcome.CANCELLED);
			assertThat(adapter.jobs().cancel(task, prioritized.id(), null, now()).join())
				.isEqualTo(CancelOutcome.CANCELLED);
			assertThat(raw.commands().zcard(keys(task).delayed())).isZero();
			assertThat(raw.commands().zcard(keys(task).prioritized())).isZero();
			assertThat(raw.hash(keys(task).job(delayed.id()))).doesNotContainKey("cancelReason");
			assertThat(eventBodies(task)).last()
				.isEqualTo(Map.of("event", "cancelled", "jobId", prioritized.id(), "reason", ""));
		}

		@Test
		void anActiveJobIsFlaggedAndItsWorkerToldThenFinishedByTheWorker() {
			String task = task();
			ClaimedJob claimed = enqueueAndClaim(task, "1");
			List<String> notices = Collections.synchronizedList(new ArrayList<>());
			adapter.events().subscribeCancellations(task, notices::add);
			long now = now();

			assertThat(adapter.jobs().cancel(task, claimed.id(), "user asked", now).join())
				.isEqualTo(CancelOutcome.FLAGGED);
			RedisKeys.Task k = keys(task);
			assertThat(raw.hash(k.job(claimed.id()))).contains(entry("state", "active"),
					entry("cancelledAt", Long.toString(now)), entry("cancelReason", "user asked"));
			assertThat(raw.list(k.active())).containsExactly(claimed.id());
			await().atMost(WAIT).until(() -> notices.contains(claimed.id()));

			adapter.jobs().finishCancel(task, claimed.id(), claimed.token(), now + 5).join();
			assertThat(raw.hash(k.job(claimed.id()))).contains(entry("state", "cancelled"),
					entry("finishedOn", Long.toString(now + 5)));
			assertThat(raw.list(k.active())).isEmpty();
			assertThat(raw.commands().exists(k.lock(claimed.id()))).isZero();
			assertThat(raw.commands().zscore(k.cancelled(), claimed.id())).isNotNull();
			assertThat(eventBodies(task)).last()
				.isEqualTo(Map.of("event", "cancelled", "jobId", claimed.id(), "reason", "user asked"));
		}

		@Test
		void finishedAndUnknownJobsAreToldApart() {
			String task = task();
			ClaimedJob claimed = enqueueAndClaim(task, "1");
			adapter.jobs().ack(task, new JobCompletion(claimed.id(), claimed.token(), "1", now()), null).join();

			assertThat(adapter.jobs().cancel(task, claimed.id(), null, now()).join())
				.isEqualTo(CancelOutcome.NOT_CANCELLABLE);
			assertThat(adapter.jobs().cancel(task, id(), null, now()).join()).isEqualTo(CancelOutcome.NOT_FOUND);
		}

	}

	@Nested
	class Stalling {

		@Test
		void aJobWhoseLockExpiredIsRecoveredOnTheSecondSweepAndFailedWhenItStallsAgain() {
			String task = task();
			adapter.jobs().enqueue(task, job("1")).join();
			ClaimedJob claimed = adapter.jobs().claim(task, claimRequest(50)).join();
			RedisKeys.Task k = keys(task);

			assertThat(adapter.maintenance().checkStalled(task, 1, now()).join()).isEqualTo(StallSweep.NONE);
			assertThat(raw.commands().smembers(k.stalled())).containsExactly(claimed.id());
			awaitLockExpiry(task, claimed.id());
			assertThat(adapter.maintenance().checkStalled(task, 1, now()).join())
				.isEqualTo(new StallSweep(List.of(claimed.id()), List.of()));
			assertThat(raw.hash(k.job(claimed.id()))).contains(entry("state", "waiting"), entry("stalledCount", "1"));
			assertThat(raw.list(k.waitList())).containsExactly(claimed.id());
			assertThat(eventBodies(task)).last()
				.isEqualTo(Map.of("event", "stalled", "jobId", claimed.id(), "count", "1", "action", "recovered"));

			ClaimedJob again = adapter.jobs().claim(task, claimRequest(50)).join();
			adapter.maintenance().checkStalled(task, 1, now()).join();
			awaitLockExpiry(task, again.id());
			assertThat(adapter.maintenance().checkStalled(task, 1, now()).join())
				.isEqualTo(new StallSweep(List.of(), List.of(again.id())));
			assertThat(raw.hash(k.job(again.id()))).contains(entry("state", "failed"), entry("stalledCount", "2"),
					entry("error", "Job stalled and exceeded max stalled count"));
			assertThat(raw.commands().zscore(k.failed(), again.id())).isNotNull();
			assertThat(eventBodies(task)).extracting(e -> e.get("event")).endsWith("stalled", "failed");
			assertThat(raw.commands().smembers(k.stalled())).isEmpty();
		}

		@Test
		void aFlaggedJobWhoseWorkerDiedEndsCancelled() {
			String task = task();
			adapter.jobs().enqueue(task, job("1")).join();
			ClaimedJob claimed = adapter.jobs().claim(task, claimRequest(50)).join();
			adapter.jobs().cancel(task, claimed.id(), "stop", now()).join();
			adapter.maintenance().checkStalled(task, 1, now()).join();
			awaitLockExpiry(task, claimed.id());

			assertThat(adapter.maintenance().checkStalled(task, 1, now()).join()).isEqualTo(StallSweep.NONE);
			assertThat(raw.hash(keys(task).job(claimed.id()))).containsEntry("state", "cancelled");
			assertThat(eventBodies(task)).last()
				.isEqualTo(Map.of("event", "cancelled", "jobId", claimed.id(), "reason", "stop"));
		}

		@Test
		void aCandidateThatFinishedMeanwhileIsNotRunAgain() {
			String task = task();
			ClaimedJob claimed = enqueueAndClaim(task, "1");
			adapter.maintenance().checkStalled(task, 1, now()).join();
			adapter.jobs().ack(task, new JobCompletion(claimed.id(), claimed.token(), "1", now()), null).join();
			// what a Node worker's ack leaves behind: the id stays a candidate
			raw.commands().sadd(keys(task).stalled(), claimed.id());

			assertThat(adapter.maintenance().checkStalled(task, 1, now()).join()).isEqualTo(StallSweep.NONE);
			assertThat(raw.hash(keys(task).job(claimed.id()))).containsEntry("state", "completed");
			assertThat(raw.list(keys(task).waitList())).isEmpty();
			assertThat(raw.commands().smembers(keys(task).stalled())).isEmpty();
		}

		private void awaitLockExpiry(String task, String jobId) {
			await().atMost(WAIT).until(() -> raw.commands().exists(keys(task).lock(jobId)) == 0);
		}

	}

	@Nested
	class Retention {

		@Test
		void trimDeletesJobsFinishedBeforeTheCutoffWithTheirLogs() {
			String task = task();
			ClaimedJob old = enqueueAndClaim(task, "old");
			adapter.jobs().appendLog(task, old.id(), "{\"level\":\"info\",\"message\":\"m\",\"timestamp\":1}").join();
			adapter.jobs().ack(task, new JobCompletion(old.id(), old.token(), "1", 1_000), null).join();
			ClaimedJob recent = enqueueAndClaim(task, "recent");
			adapter.jobs().ack(task, new JobCompletion(recent.id(), recent.token(), "2", now()), null).join();

			assertThat(adapter.maintenance().trim(task, JobState.COMPLETED, 2_000, 0).join()).isEqualTo(1);
			RedisKeys.Task k = keys(task);
			assertThat(raw.commands().exists(k.job(old.id()), k.logs(old.id()))).isZero();
			assertThat(raw.commands().zrange(k.completed(), 0, -1)).containsExactly(recent.id());
		}

		@Test
		void trimKeepsTheNewestMaxItemsAtMostAHundredPerCall() {
			String task = task();
			RedisKeys.Task k = keys(task);
			for (int i = 0; i < 130; i++) {
				raw.commands().zadd(k.failed(), i, "job-" + i);
				raw.commands().hset(k.job("job-" + i), "state", "failed");
			}

			assertThat(adapter.maintenance().trim(task, JobState.FAILED, 0, 10).join()).isEqualTo(100);
			assertThat(adapter.maintenance().trim(task, JobState.FAILED, 0, 10).join()).isEqualTo(20);
			assertThat(raw.commands().zrange(k.failed(), 0, 0)).containsExactly("job-120");
			assertThat(raw.commands().exists(k.job("job-119"))).isZero();
			assertThat(raw.commands().exists(k.job("job-120"))).isOne();
		}

		@Test
		void retryFailedPutsTheJobBackWithItsAttemptsReset() {
			String task = task();
			ClaimedJob claimed = enqueueAndClaim(task, "1");
			adapter.jobs()
				.fail(task, new JobFailure(claimed.id(), claimed.token(), "boom", now(), JobFailure.PERMANENT), null)
				.join();
			long now = now() + 10;

			assertThat(adapter.maintenance().retryFailed(task, claimed.id(), now).join()).isTrue();
			RedisKeys.Task k = keys(task);
			assertThat(raw.hash(k.job(claimed.id())))
				.contains(entry("state", "waiting"), entry("attempt", "1"), entry("ts", Long.toString(now)))
				.doesNotContainKeys("error", "finishedOn", "result");
			assertThat(raw.list(k.waitList())).containsExactly(claimed.id());
			assertThat(raw.commands().zcard(k.failed())).isZero();
			assertThat(eventBodies(task)).last().isEqualTo(Map.of("event", "waiting", "jobId", claimed.id()));
			assertThat(adapter.maintenance().retryFailed(task, claimed.id(), now).join()).isFalse();
		}

	}

	@Nested
	class ProgressAndLogs {

		@Test
		void progressIsStoredOnTheHashAndAnnounced() {
			String task = task();
			ClaimedJob claimed = enqueueAndClaim(task, "1");
			adapter.jobs().setProgress(task, claimed.id(), "42").join();
			adapter.jobs().setProgress(task, claimed.id(), "{\"step\":2}").join();

			assertThat(raw.hash(keys(task).job(claimed.id()))).containsEntry("progress", "{\"step\":2}");
			assertThat(eventBodies(task)).filteredOn(e -> e.get("event").equals("progress"))
				.extracting(e -> e.get("value"))
				.containsExactly("42", "{\"step\":2}");
			assertThat(adapter.inspect().findJob(task, claimed.id()).join().progress()).isEqualTo("{\"step\":2}");
		}

		@Test
		void logsAreAppendedInOrderAndCappedAtTenThousand() {
			String task = task();
			ClaimedJob claimed = enqueueAndClaim(task, "1");
			String logs = keys(task).logs(claimed.id());
			raw.commands().rpush(logs, Collections.nCopies(10_000, "{\"old\":true}").toArray(String[]::new));
			adapter.jobs()
				.appendLog(task, claimed.id(), "{\"level\":\"info\",\"message\":\"last\",\"timestamp\":2}")
				.join();

			assertThat(raw.type(logs)).isEqualTo("list");
			assertThat(raw.commands().llen(logs)).isEqualTo(10_000);
			List<String> read = adapter.inspect().logs(task, claimed.id()).join();
			assertThat(read).hasSize(10_000)
				.last()
				.isEqualTo("{\"level\":\"info\",\"message\":\"last\",\"timestamp\":2}");
		}

	}

	@Nested
	class Reading {

		@Test
		void findJobReadsEveryFieldOfTheHash() {
			String task = task();
			long ts = now() - 100;
			NewJob job = new NewJob(id(), "{\"x\":1}", ts, 3, 2, 5, 0, ts + 3_600_000, null, 0, null, 0);
			adapter.jobs().enqueue(task, job).join();
			ClaimedJob claimed = adapter.jobs().claim(task, claimRequest()).join();
			adapter.jobs()
				.fail(task, new JobFailure(claimed.id(), claimed.token(), "boom", now(), JobFailure.PERMANENT), null)
				.join();

			JobRecord record = adapter.inspect().findJob(task, job.id()).join();
			assertThat(record.id()).isEqualTo(job.id());
			assertThat(record.task()).isEqualTo(task);
			assertThat(record.state()).isEqualTo(JobState.FAILED);
			assertThat(record.data()).isEqualTo("{\"x\":1}");
			assertThat(record.result()).isNull();
			assertThat(record.error()).isEqualTo("boom");
			assertThat(record.attempt()).isEqualTo(1);
			assertThat(record.maxAttempts()).isEqualTo(5);
			assertThat(record.version()).isEqualTo(3);
			assertThat(record.priority()).isEqualTo(2);
			assertThat(record.timestamp()).isEqualTo(ts);
			assertThat(record.processedOn()).isPositive();
			assertThat(record.finishedOn()).isGreaterThanOrEqualTo(record.processedOn());
			assertThat(record.expireAt()).isEqualTo(ts + 3_600_000);
			assertThat(adapter.inspect().findJob(task, id()).join()).isNull();
		}

		@Test
		void stateReadsTheStateFieldOnly() {
			String task = task();
			NewJob job = job("1", 0, 60_000);
			adapter.jobs().enqueue(task, job).join();

			assertThat(adapter.inspect().state(task, job.id()).join()).isEqualTo(JobState.DELAYED);
			assertThat(adapter.inspect().state(task, id()).join()).isNull();
		}

		@Test
		void countByStateCountsEveryLane() {
			String task = task();
			adapter.jobs()
				.enqueueBulk(task, List.of(job("a"), job("b", 4, 0), job("c", 0, 60_000), job("d"), job("e")))
				.join();
			ClaimedJob done = adapter.jobs().claim(task, claimRequest()).join();
			adapter.jobs().ack(task, new JobCompletion(done.id(), done.token(), "1", now()), null).join();
			ClaimedJob retried = adapter.jobs().claim(task, claimRequest()).join();
			adapter.jobs().fail(task, new JobFailure(retried.id(), retried.token(), "x", now(), 60_000), null).join();
			adapter.jobs().claim(task, claimRequest()).join();

			Map<JobState, Long> counts = adapter.inspect().countByState(task).join();
			assertThat(counts).containsOnlyKeys(JobState.values());
			assertThat(counts).contains(entry(JobState.WAITING, 1L), entry(JobState.ACTIVE, 1L),
					entry(JobState.DELAYED, 2L), entry(JobState.RETRYING, 0L), entry(JobState.COMPLETED, 1L),
					entry(JobState.FAILED, 0L), entry(JobState.CANCELLED, 0L), entry(JobState.EXPIRED, 0L));
		}

		@Test
		void nextDelayedAtIsTheEarliestDueTime() {
			String task = task();
			assertThat(adapter.inspect().nextDelayedAt(task).join()).isNull();
			long ts = now();
			adapter.jobs()
				.enqueueBulk(task,
						List.of(NewJob.of(id(), "1", ts, 1, 0, 1, 9_000), NewJob.of(id(), "2", ts, 1, 0, 1, 3_000)))
				.join();

			assertThat(adapter.inspect().nextDelayedAt(task).join()).isEqualTo(ts + 3_000);
		}

	}

	private ClaimRequest claimRequestAfter(String task, long lockTtlMs) {
		adapter.jobs().enqueue(task, job("1")).join();
		return claimRequest(lockTtlMs);
	}

}
