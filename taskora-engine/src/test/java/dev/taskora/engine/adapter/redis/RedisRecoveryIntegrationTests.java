package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.taskora.engine.EnqueueFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.retry.StallOptions;
import io.lettuce.core.KillArgs;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * How quickly an application is back after its Redis was gone, against a real
 * {@code redis-server} that is killed and started again: the reconnect delay is capped, a
 * dispatch waits for the connection up to its dispatch timeout, and a job that finished
 * during the outage is recorded once, never run again, while its lock lasts.
 */
class RedisRecoveryIntegrationTests extends RedisIntegrationTestSupport {

	private RedisTestServer own;

	private Taskora app;

	@AfterEach
	void stopOwnServer() {
		if (this.app != null) {
			this.app.close(Duration.ofSeconds(1));
		}
		if (this.own != null) {
			this.own.stop();
		}
	}

	private RedisAdapter ownAdapter(RedisTestServer server, Duration dispatchTimeout) {
		return track(RedisAdapter.create(RedisAdapterOptions.builder()
			.url(server.url())
			.prefix(prefix)
			.commandTimeout(Duration.ofSeconds(2))
			.connectTimeout(Duration.ofSeconds(1))
			.dispatchTimeout(dispatchTimeout)
			.build()));
	}

	@Test
	void aDispatchDuringAnOutageWaitsForRedisAndIsStoredOnceItIsBack() {
		this.own = RedisTestServer.startPrivate();
		assumeThat(this.own).as("redis-server on the PATH").isNotNull();
		this.app = Taskora.builder().adapter(ownAdapter(this.own, Duration.ofSeconds(10))).build();
		Task<String, String> task = this.app.task("signup", String.class, String.class).register();
		this.app.connect();
		this.own.stop();

		ResultHandle<String> handle = task.dispatch("ada");
		assertThatThrownBy(() -> handle.awaitEnqueued(Duration.ofMillis(300)))
			.isInstanceOf(EnqueueFailedException.class)
			.hasMessageContaining("not confirmed");
		this.own.restart();

		assertThat(handle.awaitEnqueued(WAIT)).isSameAs(handle);
		assertThat(handle.state()).isEqualTo(JobState.WAITING);
		try (RawRedis ownRaw = new RawRedis(this.own.url())) {
			assertThat(ownRaw.commands().llen(new RedisKeys(prefix).task("signup").waitList())).isEqualTo(1);
		}
	}

	@Test
	void aDispatchWhoseConnectionDropsAfterItWasSentIsSentAgainAndStoredOnce() {
		this.own = RedisTestServer.startPrivate();
		assumeThat(this.own).as("redis-server on the PATH").isNotNull();
		this.app = Taskora.builder().adapter(ownAdapter(this.own, Duration.ofSeconds(10))).build();
		Task<String, String> task = this.app.task("signup", String.class, String.class).register();
		this.app.connect();
		try (RawRedis ownRaw = new RawRedis(this.own.url())) {
			// the server holds the enqueue script unanswered, then the connection that
			// sent it drops
			client(ownRaw, "PAUSE", "10000", "WRITE");
			ResultHandle<String> handle;
			try {
				handle = task.dispatch("ada");
				await().atMost(WAIT).until(() -> pausedScriptCall(ownRaw) != null);
				ownRaw.commands().clientKill(KillArgs.Builder.id(pausedScriptCall(ownRaw)));
			}
			finally {
				client(ownRaw, "UNPAUSE");
			}

			assertThat(handle.awaitEnqueued(WAIT)).isSameAs(handle);
			assertThat(ownRaw.commands().llen(new RedisKeys(prefix).task("signup").waitList())).isEqualTo(1);
		}
	}

