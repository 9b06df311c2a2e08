package dev.taskora.engine.adapter.redis;

import java.util.List;
import java.util.Map;

import dev.taskora.engine.JobState;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.NewJob;
import io.lettuce.core.KeyValue;
import io.lettuce.core.ScoredValue;
import io.lettuce.core.SetArgs;
import io.lettuce.core.XAddArgs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * Interop with Node taskora 0.5 at the storage level: jobs written with plain commands
 * exactly as a Node producer writes them are claimed and settled by the adapter, and jobs
 * the adapter writes are processed by plain commands exactly as a Node worker does.
 */
class RedisWireCompatibilityIntegrationTests extends RedisIntegrationTestSupport {

	@Test
	void aJobWrittenTheWayNodeEnqueuesIsClaimedAndCompleted() {
		String task = task();
		String id = id();
		nodeEnqueue(task, id, "{\"to\":\"ada@example.com\"}", 0, 1795333893263L);

		ClaimRequest request = claimRequest();
		ClaimedJob claimed = adapter.jobs().claim(task, request).join();
		assertThat(claimed)
			.isEqualTo(new ClaimedJob(id, "{\"to\":\"ada@example.com\"}", 1, 1, 1795333893263L, request.token()));
		adapter.jobs().ack(task, new JobCompletion(id, claimed.token(), "{\"sent\":true}", now()), null).join();

		// what Node's JobWaiter and EventReader read back
		RedisKeys.Task k = keys(task);
		assertThat(raw.commands().hmget(k.job(id), "state", "result", "attempt")).containsExactly(
				KeyValue.just("state", "completed"), KeyValue.just("result", "{\"sent\":true}"),
				KeyValue.just("attempt", "1"));
		assertThat(raw.commands().zscore(k.completed(), id)).isNotNull();
		assertThat(eventBodies(task)).extracting(e -> e.get("event")).containsExactly("waiting", "active", "completed");
	}

