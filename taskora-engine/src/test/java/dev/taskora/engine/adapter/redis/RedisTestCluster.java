package dev.taskora.engine.adapter.redis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import static org.awaitility.Awaitility.await;

/**
 * A three-node Redis Cluster (no replicas) on free ports, built with {@code redis-server}
 * and {@code redis-cli --cluster create} from the PATH, for tests that need real slot
 * routing.
 */
public final class RedisTestCluster implements AutoCloseable {

	private final List<Process> nodes;

	private final List<Integer> ports;

	private final Path directory;

	private RedisTestCluster(List<Process> nodes, List<Integer> ports, Path directory) {
		this.nodes = nodes;
		this.ports = ports;
		this.directory = directory;
	}

	/**
	 * A running cluster, or {@code null} when {@code redis-server} or {@code redis-cli}
	 * is not on the PATH.
	 */
	public static @Nullable RedisTestCluster start() {
		File server = RedisTestServer.findOnPath("redis-server");
		File cli = RedisTestServer.findOnPath("redis-cli");
		if (server == null || cli == null) {
			return null;
		}
		RedisTestServer.quietDriverLogs();
		Path directory;
		try {
			directory = Files.createTempDirectory("taskora-cluster");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		List<Process> nodes = new ArrayList<>();
		List<Integer> ports = new ArrayList<>();
		RedisTestCluster cluster = new RedisTestCluster(nodes, ports, directory);
		try {
			for (int i = 0; i < 3; i++) {
				int port = RedisTestServer.freePort();
				ports.add(port);
				nodes.add(RedisTestServer.launch(server, port, "--cluster-enabled", "yes", "--cluster-config-file",
						directory.resolve("nodes-" + port + ".conf").toString(), "--dir", directory.toString()));
			}
			List<String> create = new ArrayList<>(List.of(cli.getAbsolutePath(), "--cluster", "create"));
			ports.forEach(port -> create.add("127.0.0.1:" + port));
			create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
			Process creating = new ProcessBuilder(create).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			if (!creating.waitFor(30, TimeUnit.SECONDS) || creating.exitValue() != 0) {
				throw new IllegalStateException("redis-cli --cluster create failed");
			}
			for (int port : ports) {
				try (RawRedis node = new RawRedis("redis://127.0.0.1:" + port)) {
					await().atMost(Duration.ofSeconds(20))
						.until(() -> node.commands().clusterInfo().contains("cluster_state:ok"));
				}
			}
			return cluster;
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			cluster.close();
			throw new IllegalStateException("Cannot start a test Redis Cluster", ex);
		}
	}

	/**
	 * The seed URIs, comma-separated, for
	 * {@code RedisAdapterOptions.url(..).cluster(true)}.
	 */
	public String seeds() {
		return String.join(",", this.ports.stream().map(port -> "redis://127.0.0.1:" + port).toList());
	}

	@Override
	public void close() {
		this.nodes.forEach(Process::destroyForcibly);
		for (Process node : this.nodes) {
			try {
				node.waitFor(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		try (var files = Files.walk(this.directory)) {
			files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
		}
		catch (IOException ex) {
			// a temp directory left behind is harmless
		}
	}

}
