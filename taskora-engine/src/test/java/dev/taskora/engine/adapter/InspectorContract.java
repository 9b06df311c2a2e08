package dev.taskora.engine.adapter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.inspect.Inspector;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.engine.inspect.Paging;
import dev.taskora.engine.inspect.QueueStats;
import dev.taskora.engine.inspect.ThroughputBucket;
import dev.taskora.engine.inspect.VersionDistribution;
import dev.taskora.engine.job.LogEntry;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.testing.VirtualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The inspector over the {@link InspectStore} and {@link Maintenance} facets: pages of
 * jobs in every state in taskora's orders, one task's or all of them merged, stats,
 * payload versions, per-minute throughput, cleaning finished jobs, and what bad input
 * gets.
 */
public abstract class InspectorContract extends AdapterContract {

	protected InspectorContract(AdapterFactory factory) {
		super(factory);
	}

	@Test
	void tellsWhatTheStoreSaysAboutItselfOnRedisAndNothingElsewhere() {
		Taskora app = virtual(new VirtualClock());
		app.task(name(), String.class, String.class).register();
		Map<String, String> info = app.inspect().serverInfo();
		// the contract runs as a nested class of each adapter's test class
		if (!getClass().getName().contains("Redis")) {
			assertThat(info).isEmpty();
		}
		else {
			assertThat(info.get("redis_version")).matches("\\d+\\..*");
			assertThat(info).containsKeys("uptime_in_seconds", "used_memory_human", "connected_clients");
		}
	}

