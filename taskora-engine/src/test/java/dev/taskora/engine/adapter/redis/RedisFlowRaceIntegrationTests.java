package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.flow.Debounce;
import dev.taskora.engine.flow.Deduplicate;
import dev.taskora.engine.flow.Throttle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flow control under contention on one Redis: dispatchers in separate apps (each with its
 * own connection) and threads race for the same keys, and each rule holds exactly because
 * each decision is one script.
 */
class RedisFlowRaceIntegrationTests extends RedisIntegrationTestSupport {

	private final List<Taskora> apps = new ArrayList<>();

	private final ExecutorService threads = Executors.newFixedThreadPool(8);

	@AfterEach
	void closeApps() {
		this.threads.shutdownNow();
		this.apps.forEach(app -> app.close(Duration.ofSeconds(5)));
	}

	/** A connected app with a Redis connection of its own, on this test's prefix. */
	private Taskora app() {
		Taskora app = Taskora.builder()
			.adapter(RedisAdapter.create(server.options().prefix(this.prefix).build()))
			.shutdownTimeout(Duration.ofSeconds(5))
			.build();
		this.apps.add(app);
		app.connect();
		return app;
	}

	@Test
	void twoDispatchersRacingForOneDedupKeyStoreExactlyOneJob() throws Exception {
		String task = task();
		Task<String, String> left = app().task(task, String.class, String.class).register();
		Task<String, String> right = app().task(task, String.class, String.class).register();
		for (int round = 0; round < 25; round++) {
			DispatchOptions dedup = DispatchOptions.builder().deduplicate(new Deduplicate("report:" + round)).build();
			CountDownLatch go = new CountDownLatch(1);
			Future<ResultHandle<String>> a = this.threads.submit(dispatchOnSignal(go, left, "left", dedup));
			Future<ResultHandle<String>> b = this.threads.submit(dispatchOnSignal(go, right, "right", dedup));
			go.countDown();
			List<ResultHandle<String>> both = List.of(a.get(), b.get());

			List<ResultHandle<String>> stored = both.stream().filter(handle -> handle.enqueued().join()).toList();
			assertThat(stored).as("round " + round).hasSize(1);
			ResultHandle<String> refused = both.stream()
				.filter(handle -> !handle.enqueued().join())
				.findFirst()
				.orElseThrow();
			assertThat(refused.existingId()).isEqualTo(stored.get(0).id());
			assertThat(raw.commands().get(keys(task).dedup("report:" + round))).isEqualTo(stored.get(0).id());
			assertThat(raw.commands().exists(keys(task).job(refused.id()))).isZero();
		}
		assertThat(raw.commands().llen(keys(task).waitList())).isEqualTo(25);
	}

	@Test
	void aThousandConcurrentDispatchesAgainstAThrottleOfOneHundredAdmitExactlyOneHundred() throws Exception {
		String task = task();
		List<Task<String, String>> producers = List.of(app().task(task, String.class, String.class).register(),
				app().task(task, String.class, String.class).register());
		DispatchOptions throttle = DispatchOptions.builder()
			.throttle(new Throttle("partner-api", 100, Duration.ofMinutes(5)))
			.build();
		CountDownLatch go = new CountDownLatch(1);
		List<Future<List<ResultHandle<String>>>> batches = new ArrayList<>();
		for (int thread = 0; thread < 8; thread++) {
			Task<String, String> producer = producers.get(thread % 2);
			int first = thread * 125;
			batches.add(this.threads.submit(() -> {
				go.await();
				List<ResultHandle<String>> handles = new ArrayList<>();
				for (int n = first; n < first + 125; n++) {
					handles.add(producer.dispatch("call-" + n, throttle));
				}
				return handles;
			}));
		}
		go.countDown();
		long admitted = 0;
		for (Future<List<ResultHandle<String>>> batch : batches) {
			for (ResultHandle<String> handle : batch.get()) {
				if (handle.awaitEnqueued(WAIT).enqueued().join()) {
					admitted++;
				}
			}
		}
		assertThat(admitted).isEqualTo(100);
		assertThat(raw.commands().get(keys(task).throttle("partner-api"))).isEqualTo("100");
		assertThat(raw.commands().llen(keys(task).waitList())).isEqualTo(100);
		assertThat(raw.commands().pttl(keys(task).throttle("partner-api"))).isPositive();
	}

