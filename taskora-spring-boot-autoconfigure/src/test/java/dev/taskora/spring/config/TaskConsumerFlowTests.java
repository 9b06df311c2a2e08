package dev.taskora.spring.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.TaskHandler;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.flow.Collect;
import dev.taskora.engine.flow.CollectInfo;
import dev.taskora.engine.job.TaskOptions;
import dev.taskora.spring.annotation.CollectKeyResolver;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The {@code @TaskConsumer} attributes of flow control: singleton, TTL and its expiry
 * action, the per-key concurrency limit, and collect consumers, whose handler takes the
 * batch as a list.
 */
class TaskConsumerFlowTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory");

	@Test
	void appliesSingletonTtlOnExpireAndConcurrencyLimitWithPlaceholders() {
		this.runner.withBean(LimitedConsumer.class)
			.withPropertyValues("quotes.ttl=90s", "quotes.singleton=true", "quotes.per-account=2")
			.run(context -> {
				TaskOptions options = context.getBean(Taskora.class).findTask("push-quote").orElseThrow().options();
				assertThat(options.singleton()).isTrue();
				assertThat(options.ttl()).isEqualTo(Duration.ofSeconds(90));
				assertThat(options.discardExpired()).isTrue();
				assertThat(options.concurrencyLimit()).isEqualTo(2);
			});
	}

	@Test
	void withoutTheAttributesATaskKeepsTheEnginesDefaults() {
		this.runner.withBean(PlainConsumer.class).run(context -> {
			Task<?, ?> task = context.getBean(Taskora.class).findTask("plain").orElseThrow();
			assertThat(task.options().singleton()).isFalse();
			assertThat(task.options().nonBlocking()).isFalse();
			assertThat(task.options().ttl()).isNull();
			assertThat(task.options().discardExpired()).isFalse();
			assertThat(task.options().concurrencyLimit()).isZero();
			assertThat(task.collect()).isNull();
		});
	}

	@Test
	void onExpireAloneAppliesToTheTtlOfEachDispatch() {
		this.runner.withBean(DiscardingConsumer.class).run(context -> {
			TaskOptions options = context.getBean(Taskora.class).findTask("discarding").orElseThrow().options();
			assertThat(options.ttl()).isNull();
			assertThat(options.discardExpired()).isTrue();
		});
	}

	@Test
	void aCollectConsumerReceivesTypedBatchesOfItemsDispatchedOneByOne() {
		this.runner.withBean(BatchInsertConsumer.class).withPropertyValues("inserts.batch-size=3").run(context -> {
			Task<?, ?> task = context.getBean(Taskora.class).findTask("batch-insert").orElseThrow();
			assertThat(task.inputType().type()).isEqualTo(Row.class);
			assertThat(task.handlerInputType().getTypeName()).isEqualTo("java.util.List<" + Row.class.getName() + ">");
			Collect<?> collect = task.collect();
			assertThat(collect.staticKey()).isEqualTo("db-inserts");
			assertThat(collect.delay()).isEqualTo(Duration.ofMinutes(5));
			assertThat(collect.maxSize()).isEqualTo(3);
			assertThat(collect.maxWait()).isEqualTo(Duration.ofMinutes(10));

			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			operations.enqueue("batch-insert", new Row("a", 1));
			operations.enqueue("batch-insert", new Row("b", 2));
			assertThat(operations.peekCollect("batch-insert", "db-inserts")).containsExactly(new Row("a", 1),
					new Row("b", 2));
			assertThat(operations.inspectCollect("batch-insert", "db-inserts")).map(CollectInfo::count)
				.isEqualTo(Optional.of(2L));
			ResultHandle<Object> last = operations.enqueue("batch-insert", new Row("c", 3));
			assertThat(last.enqueued()).isCompletedWithValue(true);

			BatchInsertConsumer consumer = context.getBean(BatchInsertConsumer.class);
			await().atMost(WAIT).until(() -> !consumer.batches.isEmpty());
			assertThat(consumer.batches).containsExactly(List.of(new Row("a", 1), new Row("b", 2), new Row("c", 3)));
			assertThat(operations.inspectCollect("batch-insert", "db-inserts")).isEmpty();
		});
	}

	@Test
	void aCollectConsumerThatResolvesKeysBuffersEachKeyApart() {
		this.runner.withBean(RegionConsumer.class).run(context -> {
			TaskoraOperations operations = context.getBean(TaskoraOperations.class);
			operations.enqueue("regions", new Row("eu", 1));
			operations.enqueue("regions", new Row("us", 2));
			operations.enqueue("regions", new Row("eu", 3));
			RegionConsumer consumer = context.getBean(RegionConsumer.class);
			await().atMost(WAIT).until(() -> !consumer.batches.isEmpty());
			assertThat(consumer.batches).containsExactly(List.of(new Row("eu", 1), new Row("eu", 3)));
			assertThat(operations.peekCollect("regions", "region:us")).containsExactly(new Row("us", 2));
			assertThatExceptionOfType(ValidationException.class)
				.isThrownBy(() -> operations.dispatch("regions", new Row(" ", 4)))
				.withMessageContaining("regions")
				.withMessageContaining("collect key");
		});
	}

	@Test
	void peekingATaskThatDoesNotCollectFailsNamingIt() {
		this.runner.withBean(PlainConsumer.class)
			.run(context -> assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(() -> context.getBean(TaskoraOperations.class).peekCollect("plain", "k"))
				.withMessageContaining("'plain' does not collect"));
	}

	@Test
	void collectAttributesOnAHandlerThatDoesNotTakeAListFail() {
		this.runner.withBean("notABatch", NotABatch.class)
			.run(context -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidTaskConsumerException.class, ex -> {
					assertThat(ex.getBeanName()).isEqualTo("notABatch");
					assertThat(ex.getReason()).contains("collect*", "TaskHandler<" + Row.class.getName());
					assertThat(ex.getAction()).contains("TaskHandler<List<Item>, Output>");
				}));
	}

	@Test
	void aCollectConsumerWithoutADelayFails() {
		this.runner.withBean("noDelay", NoDelay.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskConsumerException.class, ex -> {
					assertThat(ex.getReason()).contains("'collectDelay' is missing");
					assertThat(ex.getAction()).contains("collectDelay", "2s");
				}));
	}

	@Test
	void aCollectConsumerNeedsExactlyOneWayToKeyItsItems() {
		this.runner.withBean("noKey", NoKey.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskConsumerException.class, ex -> {
					assertThat(ex.getReason()).contains("'collectKey' is missing");
					assertThat(ex.getAction()).contains("CollectKeyResolver");
				}));
		this.runner.withBean("twoKeys", TwoKeys.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskConsumerException.class,
						ex -> assertThat(ex.getReason()).contains("'collectKey' is 'fixed'", "CollectKeyResolver")));
	}

	@Test
	void invalidFlowAttributesFailNamingTheAttributeAndTheAcceptedValues() {
		this.runner.withBean("badExpire", BadOnExpire.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskConsumerException.class, ex -> {
					assertThat(ex.getReason()).contains("'onExpire'", "'delete'");
					assertThat(ex.getAction()).contains("fail or discard");
				}));
		this.runner.withBean("badSingleton", BadSingleton.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskConsumerException.class,
						ex -> assertThat(ex.getReason()).contains("'singleton'", "'yes'")));
		this.runner.withBean("badLimit", BadLimit.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskConsumerException.class, ex -> {
					assertThat(ex.getReason()).contains("'concurrencyLimit'", "'0'");
					assertThat(ex.getAction()).contains("a whole number of at least 1");
				}));
		this.runner.withBean("badTtl", BadTtl.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskConsumerException.class, ex -> {
					assertThat(ex.getReason()).contains("'ttl'", "'0s'");
					assertThat(ex.getAction()).contains("a positive duration");
				}));
		this.runner.withBean("badSize", BadMaxSize.class)
			.run(context -> assertThat(context).getFailure()
				.isInstanceOfSatisfying(InvalidTaskConsumerException.class,
						ex -> assertThat(ex.getReason()).contains("'collectMaxSize'", "'-1'")));
	}

	record Row(String region, int n) {
	}

	@TaskConsumer(name = "push-quote", singleton = "${quotes.singleton}", ttl = "${quotes.ttl}", onExpire = "DISCARD",
			concurrencyLimit = "${quotes.per-account}")
	static class LimitedConsumer implements TaskHandler<String, String> {

		@Override
		public String handle(String data, JobContext ctx) {
			return data;
		}

	}

	@TaskConsumer("plain")
	static class PlainConsumer implements TaskHandler<String, String> {

		@Override
		public String handle(String data, JobContext ctx) {
			return data;
		}

	}

	@TaskConsumer(name = "discarding", onExpire = "discard")
	static class DiscardingConsumer extends PlainConsumer {

	}

	@TaskConsumer(name = "batch-insert", collectKey = "db-inserts", collectDelay = "5m",
			collectMaxSize = "${inserts.batch-size}", collectMaxWait = "10m")
	static class BatchInsertConsumer implements TaskHandler<List<Row>, Integer> {

		final List<List<Row>> batches = new CopyOnWriteArrayList<>();

		@Override
		public Integer handle(List<Row> rows, JobContext ctx) {
			this.batches.add(List.copyOf(rows));
			return rows.size();
		}

	}

	@TaskConsumer(name = "regions", collectDelay = "5m", collectMaxSize = "2")
	static class RegionConsumer implements TaskHandler<List<Row>, Integer>, CollectKeyResolver<Row> {

		final List<List<Row>> batches = new CopyOnWriteArrayList<>();

		@Override
		public String collectKey(Row row) {
			return row.region().isBlank() ? row.region() : "region:" + row.region();
		}

		@Override
		public Integer handle(List<Row> rows, JobContext ctx) {
			this.batches.add(List.copyOf(rows));
			return rows.size();
		}

	}

	@TaskConsumer(name = "not-a-batch", collectKey = "k", collectDelay = "1s")
	static class NotABatch implements TaskHandler<Row, Integer> {

		@Override
		public Integer handle(Row row, JobContext ctx) {
			return row.n();
		}

	}

	@TaskConsumer(name = "no-delay", collectKey = "k")
	static class NoDelay implements TaskHandler<List<Row>, Integer> {

		@Override
		public Integer handle(List<Row> rows, JobContext ctx) {
			return rows.size();
		}

	}

	@TaskConsumer(name = "no-key", collectDelay = "1s")
	static class NoKey extends NoDelay {

	}

	@TaskConsumer(name = "two-keys", collectKey = "fixed", collectDelay = "1s")
	static class TwoKeys extends NoDelay implements CollectKeyResolver<Row> {

		@Override
		public String collectKey(Row row) {
			return row.region();
		}

	}

	@TaskConsumer(name = "bad-expire", ttl = "1h", onExpire = "delete")
	static class BadOnExpire extends PlainConsumer {

	}

	@TaskConsumer(name = "bad-singleton", singleton = "yes")
	static class BadSingleton extends PlainConsumer {

	}

	@TaskConsumer(name = "bad-limit", concurrencyLimit = "0")
	static class BadLimit extends PlainConsumer {

	}

	@TaskConsumer(name = "bad-ttl", ttl = "0s")
	static class BadTtl extends PlainConsumer {

	}

	@TaskConsumer(name = "bad-size", collectKey = "k", collectDelay = "1s", collectMaxSize = "-1")
	static class BadMaxSize extends NoDelay {

	}

}
