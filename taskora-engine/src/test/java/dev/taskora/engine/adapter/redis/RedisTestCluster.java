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
 * A three-master Redis Cluster on free ports, built with {@code redis-server} and
 * {@code redis-cli --cluster create} from the PATH, for tests that need real slot
 * routing; with {@link #startWithReplicas()} each master has a replica, for failovers.
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
		return start(0);
	}

	/**
	 * A running cluster of three masters and three replicas (one per master, in sync), or
	 * {@code null} when {@code redis-server} or {@code redis-cli} is not on the PATH.
	 * Nodes give up on an unreachable peer after 2 s, so a killed master's replica takes
	 * over within a few seconds.
	 */
	public static @Nullable RedisTestCluster startWithReplicas() {
		return start(1);
	}

	private static @Nullable RedisTestCluster start(int replicas) {
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
			for (int i = 0; i < 3 * (1 + replicas); i++) {
				int port = RedisTestServer.freePort();
				ports.add(port);
				nodes.add(RedisTestServer.launch(server, port, "--cluster-enabled", "yes", "--cluster-config-file",
						directory.resolve("nodes-" + port + ".conf").toString(), "--cluster-node-timeout", "2000",
						"--dir", directory.toString()));
			}
			List<String> create = new ArrayList<>(List.of(cli.getAbsolutePath(), "--cluster", "create"));
			ports.forEach(port -> create.add("127.0.0.1:" + port));
			create.addAll(List.of("--cluster-replicas", Integer.toString(replicas), "--cluster-yes"));
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
					if (replicas > 0) {
						// every replica attached and in sync before a test fails one over
						await().atMost(Duration.ofSeconds(20)).until(() -> {
							String replication = node.commands().info("replication");
							return replication.contains("role:master") ? replication.contains("connected_slaves:1")
									: replication.contains("master_link_status:up");
						});
					}
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

	/** The port of the master that serves {@code slot} now, as the nodes see it. */
	public int masterOf(int slot) {
		for (String[] node : nodes()) {
			if (node[2].contains("master") && !node[2].contains("fail")) {
				for (int i = 8; i < node.length; i++) {
					String[] range = node[i].split("-");
					if (range[0].startsWith("[")) {
						continue;
					}
					int from = Integer.parseInt(range[0]);
					int to = (range.length > 1) ? Integer.parseInt(range[1]) : from;
					if (slot >= from && slot <= to) {
						return port(node[1]);
					}
				}
			}
		}
		throw new IllegalStateException("No master serves slot " + slot);
	}

	/** The port of the replica of the master on {@code masterPort}. */
	public int replicaOf(int masterPort) {
		String masterId = null;
		List<String[]> nodes = nodes();
		for (String[] node : nodes) {
			if (port(node[1]) == masterPort) {
				masterId = node[0];
			}
		}
		for (String[] node : nodes) {
			if (node[3].equals(masterId) && !node[2].contains("fail")) {
				return port(node[1]);
			}
		}
		throw new IllegalStateException("The master on port " + masterPort + " has no replica");
	}

	/**
	 * A coordinated failover ({@code CLUSTER FAILOVER} on the replica): the master stops
	 * taking writes, the replica catches up with it, then takes over; no acknowledged
	 * write is lost. Returns once every node of the cluster sees the replica as the
	 * slot's master.
	 */
	public void failOver(int replicaPort, int slot) {
		try (RawRedis replica = new RawRedis("redis://127.0.0.1:" + replicaPort)) {
			replica.commands().clusterFailover(false);
		}
		await().atMost(Duration.ofSeconds(20)).until(() -> everyNodeSees(replicaPort, slot));
	}

	/**
	 * Kills the node on {@code port} with SIGKILL (no failover handshake: its replica
	 * takes over once the others flag it as failed) and returns once every live node sees
	 * a new master for {@code slot}.
	 */
	public int kill(int port, int slot) {
		int index = this.ports.indexOf(port);
		Process node = this.nodes.get(index);
		node.destroyForcibly();
		try {
			node.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		int[] master = new int[1];
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			try {
				master[0] = masterOf(slot);
				return master[0] != port && everyNodeSees(master[0], slot);
			}
			catch (RuntimeException ex) {
				return false;
			}
		});
		return master[0];
	}

	private boolean everyNodeSees(int masterPort, int slot) {
		for (int i = 0; i < this.ports.size(); i++) {
			if (!this.nodes.get(i).isAlive()) {
				continue;
			}
			try (RawRedis node = new RawRedis("redis://127.0.0.1:" + this.ports.get(i))) {
				if (node.commands().clusterNodes().lines().noneMatch(line -> servesAsMaster(line, masterPort, slot))) {
					return false;
				}
			}
			catch (RuntimeException ex) {
				return false;
			}
		}
		return true;
	}

	private static boolean servesAsMaster(String line, int port, int slot) {
		String[] node = line.split(" ");
		if (port(node[1]) != port || !node[2].contains("master")) {
			return false;
		}
		for (int i = 8; i < node.length; i++) {
			String[] range = node[i].split("-");
			if (!range[0].startsWith("[") && slot >= Integer.parseInt(range[0])
					&& slot <= Integer.parseInt(range[range.length - 1])) {
				return true;
			}
		}
		return false;
	}

	/** CLUSTER NODES of the first live node, one array of fields per node. */
	private List<String[]> nodes() {
		for (int i = 0; i < this.ports.size(); i++) {
			if (!this.nodes.get(i).isAlive()) {
				continue;
			}
			try (RawRedis node = new RawRedis("redis://127.0.0.1:" + this.ports.get(i))) {
				return node.commands().clusterNodes().lines().map(line -> line.split(" ")).toList();
			}
		}
		throw new IllegalStateException("No live node in the cluster");
	}

	/** The port in a CLUSTER NODES address, {@code 127.0.0.1:7000@17000}. */
	private static int port(String address) {
		String hostPort = address.split("@")[0];
		return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
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
