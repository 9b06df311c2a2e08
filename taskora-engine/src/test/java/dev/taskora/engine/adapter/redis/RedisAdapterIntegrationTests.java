package dev.taskora.engine.adapter.redis;

import java.util.List;
import java.util.Map;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.LockMismatchException;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.Settlement;
import io.lettuce.core.ScoredValue;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/**
 * The core transitions on a real Redis, each checked against the wire layout of
 * {@code wire-format.md} (key names and types, job hash fields, stream entries, marker).
 */
class RedisAdapterIntegrationTests extends RedisIntegrationTestSupport {

	@Nested
	class Enqueueing {

		@Test
		void enqueueWritesTheJobHashTheWaitListTheMarkerAndAWaitingEvent() {
			String task = task();
			NewJob job = NewJob.of(id(), "{\"to\":\"a@b.c\"}", 1795333893263L, 2, 0, 3, 0);
			adapter.jobs().enqueue(task, job).join();

			RedisKeys.Task k = keys(task);
			assertThat(k.job(job.id())).isEqualTo("taskora:" + prefix + ":{" + task + "}:" + job.id());
			assertThat(raw.type(k.job(job.id()))).isEqualTo("hash");
			assertThat(raw.hash(k.job(job.id())))
				.containsExactlyInAnyOrderEntriesOf(Map.of("ts", "1795333893263", "_v", "2", "attempt", "1",
						"maxAttempts", "3", "state", "waiting", "priority", "0", "data", "{\"to\":\"a@b.c\"}"));
			assertThat(raw.type(k.waitList())).isEqualTo("list");
			assertThat(raw.list(k.waitList())).containsExactly(job.id());
			assertThat(raw.type(k.marker())).isEqualTo("zset");
			assertThat(raw.commands().zrangeWithScores(k.marker(), 0, -1)).containsExactly(ScoredValue.just(0, "0"));
			assertThat(raw.type(k.events())).isEqualTo("stream");
			assertThat(eventBodies(task)).containsExactly(Map.of("event", "waiting", "jobId", job.id()));
		}

		@Test
		void enqueueWritesTheOptionalFieldsOnlyWhenGiven() {
			String task = task();
			NewJob job = new NewJob(id(), "1", now(), 1, 0, 1, 0, 4102444800000L, "tenant-7", 2, "wf-1", 3);
			adapter.jobs().enqueue(task, job).join();

			assertThat(raw.hash(keys(task).job(job.id()))).contains(entry("expireAt", "4102444800000"),
					entry("concurrencyKey", "tenant-7"), entry("concurrencyLimit", "2"), entry("_wf", "wf-1"),
					entry("_wfNode", "3"));
		}

		@Test
		void aPrioritizedJobGoesToThePrioritizedSetWithTaskorasScore() {
			String task = task();
			NewJob job = NewJob.of(id(), "1", 1795333893263L, 1, 5, 1, 0);
			adapter.jobs().enqueue(task, job).join();

			assertThat(raw.commands().llen(keys(task).waitList())).isZero();
			assertThat(raw.commands().zscore(keys(task).prioritized(), job.id())).isEqualTo(-48204666106737d);
			assertThat(raw.hash(keys(task).job(job.id()))).containsEntry("priority", "5");
		}

		@Test
		void aDelayedJobGoesToTheDelayedSetAndLowersTheMarkerToItsDueTime() {
			String task = task();
			long ts = now();
			NewJob later = NewJob.of(id(), "1", ts, 1, 0, 1, 60_000);
			NewJob sooner = NewJob.of(id(), "2", ts, 1, 0, 1, 5_000);
			adapter.jobs().enqueue(task, later).join();
			assertThat(markerScore(task)).isEqualTo(ts + 60_000d);
			adapter.jobs().enqueue(task, sooner).join();
			assertThat(markerScore(task)).isEqualTo(ts + 5_000d);
			adapter.jobs().enqueue(task, NewJob.of(id(), "3", ts, 1, 0, 1, 30_000)).join();

			RedisKeys.Task k = keys(task);
			assertThat(markerScore(task)).as("ZADD LT keeps the earlier wake-up").isEqualTo(ts + 5_000d);
			assertThat(raw.commands().zscore(k.delayed(), sooner.id())).isEqualTo(ts + 5_000d);
			assertThat(raw.hash(k.job(sooner.id()))).contains(entry("state", "delayed"), entry("delay", "5000"));
			assertThat(eventBodies(task)).extracting(e -> e.get("event")).containsOnly("delayed");
		}

