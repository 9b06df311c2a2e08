package dev.taskora.spring.boot.autoconfigure.board;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.adapter.redis.RedisTestServer;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * How long {@code api/overview} takes with 50 tasks and 100,000 jobs in a real Redis. It
 * measures and reports (the log and {@code target/board-overview-latency.txt}); it
 * asserts the answer, not the time, as the machine is shared.
 */
@SpringBootTest(classes = BoardOverviewLatencyIntegrationTests.App.class,
		properties = { "taskora.board.enabled=true", "taskora.board.auth=none" })
@AutoConfigureMockMvc
class BoardOverviewLatencyIntegrationTests {

	private static final Logger logger = LoggerFactory.getLogger(BoardOverviewLatencyIntegrationTests.class);

	private static final int TASKS = 50;

	private static final int JOBS_PER_TASK = 2_000;

	@DynamicPropertySource
	static void redis(DynamicPropertyRegistry registry) {
		registry.add("taskora.redis.url", () -> RedisTestServer.get().url());
		registry.add("taskora.prefix", RedisTestServer::uniquePrefix);
	}

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TaskoraOperations operations;

	@Test
	void answersTheOverviewOf50TasksAnd100kJobs() throws Exception {
		List<String> items = Collections.nCopies(JOBS_PER_TASK, "payload");
		for (int t = 0; t < TASKS; t++) {
			String name = String.format(Locale.ROOT, "bench-task-%02d", t);
			this.operations.task(name, String.class, String.class);
			for (int i = 0; i < items.size(); i += 500) {
				List<ResultHandle<Object>> handles = this.operations.dispatchMany(name, items.subList(i, i + 500));
				handles.get(handles.size() - 1).enqueued().join();
			}
		}
		long waiting = this.operations.inspect()
			.counts()
			.values()
			.stream()
			.mapToLong(counts -> counts.getOrDefault(JobState.WAITING, 0L))
			.sum();
		assertThat(waiting).isEqualTo((long) TASKS * JOBS_PER_TASK);

		for (int i = 0; i < 20; i++) {
			overview();
		}
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			long start = System.nanoTime();
			overview();
			millis.add((System.nanoTime() - start) / 1e6);
		}
		List<Double> counts = time(() -> this.operations.inspect().counts());
		List<Double> info = time(() -> this.operations.inspect().serverInfo());
		String report = String.format(Locale.ROOT,
				"GET api/overview, %d tasks, %d jobs in Redis, 100 calls: %s; of which counts of every task %s,"
						+ " server info %s",
				TASKS, TASKS * JOBS_PER_TASK, summary(millis), summary(counts), summary(info));
		logger.info(report);
		Files.writeString(Path.of("target", "board-overview-latency.txt"), report + System.lineSeparator());
		this.mvc.perform(get("/taskora/api/overview"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.stats.waiting").value(TASKS * JOBS_PER_TASK))
			.andExpect(jsonPath("$.tasks.length()").value(TASKS))
			.andExpect(jsonPath("$.server.info.redis_version").isString());
	}

	private static List<Double> time(Runnable call) {
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			long start = System.nanoTime();
			call.run();
			millis.add((System.nanoTime() - start) / 1e6);
		}
		return millis;
	}

	private static String summary(List<Double> millis) {
		List<Double> sorted = new ArrayList<>(millis);
		Collections.sort(sorted);
		return String.format(Locale.ROOT, "median %.1f ms, p95 %.1f ms, max %.1f ms", sorted.get(sorted.size() / 2),
				sorted.get(sorted.size() * 95 / 100 - 1), sorted.get(sorted.size() - 1));
	}

	private void overview() throws Exception {
		this.mvc.perform(get("/taskora/api/overview")).andExpect(status().isOk());
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class App {

	}

}
