package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.ClaimRequest;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.EventSubscription;
import dev.taskora.engine.adapter.JobCompletion;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.Settlement;
import dev.taskora.engine.adapter.WorkWaiter;
import dev.taskora.engine.job.CancelOutcome;
import io.lettuce.core.FlushMode;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The adapter on a real three-node Redis Cluster: tasks on different slots, one adapter.
 */
class RedisClusterIntegrationTests {

	private static RedisTestCluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = RedisTestCluster.start();
	}

	@AfterAll
	static void stopCluster() {
		if (cluster != null) {
			cluster.close();
		}
	}

	@Test
	void everyTransitionEventAndNoticeWorksAcrossSlots() throws Exception {
		assumeThat(cluster).as("redis-server and redis-cli on the PATH").isNotNull();
		RedisAdapter adapter = clusterAdapter();
		try {
			adapter.connect().join();
			List<String> tasks = List.of("alpha", "beta", "gamma", "delta");
			assertThat(tasks.stream().map(task -> SlotHash.getSlot("{" + task + "}")).distinct()).hasSize(4);
			List<AdapterEvent> seen = new CopyOnWriteArrayList<>();
			EventSubscription subscription = adapter.events().subscribe(seen::add);
			List<String> cancelled = new CopyOnWriteArrayList<>();
			for (String task : tasks) {
				subscription.watch(task).join();
				adapter.events().subscribeCancellations(task, cancelled::add);
			}

			for (String task : tasks) {
				adapter.jobs().enqueueBulk(task, List.of(job(task), job("second"))).join();
				ClaimedJob first = adapter.jobs().claim(task, request()).join();
				assertThat(first.data()).isEqualTo(task);
				Settlement settled = adapter.jobs()
					.ack(task, new JobCompletion(first.id(), first.token(), "1", now()), request())
					.join();
				assertThat(settled.next().data()).isEqualTo("second");
				assertThat(adapter.jobs().cancel(task, settled.next().id(), "stop", now()).join())
					.isEqualTo(CancelOutcome.FLAGGED);
			}

			await().atMost(Duration.ofSeconds(10)).until(() -> cancelled.size() == tasks.size());
			// per task: waiting, waiting, active, completed, active
			await().atMost(Duration.ofSeconds(10)).until(() -> seen.size() == 5 * tasks.size());
			assertThat(seen).extracting(AdapterEvent::task).containsOnlyElementsOf(tasks);

			try (WorkWaiter waiter = adapter.events().workWaiter("omega")) {
				waiter.await(Duration.ofMillis(10));
				NewJob late = job("late");
				adapter.jobs().enqueue("omega", late).join();
				long started = System.nanoTime();
				waiter.await(Duration.ofSeconds(20));
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
				assertThat(adapter.jobs().claim("omega", request()).join().id()).isEqualTo(late.id());
			}
		}
		finally {
			adapter.disconnect().join();
		}
	}

	@Test
	void theScriptLibraryIsOnEveryPrimaryAndLoadedAgainWhereItWasLost() {
		assumeThat(cluster).as("redis-server and redis-cli on the PATH").isNotNull();
		RedisAdapter adapter = clusterAdapter();
		List<String> nodes = List.of(cluster.seeds().split(","));
		try {
			adapter.connect().join();
			assertThat(nodes).allSatisfy(node -> assertThat(libraries(node)).isEqualTo(1));
			for (String node : nodes) {
				try (RawRedis raw = new RawRedis(node)) {
					raw.commands().functionFlush(FlushMode.SYNC);
				}
			}

			for (String task : List.of("alpha", "beta", "gamma", "delta")) {
				adapter.jobs().enqueue(task, job(task)).join();
				assertThat(adapter.jobs().claim(task, request()).join().data()).isEqualTo(task);
			}

			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(nodes).allSatisfy(node -> assertThat(libraries(node)).isEqualTo(1)));
		}
		finally {
			adapter.disconnect().join();
		}
	}

	private static RedisAdapter clusterAdapter() {
		return RedisAdapter.create(RedisAdapterOptions.builder()
			.url(cluster.seeds())
			.cluster(true)
			.prefix(RedisTestServer.uniquePrefix())
			.build());
	}

	private static int libraries(String node) {
		try (RawRedis raw = new RawRedis(node)) {
			return raw.commands().functionList(LuaLibrary.NAME).size();
		}
	}

	private static NewJob job(String data) {
		return NewJob.of(UUID.randomUUID().toString(), data, now(), 1, 0, 1, 0);
	}

	private static ClaimRequest request() {
		return new ClaimRequest(UUID.randomUUID().toString(), 30_000, now(), false, false);
	}

	private static long now() {
		return System.currentTimeMillis();
	}

}
