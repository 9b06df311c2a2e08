package dev.taskora.engine.adapter.redis;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

import dev.taskora.engine.adapter.ClaimedJob;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.SchemaVersionMismatchException;
import dev.taskora.engine.adapter.SchemaVersionMismatchException.Code;
import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Connecting: the handshake, key naming, bad endpoints and credentials, clients and
 * disconnect.
 */
class RedisAdapterConnectionIntegrationTests extends RedisIntegrationTestSupport {

	@Test
	void connectWritesTheHandshakeRecordUnderThePrefix() {
		String meta = "taskora:" + prefix + ":meta";
		assertThat(raw.type(meta)).isEqualTo("hash");
		Map<String, String> record = raw.hash(meta);
		assertThat(record).containsEntry("wireVersion", "6")
			.containsEntry("minCompat", "6")
			.containsEntry("writtenBy", "taskora-wire-6")
			.containsOnlyKeys("wireVersion", "minCompat", "writtenBy", "writtenAt");
		assertThat(Long.parseLong(record.get("writtenAt"))).isBetween(now() - 60_000, now());
	}

	@Test
	void withoutAPrefixKeysStartWithTaskoraAndTheTaskTag() {
		RedisAdapter plain = connected(server.options().prefix(null).build());
		String task = task();
		NewJob job = job("1");
		plain.jobs().enqueue(task, job).join();
		try {
			assertThat(raw.commands().keys("taskora:{" + task + "}:*")).containsExactlyInAnyOrder(
					"taskora:{" + task + "}:wait", "taskora:{" + task + "}:events", "taskora:{" + task + "}:marker",
					"taskora:{" + task + "}:" + job.id());
			assertThat(raw.hash("taskora:meta")).containsKey("wireVersion");
		}
		finally {
			raw.commands().del(raw.commands().keys("taskora:{" + task + "}:*").toArray(String[]::new));
		}
	}

	@Test
	void aStoreWrittenByANewerIncompatibleBuildIsRefused() {
		assertMismatch(Map.of("wireVersion", "7", "minCompat", "7", "writtenBy", "taskora-wire-7", "writtenAt", "1"),
				Code.THEIRS_TOO_NEW, "taskora-wire-7");
	}

	@Test
	void aStoreWrittenByAnOlderIncompatibleBuildIsRefused() {
		assertMismatch(Map.of("wireVersion", "5", "minCompat", "5", "writtenBy", "taskora-wire-5", "writtenAt", "1"),
				Code.THEIRS_TOO_OLD, "taskora-wire-5");
	}

	@Test
	void aCorruptRecordIsRefused() {
		assertMismatch(Map.of("wireVersion", "six", "minCompat", "6", "writtenBy", "?"), Code.INVALID_META, "six");
		assertMismatch(Map.of("wireVersion", "6", "minCompat", "7", "writtenBy", "x"), Code.INVALID_META, "minCompat");
	}

	@Test
	void aNewerBuildThatStillReadsVersionSixIsAccepted() {
		String prefix = RedisTestServer.uniquePrefix();
		raw.commands()
			.hset("taskora:" + prefix + ":meta",
					Map.of("wireVersion", "7", "minCompat", "6", "writtenBy", "taskora-wire-7", "writtenAt", "1"));

		RedisAdapter accepted = connected(server.options().prefix(prefix).build());
		assertThat(accepted.jobs().enqueue(task(), job("1"))).succeedsWithin(WAIT);
		assertThat(raw.hash("taskora:" + prefix + ":meta")).containsEntry("wireVersion", "7");
	}

	@Test
	void anUnreachableServerFailsConnectNamingTheUrlWithoutThePassword() throws Exception {
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		RedisAdapter unreachable = track(RedisAdapter.connect("redis://:hunter2@127.0.0.1:" + port));

		assertThatThrownBy(() -> unreachable.connect().join()).isInstanceOf(CompletionException.class)
			.cause()
			.isInstanceOf(RedisUnavailableException.class)
			.hasMessageContaining("Cannot connect to Redis at redis://127.0.0.1:" + port)
			.hasMessageNotContaining("hunter2");
	}

