package dev.taskora.samples.quickstart;

import java.time.Duration;

import dev.taskora.engine.JobState;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole app on a random port: HTTP dispatch, job lookup, actuator. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QuickstartApplicationTests {

	@LocalServerPort
	private int port;

	@Autowired
	private TaskoraOperations taskora;

	private final java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();

	@Test
	void dispatchesOverHttpAndShowsTheJobAndTheActuator() throws Exception {
		String accepted = post("/charges", "{\"card\":\"4111222233334444\",\"amountCents\":250}");
		String id = accepted.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.taskora.findJob(id).map(job -> job.state() == JobState.COMPLETED).orElse(false));
		assertThat(get("/jobs/" + id)).contains("\"state\":\"COMPLETED\"").contains("**** 4444");
		assertThat(get("/actuator/health")).contains("\"taskora\"").contains("\"workers\":\"running\"");
		assertThat(get("/actuator/taskora")).contains("\"charge-card\"").contains("\"completed\":1");
		assertThat(get("/actuator/metrics")).contains("taskora.jobs.completed").contains("taskora.queue.size");
	}

	private String get(String path) throws Exception {
		var request = java.net.http.HttpRequest.newBuilder(uri(path)).GET().build();
		return this.http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
	}

	private String post(String path, String json) throws Exception {
		var request = java.net.http.HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(json))
			.build();
		var response = this.http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(202);
		return response.body();
	}

	private java.net.URI uri(String path) {
		return java.net.URI.create("http://localhost:" + this.port + path);
	}

}