	@Test
	void fiftyRapidDebouncedDispatchesLeaveOneJobThatRunsWithTheLastPayload() {
		String task = task();
		Taskora app = app();
		List<String> ran = new CopyOnWriteArrayList<>();
		Task<String, String> reindex = app.task(task, String.class, String.class).handler((s, ctx) -> {
			ran.add(s);
			return s;
		});
		DispatchOptions debounce = DispatchOptions.builder()
			.debounce(new Debounce("doc-9", Duration.ofSeconds(1)))
			.build();
		List<ResultHandle<String>> handles = new ArrayList<>();
		for (int n = 0; n < 50; n++) {
			handles.add(reindex.dispatch("v" + n, debounce));
		}
		handles.forEach(handle -> handle.awaitEnqueued(WAIT));
		String last = handles.get(49).id();

		RedisKeys.Task k = keys(task);
		assertThat(raw.commands().zrange(k.delayed(), 0, -1)).containsExactly(last);
		assertThat(raw.commands().get(k.debounce("doc-9"))).isEqualTo(last);
		assertThat(raw.commands().keys(k.jobPrefix() + "*-*-*")).containsExactly(k.job(last));
		assertThat(eventBodies(task)).filteredOn(body -> "debounced".equals(body.get("event"))).hasSize(49);

		app.start();
		await().atMost(WAIT).until(() -> !ran.isEmpty());
		assertThat(handles.get(49).await(WAIT)).isEqualTo("v49");
		assertThat(ran).containsExactly("v49");
		assertThat(raw.commands().zcard(k.delayed()) + raw.commands().llen(k.waitList())).isZero();
	}

	@Test
	void concurrentDebouncedDispatchesFromManyThreadsLeaveExactlyOneJob() throws Exception {
		String task = task();
		List<Task<String, String>> producers = List.of(app().task(task, String.class, String.class).register(),
				app().task(task, String.class, String.class).register());
		DispatchOptions debounce = DispatchOptions.builder()
			.debounce(new Debounce("doc-10", Duration.ofMinutes(1)))
			.build();
		CountDownLatch go = new CountDownLatch(1);
		List<Future<List<ResultHandle<String>>>> batches = new ArrayList<>();
		for (int thread = 0; thread < 5; thread++) {
			Task<String, String> producer = producers.get(thread % 2);
			batches.add(this.threads.submit(() -> {
				go.await();
				List<ResultHandle<String>> handles = new ArrayList<>();
				for (int n = 0; n < 10; n++) {
					handles.add(producer.dispatch("edit", debounce));
				}
				return handles;
			}));
		}
		go.countDown();
		for (Future<List<ResultHandle<String>>> batch : batches) {
			batch.get().forEach(handle -> handle.awaitEnqueued(WAIT));
		}
		RedisKeys.Task k = keys(task);
		List<String> pending = raw.commands().zrange(k.delayed(), 0, -1);
		assertThat(pending).hasSize(1);
		assertThat(raw.commands().get(k.debounce("doc-10"))).isEqualTo(pending.get(0));
		assertThat(raw.commands().keys(k.jobPrefix() + "*-*-*")).containsExactly(k.job(pending.get(0)));
	}

	private static Callable<ResultHandle<String>> dispatchOnSignal(CountDownLatch go, Task<String, String> task,
			String data, DispatchOptions options) {
		return () -> {
			go.await();
			return task.dispatch(data, options).awaitEnqueued(WAIT);
		};
	}

}