		@Test
		void bulkStoresEveryJobInOrderWithOneMarkerWrite() {
			String task = task();
			NewJob first = job("1");
			NewJob second = job("2");
			NewJob delayed = NewJob.of(id(), "3", now(), 1, 0, 1, 10_000);
			NewJob urgent = NewJob.of(id(), "4", now(), 1, 9, 1, 0);
			adapter.jobs().enqueueBulk(task, List.of(first, second, delayed, urgent)).join();

			RedisKeys.Task k = keys(task);
			assertThat(raw.list(k.waitList())).containsExactly(second.id(), first.id());
			assertThat(raw.commands().zrange(k.delayed(), 0, -1)).containsExactly(delayed.id());
			assertThat(raw.commands().zrange(k.prioritized(), 0, -1)).containsExactly(urgent.id());
			assertThat(raw.hash(k.job(delayed.id()))).contains(entry("state", "delayed"), entry("delay", "10000"));
			assertThat(markerScore(task)).isZero();
			assertThat(eventBodies(task)).extracting(e -> e.get("event"))
				.containsExactly("waiting", "waiting", "delayed", "waiting");
			assertThat(adapter.jobs().claim(task, claimRequest()).join().id()).isEqualTo(urgent.id());
			assertThat(adapter.jobs().claim(task, claimRequest()).join().id()).isEqualTo(first.id());
		}

		@Test
		void aBulkOfDelayedJobsPointsTheMarkerAtTheEarliest() {
			String task = task();
			long ts = now();
			adapter.jobs()
				.enqueueBulk(task,
						List.of(NewJob.of(id(), "1", ts, 1, 0, 1, 9_000), NewJob.of(id(), "2", ts, 1, 0, 1, 4_000)))
				.join();

			assertThat(markerScore(task)).isEqualTo(ts + 4_000d);
		}

	}

	@Nested
	class Claiming {

		@Test
		void claimLocksTheJobMarksItActiveAndReturnsItsPayload() {
			String task = task();
			NewJob job = NewJob.of(id(), "{\"n\":1}", 1795333893263L, 4, 0, 1, 0);
			adapter.jobs().enqueue(task, job).join();
			ClaimRequest request = claimRequest();
			ClaimedJob claimed = adapter.jobs().claim(task, request).join();

			assertThat(claimed).isEqualTo(new ClaimedJob(job.id(), "{\"n\":1}", 4, 1, 1795333893263L, request.token()));
			RedisKeys.Task k = keys(task);
			assertThat(raw.list(k.active())).containsExactly(job.id());
			assertThat(raw.list(k.waitList())).isEmpty();
			assertThat(raw.type(k.lock(job.id()))).isEqualTo("string");
			assertThat(raw.commands().get(k.lock(job.id()))).isEqualTo(request.token());
			assertThat(raw.commands().pttl(k.lock(job.id()))).isBetween(1L, 30_000L);
			assertThat(raw.hash(k.job(job.id()))).contains(entry("state", "active"),
					entry("processedOn", Long.toString(request.now())));
			assertThat(eventBodies(task)).last().isEqualTo(Map.of("event", "active", "jobId", job.id()));
			assertThat(markerScore(task)).as("only a waiter's BZPOPMIN takes the marker").isZero();
		}

		@Test
		void claimReturnsNullWhenNothingIsWaiting() {
			assertThat(adapter.jobs().claim(task(), claimRequest()).join()).isNull();
		}

		@Test
		void higherPrioritiesAreClaimedFirstAndEqualOnesInDispatchOrder() {
			String task = task();
			long ts = now();
			NewJob plain = NewJob.of(id(), "plain", ts, 1, 0, 1, 0);
			NewJob low = NewJob.of(id(), "low", ts + 1, 1, 1, 1, 0);
			NewJob high = NewJob.of(id(), "high", ts + 2, 1, 7, 1, 0);
			NewJob highLater = NewJob.of(id(), "high-later", ts + 3, 1, 7, 1, 0);
			for (NewJob job : List.of(plain, low, high, highLater)) {
				adapter.jobs().enqueue(task, job).join();
			}

			assertThat(List.of(claim(task), claim(task), claim(task), claim(task))).extracting(ClaimedJob::data)
				.containsExactly("high", "high-later", "low", "plain");
		}

