package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.inspect.ErrorGroup;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.engine.inspect.Paging;
import dev.taskora.engine.job.Retention;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.MaintNotificationsConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * What the inspector and the dead letters cost Redis, measured on a server of this
 * class's own (so no other test's commands count): a page of 100 jobs is one command, and
 * retrying 10,000 dead letters runs as batches none of which holds Redis for 50 ms, each
 * job back in waiting once. The server runs at a raised scheduling priority where the OS
 * allows it, so that SLOWLOG times its scripts rather than the other processes of a busy
 * machine (see {@link RedisTestServer#startPrivateForTiming()}).
 */
class RedisInspectCostIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private RedisTestServer server;

	private RawRedis raw;

	private final List<Taskora> apps = new ArrayList<>();

	private final List<RedisClient> clients = new ArrayList<>();

	@BeforeEach
	void startServer() {
		this.server = RedisTestServer.startPrivateForTiming();
		assumeThat(this.server).as("redis-server on the PATH").isNotNull();
		this.raw = new RawRedis(this.server.url());
	}

	@AfterEach
	void stopServer() {
		this.apps.forEach(app -> app.close(Duration.ofSeconds(5)));
		this.clients.forEach(RedisClient::shutdown);
		if (this.raw != null) {
			this.raw.close();
		}
		if (this.server != null) {
			this.server.stop();
		}
	}

	@Test
	void aPageOfAHundredJobsWithTheirLogsIsOneCommand() {
		List<String> sent = new CopyOnWriteArrayList<>();
		RedisClient client = client(sent);
		String prefix = RedisTestServer.uniquePrefix();
		Taskora app = app(RedisAdapter.create(client, options(prefix)), builder -> {
		});
		Task<Integer, Integer> task = app.task("page", Integer.class, Integer.class).register();
		Task<Integer, Integer> other = app.task("other", Integer.class, Integer.class).register();
		List<ResultHandle<Integer>> handles = task.dispatchMany(numbers(150));
		handles.get(0).enqueued().join();
		other.dispatchMany(numbers(10)).get(0).enqueued().join();
		RedisKeys.Task keys = new RedisKeys(prefix).task("page");
		for (ResultHandle<Integer> handle : handles) {
			this.raw.commands()
				.rpush(keys.logs(handle.id()), "{\"level\":\"info\",\"message\":\"hi\",\"timestamp\":1}");
		}
		long callsBefore = this.raw.calls("fcall");
		sent.clear();

		List<JobSnapshot<Integer, Integer>> page = app.inspect().jobs(task, JobState.WAITING, Paging.of(20, 100));

		assertThat(page).hasSize(100).allSatisfy(job -> assertThat(job.logs()).hasSize(1));
		assertThat(page.get(0).data()).as("the 21st to be claimed").isEqualTo(20);
		assertThat(sent).as("commands sent for a page of 100").containsExactly("FCALL");
		assertThat(this.raw.calls("fcall") - callsBefore).isEqualTo(1);
		System.out.println("[cost] a page of 100 waiting jobs with their logs: " + sent.size() + " command(s) " + sent);

		sent.clear();
		assertThat(app.inspect().jobs(JobState.WAITING, Paging.first(100))).hasSize(100);
		assertThat(sent).as("one per task, sent together").containsExactly("FCALL", "FCALL");
	}

	@Test
	void retryAllOverTenThousandDeadLettersNeverHoldsRedisFor50MsAndMovesEachJobOnce() {
		String prefix = RedisTestServer.uniquePrefix();
		Retention keepAll = new Retention(new Retention.Rule(Duration.ZERO, 0), new Retention.Rule(Duration.ZERO, 0));
		Taskora workers = app(RedisAdapter.create(options(prefix)), builder -> builder.retention(keepAll));
		Task<Integer, Integer> task = workers.task("dlq", Integer.class, Integer.class)
			.concurrency(32)
			.handler((n, ctx) -> {
				throw new IllegalStateException("gateway down");
			});
		Set<String> dispatched = new HashSet<>();
		for (int chunk = 0; chunk < 10; chunk++) {
			List<ResultHandle<Integer>> handles = task.dispatchMany(numbers(1000));
			handles.get(0).enqueued().join();
			handles.forEach(handle -> dispatched.add(handle.id()));
		}
		// Without a failure listener each failure is logged with its stack trace: 10,000
		// of them would only slow the machine the measurement runs on. A listener would
		// not do either: it reads every failed job back from Redis, on the event thread,
		// while the retries run.
		Logger runnerLog = (Logger) LoggerFactory.getLogger("dev.taskora.engine.worker.JobRunner");
		Level level = runnerLog.getLevel();
		runnerLog.setLevel(Level.OFF);
		try {
			workers.start();
			await().atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofMillis(200))
				.until(() -> workers.inspect().counts("dlq").get(JobState.FAILED) == 10_000);
			workers.close(Duration.ofSeconds(5));
		}
		finally {
			runnerLog.setLevel(level);
		}

		Taskora operator = app(RedisAdapter.create(options(prefix)), builder -> {
		});
		operator.task("dlq", Integer.class, Integer.class).register();
		operator.connect();
		assertThat(operator.deadLetters().errors("dlq")).containsExactly(new ErrorGroup("gateway down", 10_000));
		this.raw.commands().configSet("slowlog-max-len", "100000");
		this.raw.commands().configSet("slowlog-log-slower-than", "0");
		this.raw.commands().slowlogReset();

		int moved = operator.deadLetters().retryAll("dlq");

		this.raw.commands().configSet("slowlog-log-slower-than", "10000");
		List<SlowCall> retryCalls = SlowCall.parse(this.raw.commands().slowlogGet(100_000))
			.stream()
			.filter(call -> call.arguments().size() > 1
					&& call.arguments().get(0).toLowerCase(Locale.ROOT).equals("fcall")
					&& call.arguments().get(1).equals(LuaScript.RETRY_ALL_DLQ.function()))
			.toList();
		long[] micros = retryCalls.stream().mapToLong(SlowCall::micros).sorted().toArray();
		long slowestMicros = micros[micros.length - 1];
		System.out.println("[cost] retryAll over 10000 dead letters: " + retryCalls.size() + " script calls, median "
				+ micros[micros.length / 2] + " µs, 90th percentile " + micros[micros.length * 9 / 10] + " µs, slowest "
				+ slowestMicros + " µs (server at " + RedisTestServer.timingPriority() + ")");
		assertThat(moved).isEqualTo(10_000);
		assertThat(retryCalls).as("100 full batches and the short one that ends the loop").hasSize(101);
		assertThat(slowestMicros).as("slowest RETRY_ALL_DLQ call in µs").isLessThan(50_000);

		RedisKeys.Task keys = new RedisKeys(prefix).task("dlq");
		assertThat(this.raw.commands().zcard(keys.failed())).isZero();
		List<String> waiting = this.raw.list(keys.waitList());
		assertThat(waiting).as("every job in the wait list").hasSize(10_000);
		assertThat(new HashSet<>(waiting)).as("each exactly once").isEqualTo(dispatched);
		int checked = 0;
		for (int offset = 0; offset < 10_000; offset += Paging.MAX_LIMIT) {
			for (JobSnapshot<Object, Object> job : operator.inspect()
				.jobs("dlq", JobState.WAITING, Paging.of(offset, Paging.MAX_LIMIT))) {
				assertThat(job.state()).isEqualTo(JobState.WAITING);
				assertThat(job.attempt()).isEqualTo(1);
				assertThat(job.error()).isNull();
				checked++;
			}
		}
		assertThat(checked).isEqualTo(10_000);
	}

	private RedisClient client(List<String> sent) {
		RedisClient client = RedisClient.create(this.server.url());
		client
			.setOptions(ClientOptions.builder().maintNotificationsConfig(MaintNotificationsConfig.disabled()).build());
		client.addListener(new CommandListener() {

			@Override
			public void commandStarted(CommandStartedEvent event) {
				sent.add(event.getCommand().getType().toString().toUpperCase(Locale.ROOT));
			}

		});
		this.clients.add(client);
		return client;
	}

	private RedisAdapterOptions options(String prefix) {
		return RedisAdapterOptions.builder()
			.url(this.server.url())
			.prefix(prefix)
			.commandTimeout(WAIT)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
	}

	private Taskora app(RedisAdapter adapter, Consumer<Taskora.Builder> customizer) {
		Taskora.Builder builder = Taskora.builder().adapter(adapter).shutdownTimeout(Duration.ofSeconds(5));
		customizer.accept(builder);
		Taskora app = builder.build();
		this.apps.add(app);
		return app;
	}

	/**
	 * One SLOWLOG entry: {@code [id, unix time, duration µs, [arguments], client, name]}.
	 */
	private record SlowCall(long micros, List<String> arguments) {

		static List<SlowCall> parse(List<Object> entries) {
			List<SlowCall> calls = new ArrayList<>(entries.size());
			for (Object entry : entries) {
				List<?> fields = (List<?>) entry;
				List<String> arguments = ((List<?>) fields.get(3)).stream().map(String::valueOf).toList();
				calls.add(new SlowCall((Long) fields.get(2), arguments));
			}
			return calls;
		}

	}

	private static List<Integer> numbers(int count) {
		List<Integer> numbers = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			numbers.add(i);
		}
		return numbers;
	}

}
