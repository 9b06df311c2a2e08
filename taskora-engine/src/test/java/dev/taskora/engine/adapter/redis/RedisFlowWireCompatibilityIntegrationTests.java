package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.Admission;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.CollectPush;
import dev.taskora.engine.adapter.CollectPushed;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.flow.Collect;
import dev.taskora.engine.flow.Debounce;
import dev.taskora.engine.flow.Deduplicate;
import dev.taskora.engine.flow.Throttle;
import io.lettuce.core.SetArgs;
import io.lettuce.core.XAddArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flow control across Node taskora 0.5 and Java on one Redis: what the adapter writes is
 * exactly what taskora's DEBOUNCE, THROTTLE_ENQUEUE, DEDUPLICATE_ENQUEUE and COLLECT_PUSH
 * write, and keys written with plain commands the way those scripts write them are
 * honoured by Java dispatchers and processed by a Java worker.
 */
class RedisFlowWireCompatibilityIntegrationTests extends RedisIntegrationTestSupport {

	private final List<Taskora> apps = new ArrayList<>();

	@AfterEach
	void closeApps() {
		this.apps.forEach(app -> app.close(Duration.ofSeconds(5)));
	}

	private Taskora app() {
		Taskora app = Taskora.builder()
			.adapter(RedisAdapter.create(server.options().prefix(this.prefix).build()))
			.shutdownTimeout(Duration.ofSeconds(5))
			.build();
		this.apps.add(app);
		return app;
	}

	// ---- what Java writes

	@Test
	void debounceWritesTaskorasKeyJobAndEvents() {
		String task = task();
		long ts = now();
		NewJob replaced = new NewJob(id(), "\"v1\"", ts, 2, 0, 3, 2_000, 0, null, 0, null, 0);
		NewJob pending = new NewJob(id(), "\"v2\"", ts + 5, 2, 0, 3, 2_000, 0, null, 0, null, 0);
		adapter.flow().debounce(task, replaced, "doc-1").join();
		adapter.flow().debounce(task, pending, "doc-1").join();

		RedisKeys.Task k = keys(task);
		assertThat(k.debounce("doc-1")).isEqualTo("taskora:" + this.prefix + ":{" + task + "}:debounce:doc-1");
		assertThat(raw.commands().get(k.debounce("doc-1"))).isEqualTo(pending.id());
		assertThat(raw.commands().pttl(k.debounce("doc-1"))).isBetween(1L, 4_000L);
		assertThat(raw.commands().exists(k.job(replaced.id()))).isZero();
		assertThat(raw.hash(k.job(pending.id()))).isEqualTo(Map.of("ts", Long.toString(ts + 5), "delay", "2000", "_v",
				"2", "attempt", "1", "maxAttempts", "3", "state", "delayed", "priority", "0", "data", "\"v2\""));
		assertThat(raw.commands().zscore(k.delayed(), pending.id())).isEqualTo(ts + 5 + 2_000d);
		assertThat(markerScore(task)).isEqualTo(ts + 2_000d);
		assertThat(eventBodies(task)).containsExactly(Map.of("event", "delayed", "jobId", replaced.id()),
				Map.of("event", "debounced", "jobId", replaced.id(), "replacedBy", pending.id()),
				Map.of("event", "delayed", "jobId", pending.id()));
	}

	@Test
	void throttleWritesTaskorasWindowCounterAndNothingForARefusal() {
		String task = task();
		NewJob first = job("1");
		NewJob second = job("2");
		NewJob refused = job("3");
		assertThat(adapter.flow().throttle(task, first, "api", 2, 60_000).join()).isEqualTo(Admission.ADMITTED);
		assertThat(adapter.flow().throttle(task, second, "api", 2, 60_000).join()).isEqualTo(Admission.ADMITTED);
		assertThat(adapter.flow().throttle(task, refused, "api", 2, 60_000).join()).isEqualTo(Admission.THROTTLED);

		RedisKeys.Task k = keys(task);
		assertThat(raw.type(k.throttle("api"))).isEqualTo("string");
		assertThat(raw.commands().get(k.throttle("api"))).isEqualTo("2");
		assertThat(raw.commands().pttl(k.throttle("api"))).isBetween(1L, 60_000L);
		assertThat(raw.commands().exists(k.job(refused.id()))).isZero();
		assertThat(raw.hash(k.job(first.id()))).isEqualTo(Map.of("ts", Long.toString(first.timestamp()), "_v", "1",
				"attempt", "1", "maxAttempts", "1", "state", "waiting", "priority", "0", "data", "1"));
		assertThat(raw.list(k.waitList())).containsExactly(second.id(), first.id());
		assertThat(eventBodies(task)).extracting(body -> body.get("event")).containsExactly("waiting", "waiting");
	}