		@Test
		void claimPromotesDueDelayedJobsAndPointsTheMarkerAtTheNextOne() {
			String task = task();
			long now = now();
			NewJob due = NewJob.of(id(), "due", now - 5_000, 1, 0, 1, 1_000);
			NewJob notYet = NewJob.of(id(), "later", now, 1, 0, 1, 60_000);
			adapter.jobs().enqueue(task, due).join();
			adapter.jobs().enqueue(task, notYet).join();

			ClaimedJob claimed = adapter.jobs().claim(task, claimRequest()).join();
			assertThat(claimed.id()).isEqualTo(due.id());
			assertThat(eventBodies(task)).extracting(e -> e.get("event")).containsSubsequence("promoted", "active");
			assertThat(raw.commands().zrange(keys(task).delayed(), 0, -1)).containsExactly(notYet.id());
			assertThat(markerScore(task)).isEqualTo(now + 60_000d);
			assertThat(adapter.jobs().claim(task, claimRequest()).join()).isNull();
		}

		@Test
		void anExpiredJobIsFailedAsExpiredOrDiscarded() {
			String task = task();
			NewJob kept = new NewJob(id(), "kept", now() - 10, 1, 0, 1, 0, now() - 1, null, 0, null, 0);
			adapter.jobs().enqueue(task, kept).join();
			assertThat(adapter.jobs().claim(task, claimRequest()).join()).isNull();
			RedisKeys.Task k = keys(task);
			assertThat(raw.hash(k.job(kept.id()))).containsEntry("state", "expired").containsKey("finishedOn");
			assertThat(raw.commands().zscore(k.expired(), kept.id())).isNotNull();

			NewJob dropped = new NewJob(id(), "dropped", now() - 10, 1, 0, 1, 0, now() - 1, null, 0, null, 0);
			adapter.jobs().enqueue(task, dropped).join();
			assertThat(adapter.jobs().claim(task, new ClaimRequest(id(), 30_000, now(), true, false)).join()).isNull();
			assertThat(raw.commands().exists(k.job(dropped.id()))).isZero();
			assertThat(eventBodies(task)).filteredOn(e -> e.get("event").equals("expired"))
				.extracting(e -> e.get("jobId"))
				.containsExactly(kept.id(), dropped.id());
		}

		@Test
		void aSingletonClaimWaitsWhileAJobOfTheTaskIsActive() {
			String task = task();
			adapter.jobs().enqueue(task, job("1")).join();
			adapter.jobs().enqueue(task, job("2")).join();
			ClaimRequest singleton = new ClaimRequest(id(), 30_000, now(), false, true);
			assertThat(adapter.jobs().claim(task, singleton).join()).isNotNull();

			assertThat(adapter.jobs().claim(task, singleton).join()).isNull();
			assertThat(markerScore(task)).isEqualTo(singleton.now() + 1_000d);
		}

		@Test
		void aConcurrencyKeyLimitsActiveJobsOfTheKeyAcrossClaims() {
			String task = task();
			NewJob first = new NewJob(id(), "1", now(), 1, 0, 1, 0, 0, "tenant", 1, null, 0);
			NewJob second = new NewJob(id(), "2", now(), 1, 0, 1, 0, 0, "tenant", 1, null, 0);
			NewJob other = job("other");
			adapter.jobs().enqueueBulk(task, List.of(first, second, other)).join();

			ClaimedJob running = adapter.jobs().claim(task, claimRequest()).join();
			assertThat(running.id()).isEqualTo(first.id());
			String counter = keys(task).jobPrefix() + "conc:tenant";
			assertThat(raw.commands().get(counter)).isEqualTo("1");
			assertThat(adapter.jobs().claim(task, claimRequest()).join().id()).as("the blocked job is skipped")
				.isEqualTo(other.id());
			assertThat(adapter.jobs().claim(task, claimRequest()).join()).isNull();
			assertThat(raw.list(keys(task).waitList())).containsExactly(second.id());

			adapter.jobs().ack(task, new JobCompletion(running.id(), running.token(), "null", now()), null).join();
			assertThat(raw.commands().exists(counter)).isZero();
			assertThat(markerScore(task)).isZero();
			assertThat(adapter.jobs().claim(task, claimRequest()).join().id()).isEqualTo(second.id());
		}

	}

	@Nested
	class Settling {

