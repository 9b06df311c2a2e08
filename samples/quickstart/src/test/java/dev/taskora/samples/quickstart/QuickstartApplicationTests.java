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
		assertThat(get("/actuator/taskora/charge-card/dead-letters"))
			.contains("\"message\":\"Card **** 0002 was declined")
			.contains(id)
			.doesNotContain("4000000000000002");
	}

	@Test
	void theActuatorListsTheNightlyCleanupAndTriggersItWithAPost() throws Exception {
		assertThat(get("/actuator/taskora")).contains("\"nightly-cleanup\"")
			.contains("\"cron\":\"0 3 * * *\"")
			.contains("\"zone\":\"UTC\"");
		String triggered = post("/actuator/taskora/schedules/nightly-cleanup/trigger", "", 200);
		assertThat(triggered).contains("\"outcome\":\"triggered\"");
		String id = triggered.replaceAll(".*\"jobId\":\"([^\"]+)\".*", "$1");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.taskora.findJob(id).map(job -> job.state() == JobState.COMPLETED).orElse(false));
	}

	@Test
	void servesTheBoardBehindItsLoginWithTheCardMasked() throws Exception {
		java.net.http.HttpResponse<String> page = this.http.send(
				java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/taskora"))
					.build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location"))
			.hasValueSatisfying(location -> assertThat(location).contains("/taskora/login"));
		java.net.http.HttpResponse<String> login = this.http.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/taskora/auth/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=admin&password=taskora"))
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(login.statusCode()).isEqualTo(303);
		String cookie = login.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
		String id = id(post("/charges", "{\"card\":\"4000000000000002\",\"amountCents\":100}", 202));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.taskora.findJob(id).map(job -> job.state() == JobState.FAILED).orElse(false));
		java.net.http.HttpResponse<String> overview = this.http.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create("http://localhost:" + this.port + "/taskora/api/dlq?task=charge-card"))
			.header("Cookie", cookie)
			.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(overview.statusCode()).isEqualTo(200);
		assertThat(overview.body()).contains("Card **** 0002 was declined")
			.contains(id)
			.doesNotContain("4000000000000002");
	}

	@Test
	void refusesSomethingThatIsNotACardNumber() throws Exception {
		assertThat(post("/charges", "{\"card\":\"not a card\",\"amountCents\":100}", 400))
			.contains("card must be a card number of 12 to 19 digits");
	}

	@Test
	void aUserAskingForAReportAgainGetsTheReportAlreadyOnItsWay() throws Exception {
		String slow = "{\"user\":\"ada\",\"name\":\"yearly\",\"pages\":1,\"millisPerPage\":600000}";
		String first = post("/reports", slow, 202);
		assertThat(first).contains("\"duplicate\":false");
		String again = post("/reports", slow, 202);
		assertThat(again).contains("\"duplicate\":true");
		assertThat(id(again)).isEqualTo(id(first));
		String bobs = id(post("/reports", slow.replace("ada", "bob"), 202));
		assertThat(bobs).as("another user's report").isNotEqualTo(id(first));

		this.taskora.cancel(id(first), "not needed after all");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.taskora.findJob(id(first)).map(job -> job.state() == JobState.CANCELLED).orElse(false));
		String next = post("/reports", "{\"user\":\"ada\",\"name\":\"q1\",\"pages\":1,\"millisPerPage\":1}", 202);
		assertThat(next).contains("\"duplicate\":false");
		assertThat(id(next)).isNotEqualTo(id(first));
		this.taskora.cancel(bobs, "test over");
	}

	@Test
	void aSixthEmailToOneRecipientWithinTheHourIsRefusedWith429() throws Exception {
		String email = "{\"to\":\"zoe@example.com\",\"subject\":\"Hi\"}";
		for (int i = 0; i < 5; i++) {
			post("/emails", email, 202);
		}
		var refused = send("/emails", email);
		assertThat(refused.statusCode()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("3600");
		assertThat(refused.body()).contains("At most 5 emails an hour per recipient (email:zoe@example.com)");
		post("/emails", "{\"to\":\"max@example.com\",\"subject\":\"Hi\"}", 202);
	}

	private static String id(String accepted) {
		return accepted.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1");
	}

	private String get(String path) throws Exception {
		var request = java.net.http.HttpRequest.newBuilder(uri(path)).GET().build();
		return this.http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
	}

	private String post(String path, String json, int expectedStatus) throws Exception {
		var response = send(path, json);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
		return response.body();
	}

	private java.net.http.HttpResponse<String> send(String path, String json) throws Exception {
		var request = java.net.http.HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/json")
			.POST(java.net.http.HttpRequest.BodyPublishers.ofString(json))
			.build();
		return this.http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString());
	}

	private java.net.URI uri(String path) {
		return java.net.URI.create("http://localhost:" + this.port + path);
	}

}