	@Test
	void deduplicateWritesTheHolderWithoutExpiryAndAckReleasesIt() {
		String task = task();
		NewJob holder = job("\"report\"");
		assertThat(
				adapter.flow().deduplicate(task, holder, "report:7", Set.of(JobState.WAITING, JobState.ACTIVE)).join())
			.isEqualTo(Admission.ADMITTED);
		assertThat(adapter.flow().deduplicate(task, job("\"again\""), "report:7", Set.of(JobState.WAITING)).join())
			.isEqualTo(Admission.duplicateOf(holder.id()));

		RedisKeys.Task k = keys(task);
		assertThat(raw.commands().get(k.dedup("report:7"))).isEqualTo(holder.id());
		assertThat(raw.commands().pttl(k.dedup("report:7"))).as("no TTL").isEqualTo(-1L);
		assertThat(raw.hash(k.job(holder.id()))).containsEntry("dedupKey", k.dedup("report:7"))
			.containsEntry("state", "waiting");
		ClaimedJob claimed = adapter.jobs().claim(task, claimRequest()).join();
		adapter.jobs().ack(task, new JobCompletion(claimed.id(), claimed.token(), "null", now()), null).join();
		assertThat(raw.commands().exists(k.dedup("report:7"))).isZero();
	}

	@Test
	void collectWritesTaskorasBufferSentinelAndBatch() {
		String task = task();
		long first = now();
		String sentinel1 = id();
		String sentinel2 = id();
		assertThat(adapter.flow().collect(task, push(sentinel1, "{\"n\":1}", first, 0)).join())
			.isEqualTo(new CollectPushed(false, 1));
		assertThat(adapter.flow().collect(task, push(sentinel2, "{\"n\":2}", first + 100, 0)).join())
			.isEqualTo(new CollectPushed(false, 2));

		RedisKeys.Task k = keys(task);
		assertThat(raw.list(k.collectItems("db"))).containsExactly("{\"n\":1}", "{\"n\":2}");
		assertThat(raw.hash(k.collectMeta("db")))
			.isEqualTo(Map.of("count", "2", "firstAt", Long.toString(first), "lastAt", Long.toString(first + 100)));
		assertThat(raw.commands().get(k.collectJob("db"))).isEqualTo(sentinel2);
		assertThat(raw.commands().pttl(k.collectJob("db"))).isBetween(1L, 20_000L);
		assertThat(raw.commands().exists(k.job(sentinel1))).isZero();
		assertThat(raw.hash(k.job(sentinel2))).isEqualTo(Map.of("ts", Long.toString(first + 100), "_v", "1", "attempt",
				"1", "maxAttempts", "1", "state", "delayed", "collectKey", "db", "data", "[]"));
		// min(newest + delay 5 s, oldest + maxWait 10 s)
		assertThat(raw.commands().zscore(k.delayed(), sentinel2)).isEqualTo(first + 100 + 5_000d);
		assertThat(eventBodies(task)).containsExactly(
				Map.of("event", "collect", "jobId", sentinel1, "count", "1", "key", "db"),
				Map.of("event", "collect", "jobId", sentinel2, "count", "2", "key", "db"));

		String batch = id();
		assertThat(adapter.flow().collect(task, push(batch, "{\"n\":3}", first + 200, 3)).join())
			.isEqualTo(new CollectPushed(true, 3));
		assertThat(
				raw.commands().exists(k.collectItems("db"), k.collectMeta("db"), k.collectJob("db"), k.job(sentinel2)))
			.isZero();
		assertThat(raw.hash(k.job(batch))).isEqualTo(Map.of("ts", Long.toString(first + 200), "_v", "1", "attempt", "1",
				"maxAttempts", "1", "state", "waiting", "priority", "0", "data", "[{\"n\":1},{\"n\":2},{\"n\":3}]"));
		assertThat(raw.list(k.waitList())).containsExactly(batch);
	}

	// ---- what Node writes, honoured and processed by Java

