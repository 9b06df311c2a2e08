package dev.taskora.engine.adapter.redis;

import java.time.Duration;

import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The whole adapter contract, every facet, on a real three-master Redis Cluster started
 * from the {@code redis-server} and {@code redis-cli} binaries on loopback: each task's
 * keys share a hash slot, and tasks spread over the masters. Workflows are skipped: their
 * scripts touch the keys of several tasks at once, which a Cluster keeps on different
 * slots.
 */
class RedisClusterContractIntegrationTests extends RedisAdapterContractIntegrationTests {

	private static RedisTestCluster cluster;

	private static boolean started;

	/** One cluster for the whole class; its nodes stop with the JVM. */
	private static synchronized RedisTestCluster cluster() {
		if (!started) {
			started = true;
			cluster = RedisTestCluster.start();
		}
		assumeThat(cluster).as("redis-server and redis-cli on the PATH").isNotNull();
		return cluster;
	}

	@Override
	boolean runsWorkflows() {
		return false;
	}

	@Override
	RedisAdapterOptions.Builder options() {
		return RedisAdapterOptions.builder()
			.url(cluster().seeds())
			.cluster(true)
			.commandTimeout(Duration.ofSeconds(5))
			.connectTimeout(Duration.ofSeconds(2));
	}

}