		@Test
		void ackCompletesTheJobReleasesTheLockAndCountsIt() {
			String task = task();
			ClaimedJob claimed = enqueueAndClaim(task, "1");
			raw.commands().sadd(keys(task).stalled(), claimed.id());
			long now = now();
			Settlement settlement = adapter.jobs()
				.ack(task, new JobCompletion(claimed.id(), claimed.token(), "{\"ok\":true}", now), null)
				.join();

			assertThat(settlement).isEqualTo(Settlement.of(null));
			RedisKeys.Task k = keys(task);
			assertThat(raw.hash(k.job(claimed.id()))).contains(entry("state", "completed"),
					entry("finishedOn", Long.toString(now)), entry("result", "{\"ok\":true}"));
			assertThat(raw.commands().zscore(k.completed(), claimed.id())).isEqualTo((double) now);
			assertThat(raw.list(k.active())).isEmpty();
			assertThat(raw.commands().exists(k.lock(claimed.id()))).isZero();
			assertThat(raw.commands().sismember(k.stalled(), claimed.id())).as("taskora's stall bug is fixed")
				.isFalse();
			String metric = k.metrics("completed", now / 60_000 * 60_000);
			assertThat(raw.commands().get(metric)).isEqualTo("1");
			assertThat(raw.commands().ttl(metric)).isBetween(86_000L, 86_400L);
			assertThat(eventBodies(task)).last().isEqualTo(Map.of("event", "completed", "jobId", claimed.id()));
		}

		@Test
		void aVoidResultIsStoredAsJsonNull() {
			String task = task();
			ClaimedJob claimed = enqueueAndClaim(task, "1");
			adapter.jobs().ack(task, new JobCompletion(claimed.id(), claimed.token(), "null", now()), null).join();

			assertThat(raw.hash(keys(task).job(claimed.id()))).containsEntry("result", "null");
			assertThat(adapter.inspect().findJob(task, claimed.id()).join().result()).isEqualTo("null");
		}

		@Test
		void ackReportsTheWorkflowOfTheSettledJob() {
			String task = task();
			adapter.jobs().enqueue(task, new NewJob(id(), "1", now(), 1, 0, 1, 0, 0, null, 0, "wf-42", 2)).join();
			ClaimedJob claimed = adapter.jobs().claim(task, claimRequest()).join();

			Settlement settlement = adapter.jobs()
				.ack(task, new JobCompletion(claimed.id(), claimed.token(), "1", now()), null)
				.join();
			assertThat(settlement.workflowId()).isEqualTo("wf-42");
			assertThat(settlement.workflowNode()).isEqualTo(2);
		}

		@Test
		void aFusedAckClaimsTheNextJobInTheSameCall() {
			String task = task();
			ClaimedJob first = enqueueAndClaim(task, "1");
			NewJob second = job("2");
			adapter.jobs().enqueue(task, second).join();
			ClaimRequest next = claimRequest();

			Settlement settlement = adapter.jobs()
				.ack(task, new JobCompletion(first.id(), first.token(), "1", now()), next)
				.join();
			assertThat(settlement.next())
				.isEqualTo(new ClaimedJob(second.id(), "2", 1, 1, second.timestamp(), next.token()));
			assertThat(raw.list(keys(task).active())).containsExactly(second.id());
			assertThat(raw.hash(keys(task).job(first.id()))).containsEntry("state", "completed");
			assertThat(adapter.jobs()
				.ack(task, new JobCompletion(second.id(), next.token(), "2", now()), claimRequest())
				.join()
				.next()).isNull();
		}

		@Test
		void settlingWithALostLockFailsWithLockMismatchAndChangesNothing() {
			String task = task();
			ClaimedJob claimed = enqueueAndClaim(task, "1");
			Map<String, String> before = raw.hash(keys(task).job(claimed.id()));

			assertThatThrownBy(
					() -> adapter.jobs().ack(task, new JobCompletion(claimed.id(), "stolen", "1", now()), null).join())
				.hasCauseInstanceOf(LockMismatchException.class)
				.hasMessageContaining(claimed.id());
			assertThatThrownBy(() -> adapter.jobs()
				.fail(task, new JobFailure(claimed.id(), "stolen", "boom", now(), JobFailure.PERMANENT), claimRequest())
				.join()).hasCauseInstanceOf(LockMismatchException.class);
			assertThatThrownBy(() -> adapter.jobs().nack(task, claimed.id(), "stolen").join())
				.hasCauseInstanceOf(LockMismatchException.class);
			assertThatThrownBy(() -> adapter.jobs().finishCancel(task, claimed.id(), "stolen", now()).join())
				.hasCauseInstanceOf(LockMismatchException.class);
			assertThat(raw.hash(keys(task).job(claimed.id()))).isEqualTo(before);
			assertThat(raw.list(keys(task).active())).containsExactly(claimed.id());
		}