	@Test
	void storesHeadersInAFieldNodeDoesNotReadAndClaimsThemBack() {
		String task = task();
		Map<String, String> headers = Map.of("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
		NewJob job = new NewJob(id(), "1", now(), 1, 0, 1, 0, 0, null, 0, null, 0, headers);
		NewJob plain = NewJob.of(id(), "2", now(), 1, 0, 1, 0);
		adapter.jobs().enqueueBulk(task, List.of(job, plain)).join();

		RedisKeys.Task k = keys(task);
		assertThat(raw.commands().hget(k.job(job.id()), "x-headers"))
			.isEqualTo("{\"traceparent\":\"00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01\"}");
		assertThat(raw.commands().hexists(k.job(plain.id()), "x-headers")).as("no field without headers").isFalse();
		// every field taskora's scripts name stays as Node writes it
		assertThat(raw.commands().hkeys(k.job(job.id()))).containsExactlyInAnyOrder("ts", "_v", "attempt",
				"maxAttempts", "state", "priority", "data", "x-headers");

		ClaimRequest request = claimRequest();
		ClaimedJob claimed = adapter.jobs().claim(task, request).join();
		assertThat(claimed.headers()).isEqualTo(headers);
		// the fused settle-and-claim returns the next job's (absent) headers too
		ClaimRequest next = claimRequest();
		ClaimedJob second = adapter.jobs()
			.ack(task, new JobCompletion(job.id(), claimed.token(), "1", now()), next)
			.join()
			.next();
		assertThat(second).isEqualTo(new ClaimedJob(plain.id(), "2", 1, 1, plain.timestamp(), next.token()));
	}

	@Test
	void headersWrittenBySomethingElseThatAreNotAJsonObjectReadAsNone() {
		String task = task();
		String id = id();
		nodeEnqueue(task, id, "1", 0, now());
		raw.commands().hset(keys(task).job(id), "x-headers", "not json");

		assertThat(adapter.jobs().claim(task, claimRequest()).join().headers()).isEmpty();
	}

	@Test
	void aJobTheAdapterEnqueuedIsProcessedByPlainCommandsTheWayANodeWorkerDoes() {
		String task = task();
		NewJob job = NewJob.of(id(), "{\"n\":7}", now(), 2, 0, 3, 0);
		adapter.jobs().enqueue(task, job).join();
		RedisKeys.Task k = keys(task);

		// a Node worker: wait on the marker, then MOVE_TO_ACTIVE's steps
		KeyValue<String, ScoredValue<String>> marker = raw.commands().bzpopmin(1, k.marker());
		assertThat(marker.getValue()).isEqualTo(ScoredValue.just(0, "0"));
		String popped = raw.commands().rpop(k.waitList());
		assertThat(popped).isEqualTo(job.id());
		raw.commands().lpush(k.active(), popped);
		raw.commands().set(k.lock(popped), "node-token", SetArgs.Builder.px(30_000));
		raw.commands().hset(k.job(popped), Map.of("state", "active", "processedOn", Long.toString(now())));
		assertThat(raw.commands().hmget(k.job(popped), "data", "_v", "attempt", "ts")).containsExactly(
				KeyValue.just("data", "{\"n\":7}"), KeyValue.just("_v", "2"), KeyValue.just("attempt", "1"),
				KeyValue.just("ts", Long.toString(job.timestamp())));
		// ... and ACK's steps, with the undefined result Node stores as ""
		long finished = now();
		raw.commands().lrem(k.active(), 1, popped);
		raw.commands().del(k.lock(popped));
		raw.commands()
			.hset(k.job(popped), Map.of("state", "completed", "finishedOn", Long.toString(finished), "result", ""));
		raw.commands().zadd(k.completed(), finished, popped);
		raw.commands()
			.xadd(k.events(), XAddArgs.Builder.maxlen(10_000).approximateTrimming(), "event", "completed", "jobId",
					popped);

		JobRecord record = adapter.inspect().findJob(task, job.id()).join();
		assertThat(record.state()).isEqualTo(JobState.COMPLETED);
		assertThat(record.result()).as("Node's empty result reads as no value").isNull();
		assertThat(record.version()).isEqualTo(2);
		assertThat(record.maxAttempts()).isEqualTo(3);
		assertThat(adapter.inspect().countByState(task).join()).contains(entry(JobState.COMPLETED, 1L),
				entry(JobState.WAITING, 0L));
	}

	@Test
	void nodesPriorityScoresAndDelayedJobsAreHonoured() {
		String task = task();
		long now = now();
		String plain = id();
		String urgent = id();
		String due = id();
		String retrying = id();
		nodeEnqueue(task, plain, "\"plain\"", 0, now - 3);
		nodeEnqueue(task, urgent, "\"urgent\"", 5, now - 2);
		nodeDelayed(task, due, "\"due\"", "delayed", now - 10_000, 1_000);
		nodeDelayed(task, retrying, "\"retry\"", "retrying", now - 10_000, 2_000);

		List<String> order = List.of(claimData(task), claimData(task), claimData(task), claimData(task));
		assertThat(order.get(0)).isEqualTo("\"urgent\"");
		assertThat(order.subList(1, 4)).containsExactlyInAnyOrder("\"plain\"", "\"due\"", "\"retry\"");
		assertThat(raw.hash(keys(task).job(retrying))).containsEntry("state", "active");
	}

	@Test
	void aMalformedPayloadIsHandedToTheEngineUnchanged() {
		String task = task();
		String id = id();
		RedisKeys.Task k = keys(task);
		raw.commands()
			.hset(k.job(id), Map.of("ts", "not-a-number", "_v", "v1", "attempt", "1", "maxAttempts", "1", "state",
					"waiting", "priority", "0", "data", "{broken json"));
		raw.commands().lpush(k.waitList(), id);

		ClaimedJob claimed = adapter.jobs().claim(task, claimRequest()).join();
		assertThat(claimed.data()).isEqualTo("{broken json");
		assertThat(claimed.version()).isEqualTo(1);
		assertThat(claimed.timestamp()).isZero();
		assertThat(adapter.inspect().findJob(task, id).join().data()).isEqualTo("{broken json");
	}

	@Test
	void aHandshakeRecordWrittenByNodeIsAcceptedAsIs() {
		String prefix = RedisTestServer.uniquePrefix();
		Map<String, String> nodeRecord = Map.of("wireVersion", "6", "minCompat", "6", "writtenBy", "taskora-wire-6",
				"writtenAt", "1795333000000");
		raw.commands().hset("taskora:" + prefix + ":meta", nodeRecord);

		connected(server.options().prefix(prefix).build());
		assertThat(raw.hash("taskora:" + prefix + ":meta")).isEqualTo(nodeRecord);
	}

	/** ENQUEUE as Node's script performs it. */
	private void nodeEnqueue(String task, String id, String data, int priority, long ts) {
		RedisKeys.Task k = keys(task);
		raw.commands()
			.hset(k.job(id), Map.of("ts", Long.toString(ts), "_v", "1", "attempt", "1", "maxAttempts", "1", "state",
					"waiting", "priority", Integer.toString(priority), "data", data));
		if (priority > 0) {
			raw.commands().zadd(k.prioritized(), -(priority * 1e13) + ts, id);
		}
		else {
			raw.commands().lpush(k.waitList(), id);
		}
		raw.commands().zadd(k.marker(), 0, "0");
		raw.commands()
			.xadd(k.events(), XAddArgs.Builder.maxlen(10_000).approximateTrimming(), "event", "waiting", "jobId", id);
	}

	/** A job in Node's delayed set: ENQUEUE_DELAYED, or FAIL's retry path. */
	private void nodeDelayed(String task, String id, String data, String state, long ts, long delay) {
		RedisKeys.Task k = keys(task);
		raw.commands()
			.hset(k.job(id), Map.of("ts", Long.toString(ts), "delay", Long.toString(delay), "_v", "1", "attempt", "1",
					"maxAttempts", "3", "state", state, "priority", "0", "data", data));
		raw.commands().zadd(k.delayed(), ts + delay, id);
	}

	private String claimData(String task) {
		return adapter.jobs().claim(task, claimRequest()).join().data();
	}

}
