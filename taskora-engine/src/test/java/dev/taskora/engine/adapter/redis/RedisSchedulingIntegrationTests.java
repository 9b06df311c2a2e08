package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.schedule.MissedRunPolicy;
import dev.taskora.engine.schedule.Schedule;
import dev.taskora.engine.schedule.ScheduleInfo;
import dev.taskora.engine.schedule.SchedulerOptions;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scheduling on a real Redis: taskora's keys and JSON, schedules written by Node taskora
 * run by a Java leader, exactly one dispatch per run across processes, and takeover when
 * the leader dies.
 */
class RedisSchedulingIntegrationTests extends RedisIntegrationTestSupport {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final List<Taskora> apps = new ArrayList<>();

	@AfterEach
	void closeApps() {
		Collections.reverse(this.apps);
		this.apps.forEach(app -> app.close(Duration.ofSeconds(5)));
	}

	private Taskora app(Consumer<Taskora.Builder> customizer) {
		Taskora.Builder builder = Taskora.builder()
			.adapter(RedisAdapter.create(server.options().prefix(this.prefix).build()))
			.shutdownTimeout(Duration.ofSeconds(5));
		customizer.accept(builder);
		Taskora app = builder.build();
		this.apps.add(app);
		return app;
	}

	private String key(String name) {
		return "taskora:" + this.prefix + ":" + name;
	}

	record Cleanup(String olderThan) {
	}

	@Test
	void schedulesAreStoredInTaskorasKeysWithExactlyItsJsonFields() throws Exception {
		Taskora app = app(builder -> {
		});
		app.task("cleanup", Cleanup.class, Void.class).register();
		app.task("digest", Void.class, Void.class).register();
		app.schedule("nightly-cleanup", "cleanup", Schedule.every(Duration.ofHours(6)).data(new Cleanup("30d")));
		app.schedule("weekly-digest", "digest",
				Schedule.cron("0 8 * * 1").zone("UTC").overlap(true).onMissed(MissedRunPolicy.catchUpLimit(3)));
		long before = now();
		app.start();

		Map<String, String> configs = raw.hash(key("schedules"));
		assertThat(configs).containsOnlyKeys("nightly-cleanup", "weekly-digest");
		assertThat(configs.get("nightly-cleanup")).isEqualTo(
				"{\"task\":\"cleanup\",\"overlap\":false,\"onMissed\":\"skip\",\"data\":{\"olderThan\":\"30d\"},\"every\":21600000}");
		assertThat(configs.get("weekly-digest")).isEqualTo(
				"{\"task\":\"digest\",\"overlap\":true,\"onMissed\":\"catch-up-limit:3\",\"cron\":\"0 8 * * 1\",\"timezone\":\"UTC\"}");
		assertThat(raw.commands().zscore(key("schedules:next"), "nightly-cleanup"))
			.isBetween((double) before + 21_600_000, (double) now() + 21_600_000);
		assertThat(raw.type(key("schedules:next"))).isEqualTo("zset");

		await().atMost(WAIT).until(() -> app.schedules().isLeader());
		assertThat(raw.commands().get(key("schedules:lock"))).hasSize(36);
		assertThat(raw.commands().pttl(key("schedules:lock"))).isBetween(1L, 30_000L);

		app.close();
		assertThat(raw.commands().exists(key("schedules:lock"))).as("released on close").isZero();
	}

	@Test
	void aScheduleWrittenTheWayNodeWritesItIsRunByAJavaLeaderWhichRecordsTheRunInNodesFields() throws Exception {
		long interval = 10_000;
		long fiveIntervalsAgo = now() - 5 * interval;
		// exactly what taskora's own catch-up test writes with ioredis
		raw.commands()
			.hset(key("schedules"), "catchup-sched",
					"{\"task\":\"catchup-task\",\"data\":null,\"every\":" + interval
							+ ",\"overlap\":false,\"onMissed\":\"catch-up\",\"lastRun\":" + fiveIntervalsAgo
							+ ",\"lastJobId\":null}");
		raw.commands().zadd(key("schedules:next"), fiveIntervalsAgo + interval, "catchup-sched");

		List<String> ran = new CopyOnWriteArrayList<>();
		Taskora app = app(builder -> builder.scheduler(
				SchedulerOptions.defaults().pollInterval(Duration.ofMillis(50)).mode(SchedulerOptions.Mode.ALWAYS)));
		Task<Void, Void> task = app.task("catchup-task", Void.class, Void.class).handler((data, ctx) -> {
			ran.add(ctx.id());
			return null;
		});
		app.start();

		await().atMost(WAIT).until(() -> app.schedules().find("catchup-sched").orElseThrow().lastRun() != null);
		await().atMost(WAIT).until(() -> ran.size() >= 5);
		ScheduleInfo info = app.schedules().find("catchup-sched").orElseThrow();
		assertThat(ran).as("five missed runs caught up, and nothing more for the next 10 s")
			.hasSize(5)
			.contains(info.lastJobId());
		assertThat(task.handle(info.lastJobId()).state()).isEqualTo(JobState.COMPLETED);

		JsonNode written = JSON.readTree(raw.commands().hget(key("schedules"), "catchup-sched"));
		assertThat(written.propertyNames()).containsExactly("task", "data", "every", "overlap", "onMissed", "lastRun",
				"lastJobId");
		assertThat(written.get("lastJobId").stringValue()).isEqualTo(info.lastJobId());
		assertThat(written.get("lastRun").longValue()).isEqualTo(info.lastRun().toEpochMilli());
		assertThat(written.get("every").longValue()).isEqualTo(interval);
		assertThat(raw.commands().zscore(key("schedules:next"), "catchup-sched"))
			.isEqualTo((double) (info.lastRun().toEpochMilli() + interval)
					- ((info.lastRun().toEpochMilli() - (fiveIntervalsAgo + interval)) % interval));
	}