	/**
	 * The reports task of the lock tests: its handler counts its runs per job, says it
	 * started, and finishes once released.
	 */
	private Task<String, String> reports(Duration stallInterval, Map<String, Integer> runs, CountDownLatch started,
			CountDownLatch release, int concurrency) {
		return this.app.task("reports", String.class, String.class)
			.concurrency(concurrency)
			.stall(new StallOptions(stallInterval, 1))
			.handler((data, ctx) -> {
				runs.merge(ctx.id(), 1, Integer::sum);
				started.countDown();
				release.await();
				return data + " done";
			});
	}

	private static void client(RawRedis raw, String... args) {
		raw.commands()
			.dispatch(CommandType.CLIENT, new StatusOutput<>(StringCodec.UTF8),
					new CommandArgs<>(StringCodec.UTF8).addValues(args));
	}

	/** The id of the client whose script call the server holds back, from CLIENT LIST. */
	private static @Nullable Long pausedScriptCall(RawRedis raw) {
		return raw.commands()
			.clientList()
			.lines()
			.filter(line -> line.contains(" flags=b ") && line.contains(" cmd=fcall "))
			.map(line -> Long.valueOf(line.substring(3, line.indexOf(' '))))
			.findFirst()
			.orElse(null);
	}

	@Test
	void aDispatchFailsAfterTheDispatchTimeoutSayingItWaited() {
		this.own = RedisTestServer.startPrivate();
		assumeThat(this.own).as("redis-server on the PATH").isNotNull();
		this.app = Taskora.builder().adapter(ownAdapter(this.own, Duration.ofMillis(400))).build();
		Task<String, String> task = this.app.task("signup", String.class, String.class).register();
		this.app.connect();
		this.own.stop();

		ResultHandle<String> handle = task.dispatch("ada");

		assertThatThrownBy(() -> handle.awaitEnqueued(WAIT)).isInstanceOf(EnqueueFailedException.class)
			.hasMessageContaining(handle.id())
			.hasMessageContaining("was not stored")
			.cause()
			.isInstanceOf(RedisUnavailableException.class)
			.hasMessageContaining(this.own.url())
			.hasMessageContaining("400ms, the dispatch timeout");
	}