	@Test
	void listsWaitingJobsInClaimOrderPageByPage() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).register();
		for (String data : List.of("a", "b", "c")) {
			task.dispatch(data).enqueued().join();
			clock.advance(Duration.ofSeconds(1));
		}
		task.dispatch("p5", DispatchOptions.priority(5)).enqueued().join();
		task.dispatch("p10", DispatchOptions.priority(10)).enqueued().join();
		Inspector inspect = app.inspect();

		assertThat(data(inspect.jobs(task.name(), JobState.WAITING, Paging.first(10)))).containsExactly("p10", "p5",
				"a", "b", "c");
		assertThat(data(inspect.jobs(task.name(), JobState.WAITING, Paging.of(1, 2)))).containsExactly("p5", "a");
		assertThat(data(inspect.jobs(task.name(), JobState.WAITING, Paging.of(1, 2).next()))).containsExactly("b", "c");
		assertThat(inspect.jobs(task.name(), JobState.WAITING, Paging.of(5, 5))).isEmpty();
		assertThat(inspect.jobs(task.name(), JobState.WAITING, Paging.first(0))).isEmpty();
		List<JobSnapshot<String, String>> typed = inspect.jobs(task, JobState.WAITING, Paging.first(1));
		assertThat(typed).singleElement().satisfies(job -> {
			assertThat(job.data()).isEqualTo("p10");
			assertThat(job.state()).isEqualTo(JobState.WAITING);
		});
	}

	@Test
	void listsEveryStateInTaskorasOrder() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> done = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
		Task<String, String> failing = app.task(name(), String.class, String.class).handler((s, ctx) -> {
			throw new IllegalStateException("no " + s);
		});
		Task<String, String> retrying = app.task(name(), String.class, String.class)
			.retry(Retry.fixed(3, Duration.ofMinutes(10)).jitter(false))
			.handler((s, ctx) -> {
				throw new IllegalStateException("later " + s);
			});
		Task<String, String> expiring = app.task(name(), String.class, String.class)
			.ttl(Duration.ofMinutes(1), false)
			.handler((s, ctx) -> s);
		Task<String, String> held = app.task(name(), String.class, String.class).register();
		Inspector inspect = app.inspect();

		for (String data : List.of("d1", "d2")) {
			done.dispatch(data).enqueued().join();
			failing.dispatch("f" + data.substring(1)).enqueued().join();
			processAll(app);
			clock.advance(Duration.ofMinutes(1));
		}
		retrying.dispatch("late", DispatchOptions.delay(Duration.ofMinutes(30))).enqueued().join();
		retrying.dispatch("soon", DispatchOptions.delay(Duration.ofMinutes(5))).enqueued().join();
		retrying.dispatch("r1").enqueued().join();
		ResultHandle<String> cancelled = retrying.dispatch("never", DispatchOptions.delay(Duration.ofHours(1)));
		cancelled.enqueued().join();
		cancelled.cancel("not needed");
		processAll(app);
		expiring.dispatch("e1").enqueued().join();
		held.dispatch("a1").enqueued().join();
		clock.advance(Duration.ofSeconds(1));
		held.dispatch("a2").enqueued().join();
		Adapter adapter = adapter(app);
		adapter.jobs().claim(held.name(), claimRequest(adapter, 60_000)).join();
		adapter.jobs().claim(held.name(), claimRequest(adapter, 60_000)).join();
		clock.advance(Duration.ofMinutes(2));
		processAll(app);

		Paging all = Paging.first(50);
		assertThat(data(inspect.jobs(done.name(), JobState.COMPLETED, all))).containsExactly("d2", "d1");
		List<JobSnapshot<Object, Object>> failed = inspect.jobs(failing.name(), JobState.FAILED, all);
		assertThat(data(failed)).containsExactly("f2", "f1");
		assertThat(failed).extracting(JobSnapshot::error).containsExactly("no f2", "no f1");
		assertThat(data(inspect.jobs(retrying.name(), JobState.DELAYED, all))).as("soonest due first, retries too")
			.containsExactly("soon", "r1", "late");
		assertThat(inspect.jobs(retrying.name(), JobState.DELAYED, all)).extracting(JobSnapshot::state)
			.containsExactly(JobState.DELAYED, JobState.RETRYING, JobState.DELAYED);
		assertThat(data(inspect.jobs(retrying.name(), JobState.RETRYING, all))).containsExactly("r1");
		assertThat(inspect.jobs(retrying.name(), JobState.RETRYING, Paging.of(1, 5))).isEmpty();
		assertThat(data(inspect.jobs(retrying.name(), JobState.CANCELLED, all))).containsExactly("never");
		assertThat(data(inspect.jobs(expiring.name(), JobState.EXPIRED, all))).containsExactly("e1");
		assertThat(data(inspect.jobs(held.name(), JobState.ACTIVE, all))).containsExactly("a1", "a2");
		assertThat(data(inspect.jobs(held.name(), JobState.ACTIVE, Paging.of(1, 1)))).containsExactly("a2");
		assertThat(inspect.jobs(held.name(), JobState.WAITING, all)).isEmpty();
	}

	@Test
	void aListedJobShowsWhatALookupShowsWithItsWorkflowLink() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<Echo, Echo> echo = app.task(name(), Echo.class, Echo.class).version(2).handler((e, ctx) -> {
			ctx.log().info("echoing", Map.of("length", e.text().length()));
			ctx.progress(Map.of("step", 1));
			return new Echo(e.text() + "!");
		});
		ResultHandle<Echo> handle = echo.dispatch(new Echo("hi"));
		handle.enqueued().join();
		clock.advance(Duration.ofSeconds(3));
		processAll(app);

		JobSnapshot<Object, Object> listed = app.inspect()
			.jobs(echo.name(), JobState.COMPLETED, Paging.first(1))
			.get(0);
		assertThat(listed).isEqualTo(app.inspect().find(echo.name(), handle.id()).orElseThrow());
		assertThat(listed.id()).isEqualTo(handle.id());
		assertThat(listed.data()).isEqualTo(new Echo("hi"));
		assertThat(listed.result()).isEqualTo(new Echo("hi!"));
		assertThat(listed.version()).isEqualTo(2);
		assertThat(listed.attempt()).isEqualTo(1);
		assertThat(listed.maxAttempts()).isEqualTo(1);
		assertThat(listed.progress()).isEqualTo(Map.of("step", 1));
		assertThat(listed.logs()).extracting(LogEntry::message).containsExactly("echoing");
		assertThat(listed.timeline().ts()).isEqualTo(clock.millis() - 3000);
		assertThat(listed.timeline().processedOn()).isEqualTo(clock.millis());
		assertThat(listed.timeline().finishedOn()).isEqualTo(clock.millis());
		assertThat(listed.workflow()).isNull();
		JobSnapshot<Echo, Echo> typed = app.inspect().jobs(echo, JobState.COMPLETED, Paging.first(1)).get(0);
		assertThat(typed.result().text()).isEqualTo("hi!");

		String step = UUID.randomUUID().toString();
		adapter(app).jobs()
			.enqueue(echo.name(),
					new NewJob(step, "{\"text\":\"wf\"}", clock.millis(), 2, 0, 1, 0, 0, null, 0, "wf-1", 3))
			.join();
		JobSnapshot<Object, Object> node = app.inspect().jobs(echo.name(), JobState.WAITING, Paging.first(1)).get(0);
		assertThat(node.workflow()).isEqualTo(new JobSnapshot.WorkflowLink("wf-1", 3));
		assertThat(app.inspect().find(step).orElseThrow().workflow()).isEqualTo(node.workflow());
	}

	@Test
	void listsAcrossTheAppsTasksMergedInTheStatesOrder() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> first = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
		Task<String, String> second = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
		for (Task<String, String> task : List.of(first, second, first, second)) {
			clock.advance(Duration.ofMinutes(1));
			task.dispatch(task.name().equals(first.name()) ? "first@" + clock.millis() : "second@" + clock.millis())
				.enqueued()
				.join();
			processAll(app);
		}
		List<Object> newestFirst = data(app.inspect().jobs(JobState.COMPLETED, Paging.first(10)));
		assertThat(newestFirst).hasSize(4);
		assertThat(newestFirst).extracting(text -> Long.parseLong(text.toString().replaceAll(".*@", "")))
			.isSortedAccordingTo((a, b) -> Long.compare(b, a));
		assertThat(newestFirst.get(0).toString()).startsWith("second@");
		assertThat(data(app.inspect().jobs(JobState.COMPLETED, Paging.of(1, 2))))
			.containsExactlyElementsOf(newestFirst.subList(1, 3));
		assertThat(app.inspect().jobs(JobState.COMPLETED, Paging.of(4, 2))).isEmpty();

		clock.advance(Duration.ofMinutes(1));
		second.dispatch("w1").enqueued().join();
		clock.advance(Duration.ofSeconds(1));
		first.dispatch("w2").enqueued().join();
		assertThat(data(app.inspect().jobs(JobState.WAITING, Paging.first(10)))).containsExactly("w1", "w2");
	}

	@Test
	void statsCountOneTaskOrTheWholeApp() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> first = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
		Task<String, String> second = app.task(name(), String.class, String.class).handler((s, ctx) -> {
			throw new IllegalStateException("no");
		});
		first.dispatch("a").enqueued().join();
		second.dispatch("b").enqueued().join();
		processAll(app);
		first.dispatch("c").enqueued().join();
		second.dispatch("d", DispatchOptions.delay(Duration.ofMinutes(1))).enqueued().join();

		assertThat(app.inspect().stats(first.name())).isEqualTo(new QueueStats(1, 0, 0, 1, 0, 0, 0));
		assertThat(app.inspect().stats(second.name())).isEqualTo(new QueueStats(0, 0, 1, 0, 1, 0, 0));
		QueueStats all = app.inspect().stats();
		assertThat(all).isEqualTo(new QueueStats(1, 0, 1, 1, 1, 0, 0));
		assertThat(all.total()).isEqualTo(4);
	}

	@Test
	void countsUnfinishedJobsByPayloadVersion() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).version(3).register();
		task.dispatch("v3").enqueued().join();
		task.dispatch("v3 again").enqueued().join();
		Adapter adapter = adapter(app);
		long now = clock.millis();
		JobStore jobs = adapter.jobs();
		jobs.enqueue(task.name(), NewJob.of(UUID.randomUUID().toString(), "\"old\"", now, 1, 0, 1, 0)).join();
		jobs.enqueue(task.name(), NewJob.of(UUID.randomUUID().toString(), "\"old\"", now, 1, 0, 1, 0)).join();
		jobs.enqueue(task.name(), NewJob.of(UUID.randomUUID().toString(), "\"mid\"", now, 2, 5, 1, 0)).join();
		jobs.enqueue(task.name(), NewJob.of(UUID.randomUUID().toString(), "\"mid\"", now, 2, 0, 1, 60_000)).join();
		assertThat(jobs.claim(task.name(), claimRequest(adapter, 60_000)).join().data()).as("priority first")
			.isEqualTo("\"mid\"");

		VersionDistribution versions = app.inspect().versions(task.name());
		assertThat(versions.waiting()).isEqualTo(Map.of(1, 2L, 3, 2L));
		assertThat(versions.active()).isEqualTo(Map.of(2, 1L));
		assertThat(versions.delayed()).isEqualTo(Map.of(2, 1L));
		assertThat(versions.total()).isEqualTo(Map.of(1, 2L, 2, 2L, 3, 2L));
		assertThat(versions.oldest()).contains(1);
		Task<String, String> empty = app.task(name(), String.class, String.class).register();
		assertThat(app.inspect().versions(empty.name()).oldest()).isEmpty();
	}

	@Test
	void countsJobsCompletedAndFailedForGoodPerMinute() {
		VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T10:00:30Z"));
		long minute = Instant.parse("2026-01-01T10:00:00Z").toEpochMilli();
		Taskora app = virtual(clock);
		Task<String, String> ok = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
		Task<String, String> bad = app.task(name(), String.class, String.class).handler((s, ctx) -> {
			throw new IllegalStateException("no");
		});
		Task<String, String> flaky = app.task(name(), String.class, String.class)
			.retry(Retry.fixed(2, Duration.ofSeconds(30)).jitter(false))
			.handler((s, ctx) -> {
				if (ctx.attempt() == 1) {
					throw new IllegalStateException("once");
				}
				return s;
			});
		ok.dispatch("1").enqueued().join();
		ok.dispatch("2").enqueued().join();
		bad.dispatch("3").enqueued().join();
		flaky.dispatch("4").enqueued().join();
		processAll(app);
		clock.advance(Duration.ofMinutes(1));
		ok.dispatch("5").enqueued().join();
		processAll(app);
		clock.advance(Duration.ofMinutes(1));

		assertThat(app.inspect().throughput(ok.name(), 3)).containsExactly(new ThroughputBucket(minute, 2, 0),
				new ThroughputBucket(minute + 60_000, 1, 0), new ThroughputBucket(minute + 120_000, 0, 0));
		assertThat(app.inspect().throughput(bad.name(), 3)).extracting(ThroughputBucket::failed)
			.containsExactly(1L, 0L, 0L);
		assertThat(app.inspect().throughput(flaky.name(), 3)).as("a retried attempt is no failure")
			.extracting(ThroughputBucket::completed, ThroughputBucket::failed)
			.containsExactly(tuple(0L, 0L), tuple(1L, 0L), tuple(0L, 0L));
		assertThat(app.inspect().throughput(3)).containsExactly(new ThroughputBucket(minute, 2, 1),
				new ThroughputBucket(minute + 60_000, 2, 0), new ThroughputBucket(minute + 120_000, 0, 0));
		assertThat(app.inspect().throughput(1)).singleElement()
			.satisfies(bucket -> assertThat(bucket.minute()).isEqualTo(Instant.parse("2026-01-01T10:02:00Z")));
		assertThat(app.inspect().throughput(1440)).hasSize(1440)
			.last()
			.isEqualTo(new ThroughputBucket(minute + 120_000, 0, 0));
	}

	@Test
	void cleanDeletesFinishedJobsOlderThanAnAgeInBatches() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<Integer, Integer> bad = app.task(name(), Integer.class, Integer.class).handler((n, ctx) -> {
			ctx.log().info("failing " + n);
			throw new IllegalStateException("no");
		});
		List<Integer> numbers = new ArrayList<>();
		for (int i = 0; i < 150; i++) {
			numbers.add(i);
		}
		List<ResultHandle<Integer>> old = bad.dispatchMany(numbers);
		old.get(old.size() - 1).enqueued().join();
		processAll(app);
		clock.advance(Duration.ofMinutes(30));
		List<ResultHandle<Integer>> recent = bad.dispatchMany(numbers.subList(0, 20));
		recent.get(recent.size() - 1).enqueued().join();
		processAll(app);
		Inspector inspect = app.inspect();
		assertThat(inspect.counts(bad.name())).containsEntry(JobState.FAILED, 170L);

		assertThat(inspect.clean(bad.name(), JobState.FAILED, Duration.ofMinutes(10), 120)).isEqualTo(120);
		assertThat(inspect.counts(bad.name())).containsEntry(JobState.FAILED, 50L);
		assertThat(inspect.clean(bad.name(), JobState.FAILED, Duration.ofMinutes(10))).isEqualTo(30);
		assertThat(inspect.clean(bad.name(), JobState.FAILED, Duration.ofMinutes(10))).isZero();
		assertThat(inspect.counts(bad.name())).containsEntry(JobState.FAILED, 20L);
		String gone = old.get(0).id();
		assertThat(inspect.find(bad.name(), gone)).isEmpty();
		assertThat(adapter(app).inspect().logs(bad.name(), gone).join()).isEmpty();
		assertThat(inspect.find(recent.get(0).id())).isPresent();

		assertThat(inspect.clean(bad.name(), JobState.FAILED, Duration.ZERO, 5)).isEqualTo(5);
		assertThat(inspect.clean(bad.name(), JobState.FAILED, Duration.ZERO, 0)).isZero();
		assertThat(inspect.clean(bad.name(), JobState.COMPLETED, Duration.ZERO)).isZero();
		assertThat(inspect.counts(bad.name())).containsEntry(JobState.FAILED, 15L);
	}

	@Test
	void badInputGetsAnExceptionNamingItAndAnUnknownJobAnEmptyResult() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).register();
		Inspector inspect = app.inspect();
		String unknown = name();
		String named = "'" + unknown + "'";

		assertThatIllegalArgumentException().isThrownBy(() -> inspect.jobs(unknown, JobState.WAITING, Paging.DEFAULT))
			.withMessageContaining(named);
		assertThatIllegalArgumentException().isThrownBy(() -> inspect.counts(unknown)).withMessageContaining(named);
		assertThatIllegalArgumentException().isThrownBy(() -> inspect.stats(unknown)).withMessageContaining(named);
		assertThatIllegalArgumentException().isThrownBy(() -> inspect.versions(unknown)).withMessageContaining(named);
		assertThatIllegalArgumentException().isThrownBy(() -> inspect.throughput(unknown, 5))
			.withMessageContaining(named);
		assertThatIllegalArgumentException().isThrownBy(() -> inspect.clean(unknown, JobState.FAILED, Duration.ZERO))
			.withMessageContaining(named);
		assertThatIllegalArgumentException().isThrownBy(() -> inspect.find(unknown, "some-id"))
			.withMessageContaining(named)
			.withMessageContaining(task.name());

		assertThatIllegalArgumentException().isThrownBy(() -> Paging.of(-1, 5)).withMessageContaining("offset");
		assertThatIllegalArgumentException().isThrownBy(() -> Paging.of(0, -1)).withMessageContaining("limit");
		assertThatIllegalArgumentException().isThrownBy(() -> Paging.first(Paging.MAX_LIMIT + 1))
			.withMessageContaining("limit");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> inspect.clean(task.name(), JobState.WAITING, Duration.ZERO))
			.withMessageContaining("state");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> inspect.clean(task.name(), JobState.FAILED, Duration.ofSeconds(-1)))
			.withMessageContaining("olderThan");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> inspect.clean(task.name(), JobState.FAILED, Duration.ZERO, -1))
			.withMessageContaining("limit");
		assertThatIllegalArgumentException().isThrownBy(() -> inspect.throughput(task.name(), 0))
			.withMessageContaining("minutes");
		assertThatIllegalArgumentException().isThrownBy(() -> inspect.throughput(1441))
			.withMessageContaining("minutes");

		String nobody = UUID.randomUUID().toString();
		assertThat(inspect.find(nobody)).isEmpty();
		assertThat(inspect.find(task.name(), nobody)).isEmpty();
		assertThat(inspect.find(task, nobody)).isEmpty();
		assertThat(inspect.find("")).isEmpty();
	}

	private static List<Object> data(List<? extends JobSnapshot<?, ?>> jobs) {
		return jobs.stream().map(job -> (Object) job.data()).toList();
	}

}
