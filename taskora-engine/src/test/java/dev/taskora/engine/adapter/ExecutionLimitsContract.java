package dev.taskora.engine.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.DispatchRequest;
import dev.taskora.engine.ExpiredException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.testing.VirtualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What limits when and how often a job runs, decided at claim time: TTL (an expired job
 * never reaches a handler), singleton (one active job of the task across every worker)
 * and per-key concurrency (a key's jobs within its limit, in dispatch order).
 */
public abstract class ExecutionLimitsContract extends AdapterContract {

	protected ExecutionLimitsContract(AdapterFactory factory) {
		super(factory);
	}

	static DispatchOptions ttl(Duration ttl) {
		return DispatchOptions.builder().ttl(ttl).build();
	}

	static DispatchOptions keyed(String key, int limit) {
		return DispatchOptions.builder().concurrencyKey(key).concurrencyLimit(limit).build();
	}

	@Test
	void aDispatchTtlOverridesTheTasksAndAnExpiredJobNeverReachesTheHandler() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		AtomicInteger runs = new AtomicInteger();
		Task<String, String> task = app.task(name(), String.class, String.class)
			.ttl(Duration.ofHours(1), false)
			.handler((s, ctx) -> {
				runs.incrementAndGet();
				return s;
			});
		ResultHandle<String> shortLived = task.dispatch("stale", ttl(Duration.ofSeconds(1))).awaitEnqueued(WAIT);
		ResultHandle<String> taskTtl = task.dispatch("fresh").awaitEnqueued(WAIT);
		clock.advance(Duration.ofSeconds(1));
		assertThat(processAll(app)).isOne();
		assertThat(runs).hasValue(1);
		assertThat(shortLived.state()).isEqualTo(JobState.EXPIRED);
		assertThatThrownBy(() -> shortLived.await(WAIT)).isInstanceOf(ExpiredException.class);
		assertThat(taskTtl.state()).isEqualTo(JobState.COMPLETED);
	}

	@Test
	void discardDeletesAnExpiredJob() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		AtomicInteger runs = new AtomicInteger();
		Task<String, String> task = app.task(name(), String.class, String.class)
			.ttl(Duration.ofSeconds(1), true)
			.handler((s, ctx) -> {
				runs.incrementAndGet();
				return s;
			});
		ResultHandle<String> handle = task.dispatch("stale", DispatchOptions.delay(Duration.ofSeconds(2)))
			.awaitEnqueued(WAIT);
		clock.advance(Duration.ofSeconds(2));
		processAll(app);
		assertThat(runs).hasValue(0);
		assertThat(handle.state()).as("no trace left").isNull();
		assertThat(adapter(app).inspect().countByState(task.name()).join()).containsEntry(JobState.EXPIRED, 0L);
	}

	@Test
	void aJobThatStartedInTimeFinishesAndARetryDueAfterTheTtlIsNotRun() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		List<String> attempts = new CopyOnWriteArrayList<>();
		Task<String, String> task = app.task(name(), String.class, String.class)
			.retry(Retry.fixed(3, Duration.ofSeconds(10)).jitter(false))
			.handler((s, ctx) -> {
				attempts.add(s + "#" + ctx.attempt());
				// simulated work that outlasts the TTL
				clock.advance(Duration.ofSeconds(10));
				if (s.equals("flaky")) {
					throw new IllegalStateException("try later");
				}
				return s;
			});
		ResultHandle<String> slow = task.dispatch("slow", ttl(Duration.ofSeconds(5))).awaitEnqueued(WAIT);
		processAll(app);
		assertThat(slow.state()).isEqualTo(JobState.COMPLETED);

		ResultHandle<String> flaky = task.dispatch("flaky", ttl(Duration.ofSeconds(15))).awaitEnqueued(WAIT);
		processAll(app);
		clock.advance(Duration.ofSeconds(10));
		processAll(app);
		assertThat(attempts).containsExactly("slow#1", "flaky#1");
		assertThat(flaky.state()).isEqualTo(JobState.EXPIRED);
	}

	@Test
	void aSingletonNeverRunsTwoJobsAtOnceAcrossThreeWorkers() {
		Taskora first = live();
		List<Taskora> apps = List.of(first, liveSharingStoreWith(first), liveSharingStoreWith(first));
		String name = name();
		AtomicInteger active = new AtomicInteger();
		AtomicInteger overlaps = new AtomicInteger();
		AtomicInteger runs = new AtomicInteger();
		List<Task<String, String>> tasks = new ArrayList<>();
		for (Taskora app : apps) {
			tasks.add(app.task(name, String.class, String.class).singleton(true).concurrency(3).handler((s, ctx) -> {
				if (active.incrementAndGet() > 1) {
					overlaps.incrementAndGet();
				}
				// simulated work, long enough for the other workers to try to claim
				// meanwhile
				Thread.sleep(15);
				runs.incrementAndGet();
				active.decrementAndGet();
				return s;
			}));
			app.start();
		}
		List<ResultHandle<String>> handles = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			handles.add(tasks.get(i % 3).dispatch("job-" + i));
		}
		for (ResultHandle<String> handle : handles) {
			handle.await(WAIT);
		}
		assertThat(runs).hasValue(12);
		assertThat(overlaps).as("times a job started while another ran").hasValue(0);
	}

	@Test
	void aPerKeyLimitOfOneRunsEachKeysJobsOneAtATimeInDispatchOrder() {
		Taskora app = live();
		Map<String, List<Integer>> started = new ConcurrentHashMap<>();
		Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
		AtomicInteger overlaps = new AtomicInteger();
		Task<String, String> task = app.task(name(), String.class, String.class).concurrency(4).handler((s, ctx) -> {
			String key = s.substring(0, 1);
			if (active.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet() > 1) {
				overlaps.incrementAndGet();
			}
			started.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(Integer.parseInt(s.substring(1)));
			// simulated work, so the other workers claim while a key's job runs
			Thread.sleep(5);
			active.get(key).decrementAndGet();
			return s;
		});
		List<DispatchRequest<String>> requests = new ArrayList<>();
		for (int n = 0; n < 8; n++) {
			for (String key : List.of("a", "b", "c")) {
				requests.add(DispatchRequest.of(key + n, keyed("user:" + key, 1)));
			}
		}
		List<ResultHandle<String>> handles = task.dispatchAll(requests);
		app.start();
		handles.forEach(handle -> handle.await(WAIT));

		assertThat(overlaps).as("two jobs of one key at once").hasValue(0);
		for (String key : List.of("a", "b", "c")) {
			assertThat(started.get(key)).as("start order of key " + key).containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
		}
	}

	@Test
	void aHeldJobKeepsItsPlaceWhileTheClaimTakesJobsBehindIt() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).register();
		Adapter adapter = adapter(app);
		task.dispatch("a0", keyed("a", 1)).awaitEnqueued(WAIT);
		task.dispatch("a1", keyed("a", 1)).awaitEnqueued(WAIT);
		task.dispatch("b0", keyed("b", 1)).awaitEnqueued(WAIT);
		task.dispatch("a2", keyed("a", 1)).awaitEnqueued(WAIT);
		task.dispatch("p", DispatchOptions.priority(5)).awaitEnqueued(WAIT);

		assertThat(claimData(adapter, task)).isEqualTo("\"p\"");
		ClaimedJob a0 = adapter.jobs().claim(task.name(), claimRequest(adapter, 30_000)).join();
		assertThat(a0.data()).isEqualTo("\"a0\"");
		assertThat(claimData(adapter, task)).as("past the held a1").isEqualTo("\"b0\"");
		assertThat(adapter.jobs().claim(task.name(), claimRequest(adapter, 30_000)).join()).isNull();
		adapter.jobs().ack(task.name(), new JobCompletion(a0.id(), a0.token(), "null", clock.millis()), null).join();
		assertThat(claimData(adapter, task)).as("a1 kept its place ahead of a2").isEqualTo("\"a1\"");
	}

	@Test
	void theTasksLimitAppliesToAKeyDispatchedWithoutOne() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).concurrencyLimit(2).register();
		DispatchOptions tenant = DispatchOptions.builder().concurrencyKey("tenant-7").build();
		for (int i = 0; i < 3; i++) {
			task.dispatch("t" + i, tenant).awaitEnqueued(WAIT);
		}
		task.dispatch("other", keyed("tenant-8", 1)).awaitEnqueued(WAIT);

		List<String> claimed = new ArrayList<>();
		String data;
		while ((data = claimData(adapter(app), task)) != null) {
			claimed.add(data);
		}
		assertThat(claimed).containsExactly("\"t0\"", "\"t1\"", "\"other\"");
	}

	private static String claimData(Adapter adapter, Task<?, ?> task) {
		ClaimedJob job = adapter.jobs().claim(task.name(), claimRequest(adapter, 30_000)).join();
		return (job != null) ? job.data() : null;
	}

}