	@Test
	void workersAndProducersResumeWithinAboutASecondOfRedisAnswering() throws InterruptedException {
		this.own = RedisTestServer.startPrivate();
		assumeThat(this.own).as("redis-server on the PATH").isNotNull();
		this.app = Taskora.builder().adapter(ownAdapter(this.own, Duration.ofSeconds(10))).build();
		Task<String, String> task = this.app.task("emails", String.class, String.class)
			.handler((data, ctx) -> data + " sent");
		this.app.start();
		assertThat(task.dispatch("before").await(WAIT)).isEqualTo("before sent");

		this.own.stop();
		// long enough for Lettuce's default reconnect delay (doubling up to 30 s) to
		// reach 4 s
		Thread.sleep(4_000);
		this.own.restart();
		long back = System.nanoTime();

		assertThat(task.dispatch("after").await(Duration.ofMillis(2_500))).isEqualTo("after sent");
		long resumedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - back);
		System.out.println("[reliability] worker and producer resumed " + resumedMs + "ms after Redis restarted");
	}

	/**
	 * At concurrency 1 the handler thread retries settling; where several jobs run at
	 * once, the failed answer hands the retry to a handler thread.
	 */
	@ParameterizedTest(name = "concurrency {0}")
	@ValueSource(ints = { 1, 4 })
	void aJobThatFinishesDuringAnOutageShorterThanItsLockCompletesOnceAndIsNotRunAgain(int concurrency)
			throws InterruptedException {
		this.own = RedisTestServer.startPrivatePersistent(true);
		assumeThat(this.own).as("redis-server on the PATH").isNotNull();
		Duration lockTtl = Duration.ofSeconds(6);
		this.app = Taskora.builder().adapter(ownAdapter(this.own, Duration.ofSeconds(10))).lockTtl(lockTtl).build();
		Map<String, Integer> runs = new ConcurrentHashMap<>();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Task<String, String> task = reports(Duration.ofMillis(300), runs, started, release, concurrency);
		this.app.start();
		ResultHandle<String> handle = task.dispatch("monthly");
		assertThat(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		String lock = new RedisKeys(prefix).task("reports").lock(handle.id());
		try (RawRedis ownRaw = new RawRedis(this.own.url())) {
			// right after an extension: the lock lasts the whole 6 s from here
			await().pollInterval(Duration.ofMillis(10))
				.atMost(WAIT)
				.until(() -> ownRaw.commands().pttl(lock) > lockTtl.toMillis() - 300);
		}

		this.own.stop();
		release.countDown(); // the handler finishes while Redis is gone; settling it
								// fails and is tried again
		// longer than half the lock (where settling used to give up), shorter than the
		// lock
		Thread.sleep(4_000);
		this.own.restart();

		assertThat(handle.await(WAIT)).isEqualTo("monthly done");
		assertThat(runs).containsExactly(Map.entry(handle.id(), 1));
		assertThat(handle.state()).isEqualTo(JobState.COMPLETED);
	}

	/**
	 * The promise docs/reliability.md states: a finished job is not run again after an
	 * outage shorter than its lock, wherever the outage falls between two renewals. Each
	 * renewal keeps the lock in Redis for the lock plus the reconnect delay plus 200 ms
	 * for connecting plus two renewal periods (6 s + 0.5 s + 0.2 s + 0.6 s here), what an
	 * outage costs beyond its own length. Redis stops at the worst moment, just before a
	 * renewal, and stays away for nine tenths of the lock, with the default reconnect
	 * delay.
	 */
	@Test
	void aJobThatFinishesDuringAnOutageJustShorterThanItsLockCompletesOnceAndIsNotRunAgain()
			throws InterruptedException {
		this.own = RedisTestServer.startPrivatePersistent(true);
		assumeThat(this.own).as("redis-server on the PATH").isNotNull();
		Duration lockTtl = Duration.ofSeconds(6);
		long renewEveryMs = lockTtl.toMillis() / 20;
		RedisAdapter adapter = ownAdapter(this.own, Duration.ofSeconds(10));
		// the lock, the reconnect delay, 200 ms for connecting, two renewal periods
		long heldMs = lockTtl.toMillis() + adapter.reconnectDelay().toMillis() + 200 + 2 * renewEveryMs;
		this.app = Taskora.builder().adapter(adapter).lockTtl(lockTtl).build();
		Map<String, Integer> runs = new ConcurrentHashMap<>();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Task<String, String> task = reports(Duration.ofMillis(200), runs, started, release, 1);
		this.app.start();
		ResultHandle<String> handle = task.dispatch("monthly");
		assertThat(started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
		String lock = new RedisKeys(prefix).task("reports").lock(handle.id());
		long left;
		try (RawRedis ownRaw = new RawRedis(this.own.url())) {
			assertThat(ownRaw.commands().pttl(lock)).as("the lock is kept in Redis beyond the lock")
				.isGreaterThan(lockTtl.toMillis());
			// just before the next renewal: the lock has about heldMs - period left
			await().pollInterval(Duration.ofMillis(5))
				.atMost(WAIT)
				.until(() -> ownRaw.commands().pttl(lock) < heldMs - renewEveryMs + 40);
			left = ownRaw.commands().pttl(lock);
		}

		long down = System.nanoTime();
		this.own.stop();
		release.countDown(); // finishes while Redis is gone; settling is tried again
		Thread.sleep(lockTtl.toMillis() * 9 / 10);
		this.own.restart();
		long outageMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - down);
		assertThat(outageMs).as("the outage is shorter than the lock").isLessThan(lockTtl.toMillis());

		assertThat(handle.await(WAIT)).isEqualTo("monthly done");
		assertThat(runs).containsExactly(Map.entry(handle.id(), 1));
		assertThat(handle.state()).isEqualTo(JobState.COMPLETED);
		System.out.println("[reliability] a " + outageMs + "ms outage with " + left + "ms of a " + lockTtl.toMillis()
				+ "ms lock left: recorded once, not run again");
	}

}