	@Test
	void aScheduleWrittenByJavaIsRunByANodeLeaderFollowingTheWireFormatAndJavaReadsTheRunBack() throws Exception {
		Taskora app = app(builder -> builder.scheduler(SchedulerOptions.defaults().mode(SchedulerOptions.Mode.NEVER)));
		Task<Cleanup, Void> cleanup = app.task("cleanup", Cleanup.class, Void.class).register();
		app.schedule("nightly-cleanup", cleanup, Schedule.every(Duration.ofMinutes(1)).data(new Cleanup("30d")));
		app.start();
		assertThat(app.schedules().isLeader()).as("mode NEVER: this process leaves the runs to others").isFalse();

		// Node's leader, in plain commands (wire format §7): take the lock, then
		// TICK_SCHEDULER
		assertThat(raw.commands().set(key("schedules:lock"), "node-token", SetArgs.Builder.nx().px(30_000)))
			.isEqualTo("OK");
		long now = raw.commands().zscore(key("schedules:next"), "nightly-cleanup").longValue();
		List<String> due = raw.commands().zrangebyscore(key("schedules:next"), Range.create(0d, (double) now));
		assertThat(due).containsExactly("nightly-cleanup");
		raw.commands().zrem(key("schedules:next"), "nightly-cleanup");
		JsonNode config = JSON.readTree(raw.commands().hget(key("schedules"), "nightly-cleanup"));
		// what Node's processDueSchedule reads: the task, overlap === false, onMissed,
		// every in ms, data
		assertThat(config.get("task").stringValue()).isEqualTo("cleanup");
		assertThat(config.get("overlap").isBoolean()).isTrue();
		assertThat(config.get("onMissed").stringValue()).isEqualTo("skip");
		assertThat(config.get("every").isIntegralNumber()).isTrue();
		long every = config.get("every").longValue();
		assertThat(every).isEqualTo(60_000);
		// Node dispatches data ?? null through its ENQUEUE: the hash fields and wait list
		// it writes
		String jobId = UUID.randomUUID().toString();
		String data = JSON.writeValueAsString(config.get("data"));
		RedisKeys.Task keys = keys("cleanup");
		raw.commands()
			.hset(keys.job(jobId), Map.of("ts", Long.toString(now), "priority", "0", "attempt", "1", "maxAttempts", "1",
					"state", "waiting", "_v", "1", "data", data));
		raw.commands().lpush(keys.waitList(), jobId);
		// then records lastJobId and lastRun and the next run, as Node does
		raw.commands()
			.hset(key("schedules"), "nightly-cleanup",
					JSON.writeValueAsString(((ObjectNode) config).put("lastJobId", jobId).put("lastRun", now)));
		raw.commands().zadd(key("schedules:next"), (double) (now + every), "nightly-cleanup");

		ScheduleInfo info = app.schedules().find("nightly-cleanup").orElseThrow();
		assertThat(info.lastJobId()).isEqualTo(jobId);
		assertThat(info.lastRun()).isEqualTo(Instant.ofEpochMilli(now));
		assertThat(info.nextRun()).isEqualTo(Instant.ofEpochMilli(now + every));
		assertThat(info.schedule().data()).isEqualTo(new Cleanup("30d"));
		assertThat(info.problem()).isNull();
		assertThat(app.inspect().find(cleanup, jobId)).get()
			.satisfies(job -> assertThat(job.data()).isEqualTo(new Cleanup("30d")));
	}

	@Test
	void aJavaSchedulerDoesNotLeadWhileANodeLeaderHoldsTheLockAndTakesOverOnceItIsGone() {
		raw.commands().set(key("schedules:lock"), "node-leader", SetArgs.Builder.px(30_000));
		List<String> ran = new CopyOnWriteArrayList<>();
		Taskora app = app(
				builder -> builder.scheduler(SchedulerOptions.defaults().pollInterval(Duration.ofMillis(50))));
		app.task("ping", Void.class, Void.class).handler((data, ctx) -> {
			ran.add(ctx.id());
			return null;
		});
		app.schedule("pings", "ping", Schedule.every(Duration.ofMillis(200)));
		app.start();
		// the schedule falls due several times while Node leads: nothing is dispatched
		// here
		long firstDue = raw.commands().zscore(key("schedules:next"), "pings").longValue();
		await().atMost(WAIT).until(() -> now() > firstDue + 600);
		assertThat(app.schedules().isLeader()).isFalse();
		assertThat(ran).isEmpty();
		assertThat(raw.commands().get(key("schedules:lock"))).isEqualTo("node-leader");

		// the Node leader stops and releases its lock (DEL when the token matches)
		raw.commands().del(key("schedules:lock"));
		await().atMost(WAIT).until(() -> !ran.isEmpty());
		assertThat(app.schedules().isLeader()).isTrue();
		assertThat(raw.commands().get(key("schedules:lock"))).hasSize(36);
	}

