package dev.taskora.spring.boot.autoconfigure.redis;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobContext;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.redis.RedisAdapter;
import dev.taskora.engine.adapter.redis.RedisTestServer;
import dev.taskora.engine.event.CompletedEvent;
import dev.taskora.engine.event.RetryingEvent;
import dev.taskora.engine.flow.Deduplicate;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.spring.annotation.OnTaskEvent;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.core.CancelResult;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Consumers, events and the template against a real Redis, through Spring Data Redis'
 * client.
 */
@SpringBootTest(classes = TaskoraRedisIntegrationTests.App.class, properties = "taskora.board.enabled=false")
class TaskoraRedisIntegrationTests {

	private static final String PREFIX = RedisTestServer.uniquePrefix();

	private static final Duration WAIT = Duration.ofSeconds(15);

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> RedisTestServer.get().url());
		registry.add("taskora.prefix", () -> PREFIX);
	}

	@Autowired
	private TaskoraOperations operations;

	@Autowired
	private Taskora taskora;

	@Autowired
	private LettuceConnectionFactory connectionFactory;

	@Autowired
	private Shipping shipping;

	@Autowired
	private HealthIndicator taskoraHealthIndicator;

	@Autowired
	private Manifests manifests;

	@Test
	void runsConsumersOnTheApplicationsRedisClient() {
		assertThat(this.taskora.inspect().adapterName()).isEqualTo("RedisAdapter");
		ResultHandle<Object> handle = this.operations.dispatch("ship", new Parcel("p-1", 3));
		assertThat(handle.await(WAIT)).isEqualTo(new Label("p-1", "LBL-p-1-3"));
		JobSnapshot<Object, Object> job = this.operations.findJob(handle.id()).orElseThrow();
		assertThat(job.state()).isEqualTo(JobState.COMPLETED);
		assertThat(job.data()).isEqualTo(new Parcel("p-1", 3));
		assertThat(job.logs()).hasSize(1);
		Set<String> keys = new StringRedisTemplate(this.connectionFactory).keys("taskora:" + PREFIX + ":*");
		assertThat(keys).isNotEmpty().allMatch(key -> key.startsWith("taskora:" + PREFIX + ":"));
	}

	@Test
	void retriesAndDeliversEventsThroughRedis() {
		ResultHandle<Object> handle = this.operations.dispatch("ship", new Parcel("flaky-1", 1));
		assertThat(handle.await(WAIT)).isEqualTo(new Label("flaky-1", "LBL-flaky-1-1"));
		await().atMost(WAIT).untilAsserted(() -> {
			assertThat(this.shipping.retries).extracting(RetryingEvent::id).contains(handle.id());
			assertThat(this.shipping.completed).extracting(CompletedEvent::id).contains(handle.id());
		});
		CompletedEvent completed = this.shipping.completed.stream()
			.filter(event -> event.id().equals(handle.id()))
			.findFirst()
			.orElseThrow();
		assertThat(completed.result()).isEqualTo(new Label("flaky-1", "LBL-flaky-1-1"));
		assertThat(completed.attempt()).isEqualTo(2);
		JobSnapshot job = this.operations.findJob(handle.id()).orElseThrow();
		assertThat(job.attempt()).isEqualTo(2);
		assertThat(job.error()).as("the first attempt's error, once the job completed").isNull();
	}

	@Test
	void reportsHealthWithQueueDepth() {
		this.operations.dispatch("ship", new Parcel("h-1", 1)).await(WAIT);
		var health = this.taskoraHealthIndicator.health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("adapter", "RedisAdapter").containsKey("queues");
	}

	@Test
	void refusesADuplicateAndBatchesACollectConsumerThroughRedis() {
		DispatchOptions once = DispatchOptions.builder()
			.deduplicate(new Deduplicate("label:p-9"))
			.delay(Duration.ofHours(1))
			.build();
		ResultHandle<Object> first = this.operations.enqueue("ship", new Parcel("p-9", 1), once);
		ResultHandle<Object> second = this.operations.enqueue("ship", new Parcel("p-9", 1), once);
		assertThat(first.enqueued().join()).isTrue();
		assertThat(second.enqueued().join()).isFalse();
		assertThat(second.existingId()).isEqualTo(first.id());
		assertThat(this.operations.cancel(first.id(), "relabelled")).isEqualTo(CancelResult.CANCELLED);
		assertThat(this.operations.enqueue("ship", new Parcel("p-9", 1), once).enqueued().join()).as("released")
			.isTrue();

		this.operations.enqueue("manifest", new Parcel("m-1", 1));
		this.operations.enqueue("manifest", new Parcel("m-2", 2));
		await().atMost(WAIT).until(() -> !this.manifests.batches.isEmpty());
		assertThat(this.manifests.batches).containsExactly(List.of(new Parcel("m-1", 1), new Parcel("m-2", 2)));
		Set<String> keys = new StringRedisTemplate(this.connectionFactory).keys("taskora:" + PREFIX + ":{manifest}:*");
		assertThat(keys).noneMatch(key -> key.contains(":collect:"));
	}

	record Parcel(String id, int weight) {
	}

	record Label(String parcel, String code) {
	}

	@TaskConsumer(name = "ship", retryAttempts = "3", retryDelay = "10ms")
	static class Shipping implements TaskHandler<Parcel, Label> {

		final AtomicInteger flakyRuns = new AtomicInteger();

		final List<RetryingEvent> retries = new CopyOnWriteArrayList<>();

		final List<CompletedEvent> completed = new CopyOnWriteArrayList<>();

		@Override
		public Label handle(Parcel parcel, JobContext ctx) {
			if (parcel.id().startsWith("flaky") && this.flakyRuns.incrementAndGet() == 1) {
				throw new IllegalStateException("carrier timeout");
			}
			ctx.log().info("labelled " + parcel.id());
			return new Label(parcel.id(), "LBL-" + parcel.id() + "-" + parcel.weight());
		}

		@OnTaskEvent
		void onRetry(RetryingEvent event) {
			this.retries.add(event);
		}

		@OnTaskEvent
		void onCompleted(CompletedEvent event) {
			this.completed.add(event);
		}

	}

	/** Collects parcels into a manifest: two at a time. */
	@TaskConsumer(name = "manifest", collectKey = "today", collectDelay = "1m", collectMaxSize = "2")
	static class Manifests implements TaskHandler<List<Parcel>, Integer> {

		final List<List<Parcel>> batches = new CopyOnWriteArrayList<>();

		@Override
		public Integer handle(List<Parcel> parcels, JobContext ctx) {
			this.batches.add(List.copyOf(parcels));
			return parcels.size();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ Shipping.class, Manifests.class })
	static class App {

	}

}
