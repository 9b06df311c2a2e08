package dev.taskora.samples.quickstart;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.redis.RedisTestServer;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The split deployment: a web instance that only dispatches
 * ({@code taskora.worker.enabled=false}) and a worker-only instance without a web server
 * (the {@code worker} profile), sharing one Redis.
 */
class WorkerOnlyDeploymentTests {

	@Test
	void aWebProducerDispatchesAndAWorkerOnlyProcessWithoutAWebServerHandlesTheJob() throws Exception {
		String redis = "--taskora.redis.url=" + RedisTestServer.get().url();
		String prefix = "--taskora.prefix=" + RedisTestServer.uniquePrefix();
		// tag::worker-only[]
		try (ConfigurableApplicationContext worker = new SpringApplicationBuilder(QuickstartApplication.class)
			.profiles("redis", "worker")
			.run(redis, prefix);
				ConfigurableApplicationContext web = new SpringApplicationBuilder(QuickstartApplication.class)
					.profiles("redis")
					.run(redis, prefix, "--server.port=0", "--taskora.worker.enabled=false")) {
			// end::worker-only[]
			assertThat(worker.getEnvironment().getProperty("local.server.port")).isNull();
			assertThat(web.getBean(Taskora.class).isRunning()).isFalse();
			String port = web.getEnvironment().getProperty("local.server.port");
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/reports"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers
						.ofString("{\"user\":\"ada\",\"name\":\"q3\",\"pages\":1,\"millisPerPage\":1}"))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(202);
			String id = response.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
			TaskoraOperations producer = web.getBean(TaskoraOperations.class);
			await().atMost(Duration.ofSeconds(15))
				.until(() -> producer.findJob(id).map(job -> job.state() == JobState.COMPLETED).orElse(false));
			assertThat(worker.getBean(Taskora.class).isRunning()).isTrue();
			assertThat(worker.getBean(ReportArchive.class).reports()).hasSize(1);
			assertThat(web.getBean(ReportArchive.class).reports()).isEmpty();
		}
	}

}