	@Test
	void aDebouncedJobNodeWroteIsReplacedByAJavaDispatchWithTheSameKey() {
		String task = task();
		String nodeJob = id();
		nodeDelayed(task, nodeJob, "\"from node\"", now(), 60_000, Map.of());
		raw.commands().set(keys(task).debounce("doc-2"), nodeJob, SetArgs.Builder.px(120_000));

		Task<String, String> java = app().task(task, String.class, String.class).register();
		ResultHandle<String> replacement = java
			.dispatch("from java",
					DispatchOptions.builder().debounce(new Debounce("doc-2", Duration.ofMinutes(1))).build())
			.awaitEnqueued(WAIT);

		assertThat(raw.commands().exists(keys(task).job(nodeJob))).isZero();
		assertThat(raw.commands().zrange(keys(task).delayed(), 0, -1)).containsExactly(replacement.id());
		assertThat(eventBodies(task))
			.contains(Map.of("event", "debounced", "jobId", nodeJob, "replacedBy", replacement.id()));
	}

	@Test
	void aDebouncedJobNodeWroteIsRunByAJavaWorkerOnceItsWindowPassed() {
		String task = task();
		String nodeJob = id();
		nodeDelayed(task, nodeJob, "\"last edit\"", now() - 3_000, 2_000, Map.of());
		raw.commands().set(keys(task).debounce("doc-3"), nodeJob, SetArgs.Builder.px(4_000));

		Taskora app = app();
		Task<String, String> reindex = app.task(task, String.class, String.class).handler((s, ctx) -> s + " indexed");
		app.start();
		assertThat(reindex.handle(nodeJob).await(WAIT)).isEqualTo("last edit indexed");
	}

	@Test
	void aDedupKeyNodeHoldsRefusesAJavaDuplicateAndIsReleasedWhenAJavaWorkerCompletesTheJob() {
		String task = task();
		String nodeJob = id();
		RedisKeys.Task k = keys(task);
		nodeWaiting(task, nodeJob, "\"node report\"", Map.of("dedupKey", k.dedup("report:3")));
		raw.commands().set(k.dedup("report:3"), nodeJob);

		Taskora app = app();
		List<String> ran = new CopyOnWriteArrayList<>();
		Task<String, String> reports = app.task(task, String.class, String.class).handler((s, ctx) -> {
			ran.add(s);
			return s;
		});
		DispatchOptions dedup = DispatchOptions.builder().deduplicate(new Deduplicate("report:3")).build();
		ResultHandle<String> duplicate = reports.dispatch("java report", dedup).awaitEnqueued(WAIT);
		assertThat(duplicate.enqueued().join()).isFalse();
		assertThat(duplicate.existingId()).isEqualTo(nodeJob);

		app.start();
		assertThat(reports.handle(nodeJob).await(WAIT)).isEqualTo("node report");
		assertThat(raw.commands().exists(k.dedup("report:3"))).isZero();
		assertThat(reports.dispatch("java report", dedup).await(WAIT)).isEqualTo("java report");
		assertThat(ran).containsExactly("node report", "java report");
	}

	@Test
	void aThrottleWindowNodeFilledRefusesJavaDispatchesUntilItsMax() {
		String task = task();
		RedisKeys.Task k = keys(task);
		raw.commands().set(k.throttle("mail"), "5", SetArgs.Builder.px(60_000));
		Task<String, String> mail = app().task(task, String.class, String.class).register();

		ResultHandle<String> refused = mail.dispatch("x", throttle("mail", 5)).awaitEnqueued(WAIT);
		ResultHandle<String> admitted = mail.dispatch("y", throttle("mail", 6)).awaitEnqueued(WAIT);
		assertThat(refused.enqueued().join()).isFalse();
		assertThat(admitted.enqueued().join()).isTrue();
		assertThat(raw.commands().get(k.throttle("mail"))).isEqualTo("6");
	}