		@Test
		void aFailureWithARetryDelaySchedulesTheNextAttempt() {
			String task = task();
			ClaimedJob claimed = enqueueAndClaim(task, "1");
			raw.commands().sadd(keys(task).stalled(), claimed.id());
			raw.commands().del(keys(task).marker()); // as a waiter's BZPOPMIN would have
			long now = now();
			adapter.jobs().fail(task, new JobFailure(claimed.id(), claimed.token(), "boom", now, 2_000), null).join();

			RedisKeys.Task k = keys(task);
			assertThat(raw.hash(k.job(claimed.id()))).contains(entry("state", "retrying"), entry("error", "boom"),
					entry("attempt", "2"));
			assertThat(raw.commands().zscore(k.delayed(), claimed.id())).isEqualTo(now + 2_000d);
			assertThat(markerScore(task)).isEqualTo(now + 2_000d);
			assertThat(raw.commands().sismember(k.stalled(), claimed.id())).isFalse();
			assertThat(eventBodies(task)).last()
				.isEqualTo(Map.of("event", "retrying", "jobId", claimed.id(), "attempt", "2", "nextAttemptAt",
						Long.toString(now + 2_000)));
			assertThat(adapter.inspect().state(task, claimed.id()).join()).isEqualTo(JobState.RETRYING);
		}

		@Test
		void aPermanentFailureMovesTheJobToTheFailedSet() {
			String task = task();
			adapter.jobs().enqueue(task, new NewJob(id(), "1", now(), 1, 0, 1, 0, 0, null, 0, "wf-9", 0)).join();
			ClaimedJob claimed = adapter.jobs().claim(task, claimRequest()).join();
			long now = now();
			Settlement settlement = adapter.jobs()
				.fail(task, new JobFailure(claimed.id(), claimed.token(), "bad input", now, JobFailure.PERMANENT), null)
				.join();

			assertThat(settlement.workflowId()).isEqualTo("wf-9");
			RedisKeys.Task k = keys(task);
			assertThat(raw.hash(k.job(claimed.id()))).contains(entry("state", "failed"), entry("error", "bad input"),
					entry("finishedOn", Long.toString(now)), entry("attempt", "1"));
			assertThat(raw.commands().zscore(k.failed(), claimed.id())).isEqualTo((double) now);
			assertThat(raw.commands().get(k.metrics("failed", now / 60_000 * 60_000))).isEqualTo("1");
			assertThat(eventBodies(task)).last().isEqualTo(Map.of("event", "failed", "jobId", claimed.id()));
		}

		@Test
		void aFusedFailClaimsTheNextJob() {
			String task = task();
			ClaimedJob first = enqueueAndClaim(task, "1");
			adapter.jobs().enqueue(task, job("2")).join();
			Settlement settlement = adapter.jobs()
				.fail(task, new JobFailure(first.id(), first.token(), "boom", now(), 0), claimRequest())
				.join();

			assertThat(settlement.workflowId()).isNull();
			assertThat(settlement.next().data()).isEqualTo("2");
			assertThat(adapter.jobs().claim(task, claimRequest()).join().id()).as("a zero delay retry is due at once")
				.isEqualTo(first.id());
		}

		@Test
		void nackReturnsTheJobToWaitingWithoutUsingAnAttempt() {
			String task = task();
			ClaimedJob claimed = enqueueAndClaim(task, "1");
			adapter.jobs().nack(task, claimed.id(), claimed.token()).join();

			RedisKeys.Task k = keys(task);
			assertThat(raw.hash(k.job(claimed.id()))).contains(entry("state", "waiting"), entry("attempt", "1"));
			assertThat(raw.list(k.waitList())).containsExactly(claimed.id());
			assertThat(raw.list(k.active())).isEmpty();
			assertThat(raw.commands().exists(k.lock(claimed.id()))).isZero();
			assertThat(markerScore(task)).isZero();
			assertThat(eventBodies(task)).last().isEqualTo(Map.of("event", "waiting", "jobId", claimed.id()));
		}

	}

	private ClaimedJob claim(String task) {
		return adapter.jobs().claim(task, claimRequest()).join();
	}

}