	@Test
	void aNextRunWithoutAConfigIsDroppedAndNeverDispatched() {
		raw.commands().zadd(key("schedules:next"), 1, "orphan");
		assertThat(this.adapter.schedules().claimDue(now(), now() + 30_000).join()).isEmpty();
		assertThat(raw.commands().zscore(key("schedules:next"), "orphan")).isNull();
	}

	@Test
	void twoProcessesOnOneRedisDispatchAOneSecondScheduleExactlyOncePerRun() {
		List<Long> dispatchedAt = new CopyOnWriteArrayList<>();
		List<Taskora> both = List.of(app(builder -> {
		}), app(builder -> {
		}));
		for (Taskora app : both) {
			app.task("heartbeat", Void.class, Void.class).concurrency(4).handler((data, ctx) -> {
				dispatchedAt.add(ctx.timestamp().toEpochMilli());
				return null;
			});
			app.schedule("every-second", "heartbeat", Schedule.every(Duration.ofSeconds(1)));
			app.start();
		}
		// 30 s of one-second runs, as the scheduling issue asks
		await().atMost(Duration.ofSeconds(45)).until(() -> dispatchedAt.size() >= 30);
		assertThat(both.stream().filter(app -> app.schedules().isLeader())).hasSize(1);
		both.forEach(Taskora::close);

		// runs are due on a 1 s grid (the schedule keeps its cadence): at most one job
		// per
		// grid point; a point is skipped (onMissed: skip) only when the machine stalls
		long phase = Math.floorMod(raw.commands().zscore(key("schedules:next"), "every-second").longValue(), 1000L);
		List<Long> slots = dispatchedAt.stream().map(at -> Math.floorDiv(at - phase, 1000L)).sorted().toList();
		assertThat(slots).as("no run dispatched twice").doesNotHaveDuplicates();
		long span = slots.get(slots.size() - 1) - slots.get(0) + 1;
		assertThat(span - slots.size()).as("seconds without a run, from the first to the last")
			.isLessThanOrEqualTo(span / 10);
	}

	@Test
	void whenTheLeaderDiesWithoutReleasingItsLockAnotherProcessFiresWithinTheLockTtlPlusOneTick() {
		SchedulerOptions options = SchedulerOptions.defaults()
			.pollInterval(Duration.ofMillis(200))
			.lockTtl(Duration.ofSeconds(2));
		RedisClient leaderClient = RedisClient.create(server.url());
		leaderClient
			.setOptions(ClientOptions.builder().maintNotificationsConfig(MaintNotificationsConfig.disabled()).build());
		Taskora leader = Taskora.builder()
			.adapter(RedisAdapter.create(leaderClient, server.options().prefix(this.prefix).build()))
			.scheduler(options)
			.build();
		this.apps.add(leader);
		leader.task("ping", Void.class, Void.class).register();
		leader.schedule("pings", "ping", Schedule.every(Duration.ofMillis(500)));
		leader.start();
		await().atMost(WAIT).until(() -> leader.schedules().isLeader());

		List<Long> dispatchedAt = new CopyOnWriteArrayList<>();
		Taskora follower = app(builder -> builder.scheduler(options));
		follower.task("ping", Void.class, Void.class).handler((data, ctx) -> {
			dispatchedAt.add(ctx.timestamp().toEpochMilli());
			return null;
		});
		follower.schedule("pings", "ping", Schedule.every(Duration.ofMillis(500)));
		follower.start();
		await().atMost(WAIT).until(() -> dispatchedAt.size() >= 2);
		assertThat(follower.schedules().isLeader()).isFalse();

		// the leader's process dies: its connections drop, its lock stays until it
		// expires
		long died = now();
		leaderClient.shutdown(Duration.ZERO, Duration.ZERO);
		assertThat(raw.commands().get(key("schedules:lock"))).isNotNull();

		await().atMost(WAIT).until(() -> dispatchedAt.stream().anyMatch(at -> at > died));
		long firstAfter = dispatchedAt.stream().filter(at -> at > died).min(Long::compare).orElseThrow();
		assertThat(follower.schedules().isLeader()).isTrue();
		assertThat(firstAfter - died).as("lock TTL (2000 ms) + one tick (200 ms), with 800 ms for a busy machine")
			.isLessThanOrEqualTo(3_000);
	}

}
