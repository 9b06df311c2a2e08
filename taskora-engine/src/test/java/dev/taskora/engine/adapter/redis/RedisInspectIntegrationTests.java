package dev.taskora.engine.adapter.redis;

import java.util.List;
import java.util.Map;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobDetails;
import dev.taskora.engine.adapter.JobFailure;
import dev.taskora.engine.adapter.MinuteCounts;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.VersionCounts;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The inspector's and the dead letters' reads and writes against taskora's wire layout:
 * the per-minute counters Node and Java both write, cleaning and retrying as keys and
 * events, and jobs written by a Node process read back.
 */
class RedisInspectIntegrationTests extends RedisIntegrationTestSupport {

	@Test
	void throughputReadsTaskorasPerMinuteCountersWhichLiveForADay() {
		String task = task();
		ClaimedJob claimed = enqueueAndClaim(task, "1");
		long now = now();
		this.adapter.jobs().ack(task, new JobCompletion(claimed.id(), claimed.token(), "2", now), null).join();
		long minute = MinuteCounts.bucketOf(now);
		RedisKeys.Task k = keys(task);

		assertThat(raw.commands().get(k.metrics("completed", minute))).isEqualTo("1");
		assertThat(k.metrics("completed", minute))
			.isEqualTo("taskora:" + this.prefix + ":{" + task + "}:metrics:completed:" + minute);
		assertThat(raw.commands().ttl(k.metrics("completed", minute))).isBetween(1L, 86_400L);
		raw.commands().incrby(k.metrics("failed", minute), 3);

		Map<String, List<MinuteCounts>> counts = this.adapter.inspect()
			.throughput(List.of(task, task()), minute - 60_000, 2)
			.join();
		assertThat(counts.get(task)).containsExactly(new MinuteCounts(minute - 60_000, 0, 0),
				new MinuteCounts(minute, 1, 3));
		assertThat(counts).hasSize(2);
	}

	@Test
	void cleanDeletesTheJobItsLockAndItsLog() {
		String task = task();
		ClaimedJob claimed = enqueueAndClaim(task, "1");
		this.adapter.jobs()
			.appendLog(task, claimed.id(), "{\"level\":\"info\",\"message\":\"x\",\"timestamp\":1}")
			.join();
		this.adapter.jobs()
			.fail(task, new JobFailure(claimed.id(), claimed.token(), "boom", now(), JobFailure.PERMANENT), null)
			.join();
		RedisKeys.Task k = keys(task);
		raw.commands().set(k.lock(claimed.id()), "stale");

		assertThat(this.adapter.maintenance().clean(task, JobState.FAILED, now(), 100).join()).isEqualTo(1);
		assertThat(raw.commands().exists(k.job(claimed.id()), k.logs(claimed.id()), k.lock(claimed.id()))).isZero();
		assertThat(raw.commands().zcard(k.failed())).isZero();
	}

	@Test
	void aCancelledJobRetriedLeavesTheCancelledSetAsAFreshDispatch() {
		String task = task();
		String id = id();
		this.adapter.jobs().enqueue(task, NewJob.of(id, "\"x\"", now(), 1, 0, 1, 60_000)).join();
		this.adapter.jobs().cancel(task, id, "not now", now()).join();
		RedisKeys.Task k = keys(task);
		assertThat(this.adapter.maintenance().retry(task, id, JobState.FAILED, now()).join()).as("not failed")
			.isFalse();
		long now = now() + 5;

		assertThat(this.adapter.maintenance().retry(task, id, JobState.CANCELLED, now).join()).isTrue();
		assertThat(raw.hash(k.job(id)))
			.contains(entry("state", "waiting"), entry("attempt", "1"), entry("ts", Long.toString(now)))
			.doesNotContainKeys("cancelReason", "cancelledAt", "finishedOn", "error", "result", "stalledCount");
		assertThat(raw.commands().zcard(k.cancelled())).isZero();
		assertThat(raw.list(k.waitList())).containsExactly(id);
		assertThat(markerScore(task)).isZero();
		assertThat(eventBodies(task)).last().isEqualTo(Map.of("event", "waiting", "jobId", id));
	}

	@Test
	void aBatchRetryEmitsAWaitingEventPerJobAndWakesWorkersOnce() {
		String task = task();
		for (int i = 0; i < 3; i++) {
			ClaimedJob claimed = enqueueAndClaim(task, Integer.toString(i));
			this.adapter.jobs()
				.fail(task, new JobFailure(claimed.id(), claimed.token(), "boom", now(), JobFailure.PERMANENT), null)
				.join();
		}
		RedisKeys.Task k = keys(task);
		raw.commands().del(k.marker());
		long eventsBefore = events(task).size();

		assertThat(this.adapter.maintenance().retryFailedBatch(task, now(), 100, now()).join()).isEqualTo(3);
		assertThat(events(task).subList((int) eventsBefore, events(task).size()))
			.extracting(message -> message.getBody().get("event"))
			.containsExactly("waiting", "waiting", "waiting");
		assertThat(markerScore(task)).isZero();
		assertThat(raw.list(k.waitList())).hasSize(3);
	}

	@Test
	void listsAndCountsJobsANodeProcessWrote() {
		String task = task();
		RedisKeys.Task k = keys(task);
		long ts = now();
		raw.commands()
			.hset(k.job("node-1"), Map.of("ts", Long.toString(ts), "attempt", "1", "maxAttempts", "1", "state",
					"waiting", "priority", "5", "data", "{\"n\":1}", "_wf", "wf-9", "_wfNode", "0"));
		raw.commands().zadd(k.prioritized(), -(5 * 1e13) + ts, "node-1");
		raw.commands()
			.hset(k.job("node-2"), Map.of("ts", Long.toString(ts), "_v", "4", "attempt", "1", "maxAttempts", "1",
					"state", "waiting", "priority", "0", "data", "{\"n\":2}"));
		raw.commands().lpush(k.waitList(), "node-2");

		List<JobDetails> page = this.adapter.inspect().listJobs(task, JobState.WAITING, 0, 10).join();
		assertThat(page).extracting(job -> job.record().id()).containsExactly("node-1", "node-2");
		assertThat(page.get(0).record().workflowId()).isEqualTo("wf-9");
		assertThat(page.get(0).record().workflowNode()).isZero();
		assertThat(page.get(0).record().version()).isEqualTo(1);
		assertThat(page.get(1).record().workflowId()).isNull();
		assertThat(page.get(1).record().workflowNode()).isEqualTo(-1);
		VersionCounts versions = this.adapter.inspect().versionCounts(task).join();
		assertThat(versions.waiting()).isEqualTo(Map.of(1, 1L, 4, 1L));
		assertThat(versions.active()).isEmpty();
		assertThat(versions.delayed()).isEmpty();
	}

}
