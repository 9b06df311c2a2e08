package dev.taskora.spring.boot.autoconfigure.endpoint;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.schedule.Schedule;
import dev.taskora.engine.schedule.Schedules;
import dev.taskora.spring.boot.autoconfigure.ActuatorTestConsumers.EchoConsumer;
import dev.taskora.spring.config.TaskoraScheduleRegistrar;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The endpoint's write operations over HTTP, sent exactly as the docs show them:
 * {@code curl -XPOST
 * url} sends no body and no content type.
 */
@SpringBootTest(classes = TaskoraEndpointWebIntegrationTests.App.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "taskora.adapter=memory", "management.endpoints.web.exposure.include=taskora",
				"taskora.board.enabled=false" })
class TaskoraEndpointWebIntegrationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@LocalServerPort
	private int port;

	@Autowired
	private TaskoraOperations operations;

	@Autowired
	private Schedules schedules;

	@Test
	void describesTheSingleAppWithoutAnAppsMember() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(url("/actuator/taskora")).GET().build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"tasks\":{\"echo\":").doesNotContain("\"apps\"");
	}

	@Test
	void retriesAFailedJobWithABareCurlPost() throws IOException {
		ResultHandle<Object> handle = this.operations.dispatch("echo", "twice-over-http");
		assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> handle.await(WAIT));
		Response response = curlPost("/actuator/taskora/" + handle.id() + "/retry");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"outcome\":\"retried\"");
		await().atMost(WAIT).until(() -> handle.state() == JobState.COMPLETED);
	}

	@Test
	void cancelsAJobWithABareCurlPost() throws Exception {
		ResultHandle<Object> handle = this.operations.dispatch("echo", "later",
				DispatchOptions.delay(Duration.ofHours(1)));
		handle.enqueued().get();
		Response response = curlPost("/actuator/taskora/" + handle.id() + "/cancel");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"outcome\":\"cancelled\"");
		assertThat(handle.state()).isEqualTo(JobState.CANCELLED);
	}

	@Test
	void cancelsAJobWithAReasonInAJsonBody() throws Exception {
		ResultHandle<Object> handle = this.operations.dispatch("echo", "much later",
				DispatchOptions.delay(Duration.ofHours(1)));
		handle.enqueued().get();
		HttpClient client = HttpClient.newHttpClient();
		HttpResponse<String> cancelled = client
			.send(HttpRequest.newBuilder(url("/actuator/taskora/" + handle.id() + "/cancel"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"reason\":\"customer left\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(cancelled.statusCode()).isEqualTo(200);
		assertThat(cancelled.body()).contains("\"outcome\":\"cancelled\"");
		HttpResponse<String> job = client.send(HttpRequest.newBuilder(url("/actuator/taskora/" + handle.id())).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(job.body()).contains("\"state\":\"CANCELLED\"").contains("\"cancelReason\":\"customer left\"");
	}

	@Test
	void answersAnUnknownActionWithABadRequest() throws IOException {
		assertThat(curlPost("/actuator/taskora/some-id/pause").status()).isEqualTo(400);
		assertThat(curlPost("/actuator/taskora/echo/completed/purge").status()).isEqualTo(400);
		assertThat(curlPost("/actuator/taskora/no-such-task/completed/clean").status()).isEqualTo(400);
		assertThat(curlPost("/actuator/taskora/schedules/echo-hourly/remove").status()).isEqualTo(400);
	}

	@Test
	void pausesResumesAndTriggersAScheduleWithBareCurlPosts() throws Exception {
		Response paused = curlPost("/actuator/taskora/schedules/echo-hourly/pause");
		assertThat(paused.status()).isEqualTo(200);
		assertThat(paused.body()).contains("\"outcome\":\"paused\"");
		assertThat(this.schedules.find("echo-hourly").orElseThrow().paused()).isTrue();
		HttpResponse<String> listed = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(url("/actuator/taskora/schedules/echo-hourly")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(listed.body()).contains("\"paused\":true").contains("\"every\":\"PT1H\"");

		Response resumed = curlPost("/actuator/taskora/schedules/echo-hourly/resume");
		assertThat(resumed.body()).contains("\"outcome\":\"resumed\"");
		assertThat(this.schedules.find("echo-hourly").orElseThrow().paused()).isFalse();

		Response triggered = curlPost("/actuator/taskora/schedules/echo-hourly/trigger");
		assertThat(triggered.status()).isEqualTo(200);
		assertThat(triggered.body()).contains("\"outcome\":\"triggered\"").contains("\"jobId\":\"");
		String jobId = triggered.body().replaceAll(".*\"jobId\":\"([^\"]+)\".*", "$1");
		await().atMost(WAIT)
			.until(() -> this.operations.findJob(jobId).map(job -> job.state() == JobState.COMPLETED).orElse(false));
		assertThat(curlPost("/actuator/taskora/schedules/ghost/pause").body()).contains("\"outcome\":\"not-found\"");
	}

	@Test
	void retriesEveryDeadLetterOfATaskWithABareCurlPost() throws IOException {
		ResultHandle<Object> handle = this.operations.dispatch("echo", "twice-" + UUID.randomUUID());
		assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> handle.await(WAIT));
		Response response = curlPost("/actuator/taskora/echo/dead-letters/retry-all");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"task\":\"echo\"")
			.contains("\"action\":\"retry-all\"")
			.containsPattern("\"count\":[1-9]");
		await().atMost(WAIT).until(() -> handle.state() == JobState.COMPLETED);
	}

	@Test
	void retriesEveryDeadLetterOfTheAppWithABareCurlPost() throws IOException {
		ResultHandle<Object> handle = this.operations.dispatch("echo", "twice-" + UUID.randomUUID());
		assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> handle.await(WAIT));
		Response response = curlPost("/actuator/taskora/dead-letters/retry-all");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"action\":\"retry-all\"").containsPattern("\"count\":[1-9]");
		await().atMost(WAIT).until(() -> handle.state() == JobState.COMPLETED);
	}

	@Test
	void cleansFinishedJobsWithABareCurlPostOrWithOptions() throws Exception {
		ResultHandle<Object> handle = this.operations.dispatch("echo", "clean-" + UUID.randomUUID());
		handle.await(WAIT);
		HttpResponse<String> kept = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(url("/actuator/taskora/echo/completed/clean"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"olderThan\":\"1h\",\"limit\":10}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(kept.statusCode()).isEqualTo(200);
		assertThat(kept.body()).contains("\"count\":0");
		Response response = curlPost("/actuator/taskora/echo/completed/clean");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).contains("\"action\":\"clean completed\"").containsPattern("\"count\":[1-9]");
		assertThat(get("/actuator/taskora/" + handle.id()).statusCode()).isEqualTo(404);
	}

	@Test
	void showsDeadLettersThroughputAndJobsByStateOverHttp() throws Exception {
		ResultHandle<Object> handle = this.operations.dispatch("echo", "fail");
		assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> handle.await(WAIT));
		HttpResponse<String> dlq = get("/actuator/taskora/echo/dead-letters?limit=1");
		assertThat(dlq.statusCode()).isEqualTo(200);
		assertThat(dlq.body()).contains("\"task\":\"echo\"")
			.contains("\"message\":\"asked to fail\"")
			.contains("\"jobs\":[{");
		assertThat(get("/actuator/taskora/dead-letters").body()).contains("\"errors\":[");
		HttpResponse<String> throughput = get("/actuator/taskora/echo/throughput?minutes=5");
		assertThat(throughput.statusCode()).isEqualTo(200);
		assertThat(throughput.body()).contains("\"minutes\":5").contains("\"buckets\":[");
		assertThat(get("/actuator/taskora/throughput").body()).contains("\"minutes\":60");
		HttpResponse<String> failed = get("/actuator/taskora/echo/failed?limit=5&offset=0");
		assertThat(failed.statusCode()).isEqualTo(200);
		assertThat(failed.body()).contains("\"state\":\"failed\"").contains(handle.id());
		assertThat(get("/actuator/taskora/no-such-task/failed").statusCode()).isEqualTo(404);
		assertThat(get("/actuator/taskora/echo/failed?limit=5000").statusCode()).isEqualTo(400);
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI url(String path) {
		return URI.create("http://localhost:" + this.port + path);
	}

	/**
	 * Sends the request {@code curl -XPOST http://localhost:<port><path>} sends, byte for
	 * byte.
	 */
	private Response curlPost(String path) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout((int) WAIT.toMillis());
			OutputStream out = socket.getOutputStream();
			out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost:" + this.port
					+ "\r\nUser-Agent: curl/8.5.0\r\nAccept: */*\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			return Response.read(socket.getInputStream());
		}
	}

	record Response(int status, String body) {

		static Response read(InputStream in) throws IOException {
			String statusLine = line(in);
			int status = Integer.parseInt(statusLine.split(" ")[1]);
			int contentLength = -1;
			boolean chunked = false;
			for (String header = line(in); !header.isEmpty(); header = line(in)) {
				String lower = header.toLowerCase(Locale.ROOT);
				if (lower.startsWith("content-length:")) {
					contentLength = Integer.parseInt(header.substring(15).trim());
				}
				else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
					chunked = true;
				}
			}
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			if (chunked) {
				for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer
					.parseInt(line(in).trim(), 16)) {
					body.write(in.readNBytes(size));
					line(in);
				}
			}
			else if (contentLength > 0) {
				body.write(in.readNBytes(contentLength));
			}
			return new Response(status, body.toString(StandardCharsets.UTF_8));
		}

		private static String line(InputStream in) throws IOException {
			StringBuilder line = new StringBuilder();
			for (int next = in.read(); next != -1 && next != '\n'; next = in.read()) {
				if (next != '\r') {
					line.append((char) next);
				}
			}
			return line.toString();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(EchoConsumer.class)
	static class App {

		@Bean
		TaskoraScheduleRegistrar echoSchedule() {
			return taskora -> taskora.schedule("echo-hourly", "echo", Schedule.every("1h").data("tick"));
		}

	}

}
