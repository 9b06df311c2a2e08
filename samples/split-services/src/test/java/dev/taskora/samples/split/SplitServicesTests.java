package dev.taskora.samples.split;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.redis.RedisTestServer;
import dev.taskora.samples.split.producer.ProducerApplication;
import dev.taskora.samples.split.worker.WorkerApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The two entry points as they are deployed: the web producer and the worker over one
 * Redis.
 */
class SplitServicesTests {

	private final HttpClient http = HttpClient.newHttpClient();

	private ConfigurableApplicationContext worker;

	private ConfigurableApplicationContext producer;

	private int port;

	@BeforeEach
	void startBoth() {
		String[] shared = { "--taskora.redis.url=" + RedisTestServer.get().url(),
				"--taskora.prefix=" + RedisTestServer.uniquePrefix(), "--spring.main.banner-mode=off" };
		this.worker = new SpringApplicationBuilder(WorkerApplication.class).profiles("worker").run(shared);
		this.producer = new SpringApplicationBuilder(ProducerApplication.class).profiles("producer")
			.properties("server.port=0")
			.run(shared);
		this.port = ((WebServerApplicationContext) this.producer).getWebServer().getPort();
	}

	@AfterEach
	void stopBoth() {
		if (this.producer != null) {
			this.producer.close();
		}
		if (this.worker != null) {
			this.worker.close();
		}
	}

	@Test
	void theApiDispatchesAndTheWorkerResizes() throws Exception {
		HttpResponse<String> accepted = post("{\"url\":\"https://example.com/cat.png\",\"width\":320}");
		assertThat(accepted.statusCode()).isEqualTo(202);
		String id = accepted.body().replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
		await().atMost(Duration.ofSeconds(15)).until(() -> get("/thumbnails/" + id).contains("COMPLETED"));
		assertThat(get("/thumbnails/" + id)).contains("\"width\":320").contains("thumbs/");
		assertThat(this.producer.getBean(Taskora.class).findTask("resize-image").orElseThrow().handler())
			.as("the API runs no handler")
			.isNull();
	}

	@Test
	void theApiRefusesAnInvalidRequestFieldByField() throws Exception {
		HttpResponse<String> refused = post("{\"url\":\"\",\"width\":99999}");
		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(refused.body()).contains("\"url\":").contains("\"width\":");
		assertThat(this.producer.getBean(Taskora.class).inspect().stats("resize-image").total()).isZero();
	}

	@Test
	void aJobAVersionOneProducerWroteIsMigratedByTheWorker() {
		Taskora oldProducer = Taskora.builder()
			.adapter(dev.taskora.engine.adapter.redis.RedisAdapter.create(RedisTestServer.get()
				.options()
				.prefix(this.producer.getEnvironment().getProperty("taskora.prefix"))
				.build()))
			.build();
		try (oldProducer) {
			var v1 = oldProducer.task("resize-image", Map.class, Object.class).register();
			var handle = v1.dispatch(Map.of("url", "https://example.com/old.png", "w", 64));
			assertThat(handle.await(Duration.ofSeconds(15))).isEqualTo(
					Map.of("key", "thumbs/" + Integer.toHexString("https://example.com/old.png".hashCode()) + "-64.png",
							"width", 64));
		}
	}

	private HttpResponse<String> post(String json) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/thumbnails"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private String get(String path) throws Exception {
		return this.http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
	}

}
