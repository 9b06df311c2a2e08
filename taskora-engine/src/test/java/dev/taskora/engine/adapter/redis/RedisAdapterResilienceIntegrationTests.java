package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.WorkWaiter;
import io.lettuce.core.KillArgs;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The blocking waiter, the stream reader and the cancel subscriber survive a killed
 * connection and a Redis restart; commands during an outage fail at once.
 */
class RedisAdapterResilienceIntegrationTests extends RedisIntegrationTestSupport {

	@Test
	void theWaiterRecoversFromAKilledConnection() {
		String task = task();
		String name = adapter.instanceName() + "-waiter-" + task;
		try (AwaitLoop loop = new AwaitLoop(adapter.events().workWaiter(task))) {
			long killed = blockedClient(raw, name);
			raw.commands().clientKill(KillArgs.Builder.id(killed));
			await().atMost(WAIT).until(() -> blockedClientOrZero(raw, name) > killed);

			int returnsBefore = loop.returns.size();
			adapter.jobs().enqueue(task, job("1")).join();
			// each await may block 30 s: returning at once proves the new connection sees
			// the marker
			await().atMost(Duration.ofSeconds(3)).until(() -> loop.returns.size() > returnsBefore);
			assertThat(adapter.jobs().claim(task, claimRequest()).join()).isNotNull();
		}
	}

	@Test
	void theEventReaderRecoversFromAKilledConnection() {
		String task = task();
		String name = adapter.instanceName() + "-events";
		List<AdapterEvent> seen = new CopyOnWriteArrayList<>();
		adapter.events().subscribe(seen::add).watch(task).join();
		long killed = blockedClient(raw, name);
		raw.commands().clientKill(KillArgs.Builder.id(killed));
		await().atMost(WAIT).until(() -> blockedClientOrZero(raw, name) > killed);

		NewJob job = job("1");
		adapter.jobs().enqueue(task, job).join();
		await().atMost(WAIT).until(() -> seen.stream().anyMatch(event -> event.jobId().equals(job.id())));
	}

	@Test
	void cancelNoticesResumeAfterAKilledConnection() {
		String task = task();
		String channel = keys(task).cancelChannel();
		List<String> heard = new CopyOnWriteArrayList<>();
		adapter.events().subscribeCancellations(task, heard::add);
		long killed = raw.clientIds(adapter.instanceName() + "-cancel").get(0);
		raw.commands().clientKill(KillArgs.Builder.id(killed));
		await().atMost(WAIT)
			.until(() -> raw.clientIds(adapter.instanceName() + "-cancel").stream().anyMatch(id -> id > killed)
					&& raw.commands().pubsubNumsub(channel).get(channel) == 1);

		ClaimedJob claimed = enqueueAndClaim(task, "1");
		adapter.jobs().cancel(task, claimed.id(), null, now()).join();
		await().atMost(WAIT).until(() -> heard.contains(claimed.id()));
	}

	@Test
	void commandsFailFastDuringAnOutageAndEverythingResumesAfterARestart() {
		RedisTestServer own = RedisTestServer.startPrivate();
		assumeThat(own).as("redis-server on the PATH").isNotNull();
		RedisAdapter resilient = connected(
				RedisAdapterOptions.builder().url(own.url()).prefix(prefix).dispatchTimeout(Duration.ZERO).build());
		try {
			String task = task();
			List<AdapterEvent> seen = new CopyOnWriteArrayList<>();
			resilient.events().subscribe(seen::add).watch(task).join();
			try (AwaitLoop loop = new AwaitLoop(resilient.events().workWaiter(task))) {
				try (RawRedis ownRaw = new RawRedis(own.url())) {
					blockedClient(ownRaw, resilient.instanceName() + "-waiter-" + task);
					blockedClient(ownRaw, resilient.instanceName() + "-events");
				}
				own.stop();

				long started = System.nanoTime();
				assertThatThrownBy(() -> resilient.jobs().enqueue(task, job("lost")).join()).cause()
					.isInstanceOf(RedisUnavailableException.class)
					.hasMessageContaining(own.url());
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

				own.restart();
				try (RawRedis ownRaw = new RawRedis(own.url())) {
					await().atMost(Duration.ofSeconds(20))
						.until(() -> blockedClientOrZero(ownRaw, resilient.instanceName() + "-waiter-" + task) > 0
								&& blockedClientOrZero(ownRaw, resilient.instanceName() + "-events") > 0);
					int returnsBefore = loop.returns.size();
					NewJob job = job("after restart");
					resilient.jobs().enqueue(task, job).join();

					await().atMost(Duration.ofSeconds(3)).until(() -> loop.returns.size() > returnsBefore);
					await().atMost(WAIT).until(() -> seen.stream().anyMatch(event -> event.jobId().equals(job.id())));
					assertThat(resilient.jobs().claim(task, claimRequest()).join().data()).isEqualTo("after restart");
				}
			}
		}
		finally {
			resilient.disconnect().join();
			own.stop();
		}
	}

	private static long blockedClient(RawRedis redis, String name) {
		await().atMost(WAIT).until(() -> blockedClientOrZero(redis, name) > 0);
		return blockedClientOrZero(redis, name);
	}

	/** The id of the named connection while it is blocked in a command, else 0. */
	private static long blockedClientOrZero(RawRedis redis, String name) {
		return redis.commands()
			.clientList()
			.lines()
			.filter(line -> line.contains(" name=" + name + " ") && line.contains("flags=b"))
			.mapToLong(line -> Long.parseLong(line.substring(3, line.indexOf(' '))))
			.max()
			.orElse(0);
	}

	/**
	 * A worker's loop: await after await on a thread of its own, counting the returns.
	 */
	private static final class AwaitLoop implements AutoCloseable {

		final List<Long> returns = new CopyOnWriteArrayList<>();

		private final WorkWaiter waiter;

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final Thread thread;

		AwaitLoop(WorkWaiter waiter) {
			this.waiter = waiter;
			this.thread = new Thread(() -> {
				while (this.running.get()) {
					try {
						waiter.await(Duration.ofSeconds(30));
						this.returns.add(System.currentTimeMillis());
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "test-await-loop");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		@Override
		public void close() {
			this.running.set(false);
			this.waiter.close();
			try {
				this.thread.join(5_000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