	@Test
	void aWrongPasswordFailsConnectWithoutShowingIt() {
		String user = "taskora-test-" + RedisTestServer.uniquePrefix();
		raw.commands().aclSetuser(user, AclSetuserArgs.Builder.on().addPassword("right-one").allKeys().allCommands());
		try {
			String url = server.url().replace("redis://", "redis://" + user + ":wrong-one@");
			RedisAdapter denied = track(RedisAdapter.create(server.options().url(url).build()));

			assertThatThrownBy(() -> denied.connect().join()).cause()
				.isInstanceOf(RedisUnavailableException.class)
				.hasMessageContaining(
						"Cannot connect to Redis at " + server.url().replace("redis://", "redis://" + user + "@"))
				.hasMessageContaining("WRONGPASS")
				.hasMessageNotContaining("wrong-one");
		}
		finally {
			raw.commands().aclDeluser(user);
		}
	}

	@Test
	void aMalformedUrlIsRejectedAtOnceWithoutThePassword() {
		assertThatThrownBy(() -> RedisAdapter.connect("nosuchscheme://:s3cret@host:1"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("Invalid Redis URL 'nosuchscheme://host:1'")
			.hasMessageNotContaining("s3cret");
	}

	@Test
	void anApplicationClientIsUsedAndLeftOpen() {
		RedisClient client = RedisClient.create(server.url());
		try {
			RedisAdapter shared = RedisAdapter.create(client, server.options().build());
			shared.connect().join();
			String task = task();
			shared.jobs().enqueue(task, job("1")).join();
			ClaimedJob claimed = shared.jobs().claim(task, claimRequest()).join();
			assertThat(claimed.data()).isEqualTo("1");
			shared.disconnect().join();

			assertThat(client.connect().sync().ping()).isEqualTo("PONG");
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void theFirstOperationConnectsAndOperationsAfterDisconnectFail() {
		RedisAdapter lazy = track(server.newAdapter());
		String task = task();
		assertThat(lazy.jobs().enqueue(task, job("1"))).succeedsWithin(WAIT);
		lazy.disconnect().join();

		assertThat(lazy.jobs().claim(task, claimRequest())).failsWithin(WAIT)
			.withThrowableThat()
			.withMessageContaining("disconnected");
	}

	@Test
	void disconnectReleasesEveryConnectionAndThread() throws Exception {
		Set<String> before = driverThreads();
		RedisAdapter busy = server.newAdapter();
		busy.connect().join();
		String name = busy.instanceName();
		String task = task();
		busy.events().subscribe(event -> {
		}).watch(task).join();
		busy.events().subscribeCancellations(task, id -> {
		});
		busy.events().workWaiter(task).await(Duration.ofMillis(20));
		busy.events().workWaiter(task()).await(Duration.ofMillis(20));
		assertThat(raw.clientIds(name + "-")).hasSize(5); // commands, events, cancel, two
															// waiters
		assertThat(driverThreads()).anyMatch(thread -> thread.contains(name));

		busy.disconnect().join();
		assertThat(raw.clientIds(name + "-")).isEmpty();
		await().atMost(WAIT).untilAsserted(() -> assertThat(driverThreads()).isSubsetOf(before));
		assertThat(driverThreads()).noneMatch(thread -> thread.contains(name));
	}

	private void assertMismatch(Map<String, String> stored, Code code, String mentioned) {
		String prefix = RedisTestServer.uniquePrefix();
		String meta = "taskora:" + prefix + ":meta";
		raw.commands().hset(meta, stored);
		RedisAdapter refused = track(RedisAdapter.create(server.options().prefix(prefix).build()));

		assertThatThrownBy(() -> refused.connect().join()).cause()
			.isInstanceOfSatisfying(SchemaVersionMismatchException.class, ex -> {
				assertThat(ex.code()).isEqualTo(code);
				assertThat(ex.ours().wireVersion()).isEqualTo(6);
				assertThat(ex.getMessage()).contains(mentioned);
			});
		assertThat(raw.hash(meta)).isEqualTo(stored);
	}

	/** Threads of Lettuce, Netty's event loops and this adapter's own. */
	private static Set<String> driverThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(Thread::isAlive)
			.map(Thread::getName)
			.filter(name -> name.contains("lettuce") || name.startsWith("taskora-redis"))
			.collect(Collectors.toSet());
	}

}
