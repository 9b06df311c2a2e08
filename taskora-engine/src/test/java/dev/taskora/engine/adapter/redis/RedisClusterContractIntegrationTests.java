package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.Map;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.TaskoraException;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.workflow.WorkflowHandle;
import org.junit.jupiter.api.Test;

import static dev.taskora.engine.workflow.Workflows.chain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The whole adapter contract, every facet, on a real three-master Redis Cluster started
 * from the {@code redis-server} and {@code redis-cli} binaries on loopback: each task's
 * keys share a hash slot, and tasks spread over the masters. Workflows are refused,
 * saying why: their scripts touch the keys of several tasks at once, which a Cluster
 * keeps on different slots (as in taskora).
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

	@Test
	void aWorkflowIsRefusedNamingItAndWhyAndNothingOfItIsStored() {
		Adapter adapter = create();
		try (Taskora app = Taskora.builder().adapter(adapter).build()) {
			Task<Integer, Integer> add = app.task("wf-add", Integer.class, Integer.class).handler((n, ctx) -> n + 1);
			app.start();

			WorkflowHandle<Integer> handle = chain(add.s(1), add.s()).dispatch();

			assertThatThrownBy(() -> handle.awaitDispatched(Duration.ofSeconds(10)))
				.isInstanceOf(TaskoraException.class)
				.hasMessageContaining("Workflow " + handle.id() + " cannot be stored on a Redis Cluster")
				.hasMessageContaining("single Redis (standalone or Sentinel)");
			Map<JobState, Long> counts = adapter.inspect().countByState("wf-add").join();
			assertThat(counts.values()).allMatch(count -> count == 0);
		}
	}

}