	@Test
	void aCollectBufferNodeFilledIsRunByAJavaWorkerAsOneTypedBatch() {
		String task = task();
		RedisKeys.Task k = keys(task);
		long first = now() - 10_000;
		String sentinel = id();
		for (int n = 1; n <= 3; n++) {
			raw.commands().rpush(k.collectItems("events"), "{\"region\":\"eu\",\"n\":" + n + "}");
		}
		raw.commands()
			.hset(k.collectMeta("events"),
					Map.of("count", "3", "firstAt", Long.toString(first), "lastAt", Long.toString(first + 2)));
		raw.commands()
			.hset(k.job(sentinel), Map.of("ts", Long.toString(first + 2), "_v", "1", "attempt", "1", "maxAttempts", "1",
					"state", "delayed", "collectKey", "events", "data", "[]"));
		raw.commands().zadd(k.delayed(), first + 1_002, sentinel);
		raw.commands().set(k.collectJob("events"), sentinel, SetArgs.Builder.px(60_000));
		raw.commands()
			.xadd(k.events(), XAddArgs.Builder.maxlen(10_000).approximateTrimming(), "event", "collect", "jobId",
					sentinel, "count", "3", "key", "events");

		Taskora app = app();
		List<List<Event>> batches = new CopyOnWriteArrayList<>();
		app.task(task, Event.class, Integer.class)
			.collect(Collect.byKey("events", Duration.ofSeconds(1)))
			.handler((events, ctx) -> {
				batches.add(List.copyOf(events));
				return events.size();
			});
		app.start();
		await().atMost(WAIT).until(() -> !batches.isEmpty());
		assertThat(batches).containsExactly(List.of(new Event("eu", 1), new Event("eu", 2), new Event("eu", 3)));
		await().atMost(WAIT).until(() -> "completed".equals(raw.hash(k.job(sentinel)).get("state")));
		assertThat(raw.hash(k.job(sentinel))).doesNotContainKey("collectKey").containsEntry("result", "3");
		assertThat(raw.commands().exists(k.collectItems("events"), k.collectMeta("events"), k.collectJob("events")))
			.isZero();
	}

	@Test
	void aBufferJavaFilledIsReadableTheWayANodeWorkerClaimsIt() {
		String task = task();
		Task<Event, Integer> producer = app().task(task, Event.class, Integer.class)
			.collect(Collect.<Event>by(event -> "region:" + event.region(), Duration.ofSeconds(30)))
			.register();
		producer.dispatch(new Event("eu", 1)).awaitEnqueued(WAIT);
		String sentinel = producer.dispatch(new Event("eu", 2)).awaitEnqueued(WAIT).id();

		RedisKeys.Task k = keys(task);
		// MOVE_TO_ACTIVE's collect step, as a Node worker runs it once the sentinel is
		// due
		assertThat(raw.commands().hget(k.job(sentinel), "collectKey")).isEqualTo("region:eu");
		assertThat(raw.list(k.collectItems("region:eu"))).containsExactly("{\"region\":\"eu\",\"n\":1}",
				"{\"region\":\"eu\",\"n\":2}");
		assertThat(raw.commands().get(k.collectJob("region:eu"))).isEqualTo(sentinel);
	}

	record Event(String region, int n) {
	}

	private static DispatchOptions throttle(String key, int max) {
		return DispatchOptions.builder().throttle(new Throttle(key, max, Duration.ofMinutes(1))).build();
	}

	private static CollectPush push(String id, String item, long now, int maxSize) {
		return new CollectPush(id, item, now, 1, 1, "db", 5_000, maxSize, 10_000);
	}

	/** ENQUEUE as Node's script performs it, with extra hash fields. */
	private void nodeWaiting(String task, String id, String data, Map<String, String> extra) {
		RedisKeys.Task k = keys(task);
		Map<String, String> fields = new HashMap<>(Map.of("ts", Long.toString(now()), "_v", "1", "attempt", "1",
				"maxAttempts", "1", "state", "waiting", "priority", "0", "data", data));
		fields.putAll(extra);
		raw.commands().hset(k.job(id), fields);
		raw.commands().lpush(k.waitList(), id);
		raw.commands().zadd(k.marker(), 0, "0");
		raw.commands()
			.xadd(k.events(), XAddArgs.Builder.maxlen(10_000).approximateTrimming(), "event", "waiting", "jobId", id);
	}

	/** The delayed job of Node's DEBOUNCE or ENQUEUE_DELAYED, with extra hash fields. */
	private void nodeDelayed(String task, String id, String data, long ts, long delay, Map<String, String> extra) {
		RedisKeys.Task k = keys(task);
		Map<String, String> fields = new HashMap<>(Map.of("ts", Long.toString(ts), "delay", Long.toString(delay), "_v",
				"1", "attempt", "1", "maxAttempts", "1", "state", "delayed", "priority", "0", "data", data));
		fields.putAll(extra);
		raw.commands().hset(k.job(id), fields);
		raw.commands().zadd(k.delayed(), ts + delay, id);
		raw.commands().zadd(k.marker(), ts + delay, "0");
		raw.commands()
			.xadd(k.events(), XAddArgs.Builder.maxlen(10_000).approximateTrimming(), "event", "delayed", "jobId", id);
	}

}
