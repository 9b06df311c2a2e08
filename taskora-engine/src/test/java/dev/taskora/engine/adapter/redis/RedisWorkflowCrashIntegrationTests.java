package dev.taskora.engine.adapter.redis;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.workflow.WorkflowHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.taskora.engine.workflow.Workflows.chain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker JVM killed (SIGKILL) in the middle of a workflow loses nothing: another worker
 * recovers the step it was running once its lock lapses, and the workflow completes with
 * every step completed exactly once.
 */
class RedisWorkflowCrashIntegrationTests {

	private final String prefix = RedisTestServer.uniquePrefix();

	private Process child;

	private Taskora survivor;

	@AfterEach
	void stop() {
		if (this.child != null) {
			this.child.destroyForcibly();
		}
		if (this.survivor != null) {
			this.survivor.close(Duration.ofSeconds(5));
		}
	}

	@Test
	void aWorkflowWhoseWorkerJvmIsKilledCompletesOnAnotherWorkerWithEveryStepRunOnce(@TempDir Path dir)
			throws Exception {
		Path log = dir.resolve("runs.log");
		String url = RedisTestServer.get().url();
		this.child = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
				WorkflowWorkerProcess.class.getName(), url, this.prefix, log.toString(), "block")
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("child.out").toFile())
			.start();
		Taskora producer = WorkflowWorkerProcess.app(url, this.prefix, log, false, "producer");
		@SuppressWarnings("unchecked")
		Task<Integer, Integer> one = (Task<Integer, Integer>) producer.findTask(this.prefix + "-one").orElseThrow();
		@SuppressWarnings("unchecked")
		Task<Integer, Integer> two = (Task<Integer, Integer>) producer.findTask(this.prefix + "-two").orElseThrow();
		@SuppressWarnings("unchecked")
		Task<Integer, Integer> three = (Task<Integer, Integer>) producer.findTask(this.prefix + "-three").orElseThrow();

		WorkflowHandle<Integer> handle = chain(one.s(0), two.s(), three.s()).dispatch();
		await().atMost(Duration.ofSeconds(60))
			.until(() -> lines(log).stream().anyMatch(l -> l.startsWith("start two")));
		this.child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		assertThat(this.child.isAlive()).isFalse();
		producer.close(Duration.ofSeconds(5));

		this.survivor = WorkflowWorkerProcess.app(url, this.prefix, log, false, "survivor");
		this.survivor.start();
		WorkflowHandle<Object> resumed = this.survivor.workflows().handle(handle.id());

		assertThat(resumed.await(Duration.ofSeconds(60))).isEqualTo(3);
		List<String> ends = lines(log).stream().filter(l -> l.startsWith("end ")).toList();
		assertThat(ends).hasSize(3);
		assertThat(ends.get(0)).startsWith("end one ").endsWith(" child");
		assertThat(ends.get(1)).startsWith("end two ").endsWith(" survivor");
		assertThat(ends.get(2)).startsWith("end three ").endsWith(" survivor");
		assertThat(lines(log).stream().filter(l -> l.startsWith("start two"))).hasSize(2);
	}

	private static List<String> lines(Path log) throws IOException {
		return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.UTF_8) : List.of();
	}

	private static String javaBinary() {
		return System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
	}

}
