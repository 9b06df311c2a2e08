package dev.taskora.engine.adapter.redis;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.ValueListOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The adapter through a Sentinel URI ({@code redis-sentinel://host:port#master}), as
 * Lettuce resolves it.
 */
class RedisSentinelIntegrationTests {

	private static Process master;

	private static Process sentinel;

	private static int sentinelPort;

	@BeforeAll
	static void startMasterAndSentinel() throws Exception {
		File server = RedisTestServer.findOnPath("redis-server");
		if (server == null) {
			return;
		}
		RedisTestServer.quietDriverLogs();
		int masterPort = RedisTestServer.freePort();
		master = RedisTestServer.launch(server, masterPort);
		sentinelPort = RedisTestServer.freePort();
		Path directory = Files.createTempDirectory("taskora-sentinel");
		Path config = directory.resolve("sentinel.conf");
		Files.writeString(config, String.join("\n", "port " + sentinelPort, "bind 127.0.0.1", "dir " + directory,
				"sentinel monitor taskora-master 127.0.0.1 " + masterPort + " 1", ""));
		// Sentinel rewrites its configuration file, so it gets a file of its own.
		sentinel = new ProcessBuilder(server.getAbsolutePath(), config.toString(), "--sentinel")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		Runtime.getRuntime().addShutdownHook(new Thread(sentinel::destroyForcibly, "redis-test-sentinel-stop"));
		RedisClient probe = RedisClient.create("redis://127.0.0.1:" + sentinelPort);
		try {
			await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> {
				try (StatefulRedisConnection<String, String> connection = probe.connect()) {
					List<String> address = connection.sync()
						.dispatch(CommandType.SENTINEL, new ValueListOutput<>(StringCodec.UTF8),
								new CommandArgs<>(StringCodec.UTF8).add("get-master-addr-by-name")
									.add("taskora-master"));
					return address != null && address.size() == 2;
				}
			});
		}
		finally {
			probe.shutdown();
		}
	}

	@AfterAll
	static void stop() {
		if (sentinel != null) {
			sentinel.destroyForcibly();
		}
		if (master != null) {
			master.destroyForcibly();
		}
	}

	@Test
	void runsJobsOnTheMasterTheSentinelNames() {
		assumeThat(sentinel).as("redis-server on the PATH").isNotNull();
		Taskora app = Taskora.builder()
			.adapter(RedisAdapter.connect("redis-sentinel://127.0.0.1:" + sentinelPort + "#taskora-master"))
			.build();
		try {
			Task<String, String> task = app.task("sentinel-echo", String.class, String.class)
				.handler((data, ctx) -> data + " via sentinel");
			app.start();
			ResultHandle<String> handle = task.dispatch("hello");
			assertThat(handle.await(Duration.ofSeconds(10))).isEqualTo("hello via sentinel");
			assertThat(handle.state()).isEqualTo(JobState.COMPLETED);
		}
		finally {
			app.close(Duration.ofSeconds(5));
		}
	}

}
