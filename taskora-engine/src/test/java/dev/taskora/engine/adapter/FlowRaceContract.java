package dev.taskora.engine.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.flow.Debounce;
import dev.taskora.engine.flow.Deduplicate;
import dev.taskora.engine.flow.Throttle;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flow control under contention: dispatchers in two apps sharing one store (two
 * processes, each with its own connection on Redis) and many threads race for the same
 * keys, and every rule holds exactly, because each decision is one atomic transition.
 */
public abstract class FlowRaceContract extends AdapterContract {

	private final ExecutorService threads = Executors.newFixedThreadPool(8);

	protected FlowRaceContract(AdapterFactory factory) {
		super(factory);
	}

	@AfterEach
	void stopThreads() {
		this.threads.shutdownNow();
	}

	/**
	 * The first of the two apps {@link #producers} made: its adapter reads the shared
	 * store.
	 */
	private @Nullable Taskora first;

	/** Two connected apps on one store, each registering the task as a producer. */
	private List<Task<String, String>> producers(String task) {
		Taskora one = live();
		Taskora two = liveSharingStoreWith(one);
		one.connect();
		two.connect();
		this.first = one;
		return List.of(one.task(task, String.class, String.class).register(),
				two.task(task, String.class, String.class).register());
	}

	private Adapter store() {
		return adapter(Objects.requireNonNull(this.first));
	}

	@Test
	void twoDispatchersRacingForOneDedupKeyStoreExactlyOneJob() throws Exception {
		String task = name();
		List<Task<String, String>> producers = producers(task);
		for (int round = 0; round < 25; round++) {
			DispatchOptions dedup = DispatchOptions.builder().deduplicate(new Deduplicate("report:" + round)).build();
			CountDownLatch go = new CountDownLatch(1);
			Future<ResultHandle<String>> left = this.threads.submit(onSignal(go, producers.get(0), "left", dedup));
			Future<ResultHandle<String>> right = this.threads.submit(onSignal(go, producers.get(1), "right", dedup));
			go.countDown();
			List<ResultHandle<String>> both = List.of(left.get(), right.get());

			List<ResultHandle<String>> stored = both.stream().filter(handle -> handle.enqueued().join()).toList();
			assertThat(stored).as("round " + round).hasSize(1);
			ResultHandle<String> refused = both.stream()
				.filter(handle -> !handle.enqueued().join())
				.findFirst()
				.orElseThrow();
			assertThat(refused.existingId()).isEqualTo(stored.get(0).id());
			assertThat(refused.state()).as("nothing stored for the refused dispatch").isNull();
		}
		assertThat(store().inspect().countByState(task).join()).containsEntry(JobState.WAITING, 25L);
	}

	@Test
	void aThousandConcurrentDispatchesAgainstAThrottleOfOneHundredAdmitExactlyOneHundred() throws Exception {
		String task = name();
		List<Task<String, String>> producers = producers(task);
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
		long refused = 0;
		for (Future<List<ResultHandle<String>>> batch : batches) {
			for (ResultHandle<String> handle : batch.get()) {
				if (handle.awaitEnqueued(WAIT).enqueued().join()) {
					admitted++;
				}
				else {
					refused++;
				}
			}
		}
		assertThat(admitted).isEqualTo(100);
		assertThat(refused).isEqualTo(900);
		assertThat(store().inspect().countByState(task).join()).containsEntry(JobState.WAITING, 100L);
	}

	@Test
	void fiftyRapidDebouncedDispatchesLeaveOneJobThatRunsWithTheLastPayload() {
		Taskora app = live();
		List<String> ran = new CopyOnWriteArrayList<>();
		Task<String, String> reindex = app.task(name(), String.class, String.class).handler((s, ctx) -> {
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
		ResultHandle<String> last = handles.get(49);
		assertThat(adapter(app).inspect().countByState(reindex.name()).join()).containsEntry(JobState.DELAYED, 1L)
			.containsEntry(JobState.WAITING, 0L);
		assertThat(last.state()).isEqualTo(JobState.DELAYED);
		assertThat(handles.subList(0, 49)).allSatisfy(replaced -> assertThat(replaced.state()).isNull());

		app.start();
		assertThat(last.await(WAIT)).isEqualTo("v49");
		assertThat(ran).containsExactly("v49");
		assertThat(adapter(app).inspect().countByState(reindex.name()).join()).containsEntry(JobState.COMPLETED, 1L)
			.containsEntry(JobState.DELAYED, 0L);
	}

	@Test
	void debouncedDispatchesRacingFromManyThreadsAndTwoAppsLeaveExactlyOneJob() throws Exception {
		String task = name();
		List<Task<String, String>> producers = producers(task);
		DispatchOptions debounce = DispatchOptions.builder()
			.debounce(new Debounce("doc-10", Duration.ofMinutes(1)))
			.build();
		CountDownLatch go = new CountDownLatch(1);
		List<Future<List<ResultHandle<String>>>> batches = new ArrayList<>();
		for (int thread = 0; thread < 5; thread++) {
			Task<String, String> producer = producers.get(thread % 2);
			int writer = thread;
			batches.add(this.threads.submit(() -> {
				go.await();
				List<ResultHandle<String>> handles = new ArrayList<>();
				for (int n = 0; n < 10; n++) {
					handles.add(producer.dispatch("edit " + writer + "." + n, debounce));
				}
				return handles;
			}));
		}
		go.countDown();
		List<ResultHandle<String>> all = new ArrayList<>();
		for (Future<List<ResultHandle<String>>> batch : batches) {
			batch.get().forEach(handle -> all.add(handle.awaitEnqueued(WAIT)));
		}
		Adapter store = store();
		await().atMost(WAIT)
			.untilAsserted(
					() -> assertThat(store.inspect().countByState(task).join()).containsEntry(JobState.DELAYED, 1L));
		assertThat(all.stream().filter(handle -> handle.state() != null)).as("jobs left of 50 dispatches").hasSize(1);
	}

	private static Callable<ResultHandle<String>> onSignal(CountDownLatch go, Task<String, String> task, String data,
			DispatchOptions options) {
		return () -> {
			go.await();
			return task.dispatch(data, options).awaitEnqueued(WAIT);
		};
	}

}
