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
	void chargesTheReadmeCardOverHttpAndShowsTheJobAndTheActuatorWithTheCardMasked() throws Exception {
		String id = id(post("/charges", "{\"card\":\"4111000000000000\",\"amountCents\":100}", 202));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.taskora.findJob(id).map(job -> job.state() == JobState.COMPLETED).orElse(false));
		String job = get("/jobs/" + id);
		assertThat(job).contains("\"state\":\"COMPLETED\"").contains("**** 0000").doesNotContain("4111000000000000");
		assertThat(get("/actuator/taskora/" + id)).contains("**** 0000").doesNotContain("4111000000000000");
		assertThat(get("/actuator/health")).contains("\"taskora\"").contains("\"workers\":\"running\"");
		assertThat(get("/actuator/taskora")).contains("\"charge-card\"").contains("\"completed\":1");
		assertThat(get("/actuator/metrics")).contains("taskora.jobs.completed").contains("taskora.queue.size");
	}

	@Test
	void declinesTheReadmesDeclinedCardIntoTheFailedSet() throws Exception {
		String id = id(post("/charges", "{\"card\":\"4000000000000002\",\"amountCents\":100}", 202));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.taskora.findJob(id).map(job -> job.state() == JobState.FAILED).orElse(false));
		assertThat(get("/jobs/" + id)).contains("Card **** 0002 was declined").doesNotContain("4000000000000002");
		assertThat(get("/actuator/taskora/charge-card/dead-letters")).contains("\"message\":\"Card **** 0002 was declined")
			.contains(id)
			.doesNotContain("4000000000000002");
	}

	@Test
	void refusesSomethingThatIsNotACardNumber() throws Exception {
		assertThat(post("/charges", "{\"card\":\"not a card\",\"amountCents\":100}", 400))
			.contains("card must be a card number of 12 to 19 digits");
	}

	private static String id(String accepted) {
		return accepted.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
	}

	private String get(String path) throws Exception {
		var request = java.net.http.HttpRequest.newBuilder(uri(path)).GET().build();
		return this.http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
	}

	private String post(String path, String json, int expectedStatus) throws Exception {
		var request = java.net.http.HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(json))
			.build();
		var response = this.http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(expectedStatus);
		return response.body();
	}

	private java.net.URI uri(String path) {
		return java.net.URI.create("http://localhost:" + this.port + path);
	}

}
