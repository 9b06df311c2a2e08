package dev.taskora.spring.boot.autoconfigure.board;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.schedule.Schedule;
import dev.taskora.engine.workflow.Workflows;
import dev.taskora.spring.boot.autoconfigure.board.BoardTestApp.Order;
import dev.taskora.spring.core.TaskoraOperations;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every route of the board's REST API in a running app (memory adapter, no login), with
 * redaction.
 */
@SpringBootTest(classes = BoardTestApp.class,
		properties = { "taskora.adapter=memory", "taskora.board.enabled=true", "taskora.board.auth=none",
				"taskora.board.redact=password,creditCard,TOKEN", "taskora.board.refresh-interval=100ms" })
@AutoConfigureMockMvc
class BoardApiTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TaskoraOperations operations;

	@Test
	void overviewShowsStatCardsTasksWithHealthAndTheServer() throws Exception {
		this.operations.dispatch("echo", "overview").await(WAIT);
		this.mvc.perform(get("/taskora/api/overview"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.stats.completed").value(greaterThanOrEqualTo(1)))
			.andExpect(
					jsonPath("$.tasks[?(@.name == 'echo')].counts.completed").value(hasItem(greaterThanOrEqualTo(1))))
			.andExpect(jsonPath("$.tasks[?(@.name == 'echo')].handled").value(hasItem(true)))
			.andExpect(jsonPath("$.tasks[*].health")
				.value(everyItem(Matchers.in(List.of("idle", "healthy", "degraded", "failing")))))
			.andExpect(jsonPath("$.server.adapter").value("MemoryAdapter"))
			.andExpect(jsonPath("$.server.connected").value(true))
			.andExpect(jsonPath("$.running").value(true));
	}

	@Test
	void listsATasksJobsInAStatePageByPage() throws Exception {
		String marker = UUID.randomUUID().toString();
		for (int i = 0; i < 3; i++) {
			this.operations.dispatch("echo", marker + i, DispatchOptions.delay(Duration.ofHours(1))).enqueued().join();
		}
		this.mvc.perform(get("/taskora/api/tasks/echo/jobs").param("state", "delayed").param("limit", "2"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.task").value("echo"))
			.andExpect(jsonPath("$.state").value("delayed"))
			.andExpect(jsonPath("$.limit").value(2))
			.andExpect(jsonPath("$.total").value(greaterThanOrEqualTo(3)))
			.andExpect(jsonPath("$.jobs", hasSize(2)))
			.andExpect(jsonPath("$.jobs[0].state").value("delayed"));
		this.mvc.perform(get("/taskora/api/tasks/echo/jobs?state=delayed&offset=1000"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.jobs", hasSize(0)));
	}

	@Test
	void answersBadPagingWithA400NamingTheParameter() throws Exception {
		this.mvc.perform(get("/taskora/api/tasks/echo/jobs?limit=abc"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("limit"))
			.andExpect(jsonPath("$.message").value(containsString("limit must be an integer")));
		this.mvc.perform(get("/taskora/api/tasks/echo/jobs?limit=5000"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("limit"));
		this.mvc.perform(get("/taskora/api/tasks/echo/jobs?offset=-1"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("offset"));
		this.mvc.perform(get("/taskora/api/tasks/echo/jobs?state=sleeping"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("state"));
		this.mvc.perform(get("/taskora/api/dlq?limit=-5"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("limit"));
		this.mvc.perform(get("/taskora/api/throughput?minutes=0"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("minutes"));
	}

	@Test
	void answersUnknownTasksJobsSchedulesAndRoutesWith404Json() throws Exception {
		this.mvc.perform(get("/taskora/api/tasks/ghost/jobs"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.message").value("No task 'ghost' in this app"));
		this.mvc.perform(get("/taskora/api/tasks/ghost/stats")).andExpect(status().isNotFound());
		this.mvc.perform(post("/taskora/api/tasks/ghost/retry-all")).andExpect(status().isNotFound());
		this.mvc.perform(get("/taskora/api/jobs/no-such-job"))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.error").value("Not Found"));
		this.mvc.perform(post("/taskora/api/jobs/no-such-job/retry")).andExpect(status().isNotFound());
		this.mvc.perform(post("/taskora/api/jobs/no-such-job/cancel")).andExpect(status().isNotFound());
		this.mvc.perform(post("/taskora/api/schedules/ghost/pause")).andExpect(status().isNotFound());
		this.mvc.perform(post("/taskora/api/schedules/ghost/trigger")).andExpect(status().isNotFound());
		this.mvc.perform(get("/taskora/api/throughput?task=ghost")).andExpect(status().isNotFound());
		this.mvc.perform(get("/taskora/api/no-such-route"))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON));
	}

	@Test
	void showsATasksCounts() throws Exception {
		this.operations.dispatch("echo", "stats").await(WAIT);
		this.mvc.perform(get("/taskora/api/tasks/echo/stats"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.counts.completed").value(greaterThanOrEqualTo(1)))
			.andExpect(jsonPath("$.counts.retrying").exists())
			.andExpect(jsonPath("$.stats.completed").value(greaterThanOrEqualTo(1)));
	}

	@Test
	void showsOneJobWithItsTimelineLogsAndProgressAndMasksSecretsAtAnyDepth() throws Exception {
		Order order = new Order("o-1", Map.of("name", "Ada", "auth", Map.of("password", "hunter2")),
				List.of(Map.of("creditCard", "4111-1111-1111-1111", "amount", 12)), false);
		ResultHandle<Object> handle = this.operations.dispatch("orders", order);
		handle.await(WAIT);
		MvcResult result = this.mvc.perform(get("/taskora/api/jobs/" + handle.id()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(handle.id()))
			.andExpect(jsonPath("$.task").value("orders"))
			.andExpect(jsonPath("$.state").value("completed"))
			.andExpect(jsonPath("$.data.customer.name").value("Ada"))
			.andExpect(jsonPath("$.data.customer.auth.password").value("[REDACTED]"))
			.andExpect(jsonPath("$.data.payments[0].creditCard").value("[REDACTED]"))
			.andExpect(jsonPath("$.data.payments[0].amount").value(12))
			.andExpect(jsonPath("$.result.id").value("o-1"))
			.andExpect(jsonPath("$.result.token").value("[REDACTED]"))
			.andExpect(jsonPath("$.logs[0].message").value("charging o-1"))
			.andExpect(jsonPath("$.logs[0].meta.card.creditCard").value("[REDACTED]"))
			.andExpect(jsonPath("$.logs[0].meta.card.brand").value("visa"))
			.andExpect(jsonPath("$.timeline[*].label").value(Matchers.contains("dispatched", "processed", "completed")))
			.andExpect(jsonPath("$.attempt").value(1))
			.andReturn();
		assertThat(result.getResponse().getContentAsString()).doesNotContain("hunter2", "4111-1111", "tok-secret");
	}

	@Test
	void cutsOverLongDataSoThePageStaysUsable() throws Exception {
		String big = "x".repeat(50_000);
		ResultHandle<Object> handle = this.operations.dispatch("echo", big);
		handle.await(WAIT);
		MvcResult result = this.mvc.perform(get("/taskora/api/jobs/" + handle.id()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.data").value(containsString("[truncated, 50000 characters]")))
			.andExpect(jsonPath("$.result").value(containsString("[truncated")))
			.andReturn();
		assertThat(result.getResponse().getContentAsString().length()).isLessThan(20_000);
	}

	@Test
	void retriesAFailedJobAndRefusesToRetryAFinishedOne() throws Exception {
		ResultHandle<Object> failed = this.operations.dispatch("echo", "twice-" + UUID.randomUUID());
		assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> failed.await(WAIT));
		this.mvc.perform(post("/taskora/api/jobs/" + failed.id() + "/retry"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("retried"));
		await().atMost(WAIT).until(() -> failed.state() == JobState.COMPLETED);
		this.mvc.perform(post("/taskora/api/jobs/" + failed.id() + "/retry"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.message").value(containsString("not failed or cancelled")));
	}

	@Test
	void cancelsAWaitingJobAndRefusesToCancelItTwice() throws Exception {
		ResultHandle<Object> handle = this.operations.dispatch("echo", "later",
				DispatchOptions.delay(Duration.ofHours(1)));
		handle.enqueued().join();
		this.mvc.perform(post("/taskora/api/jobs/" + handle.id() + "/cancel").param("reason", "not needed"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("cancelled"));
		assertThat(handle.state()).isEqualTo(JobState.CANCELLED);
		this.mvc.perform(get("/taskora/api/jobs/" + handle.id()))
			.andExpect(jsonPath("$.cancelReason").value("not needed"));
		this.mvc.perform(post("/taskora/api/jobs/" + handle.id() + "/cancel")).andExpect(status().isConflict());
	}

	@Test
	void retriesEveryFailedJobOfATaskAndCleansItsFinishedJobs() throws Exception {
		ResultHandle<Object> failed = this.operations.dispatch("echo", "twice-" + UUID.randomUUID());
		assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> failed.await(WAIT));
		this.mvc.perform(post("/taskora/api/tasks/echo/retry-all"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.retried").value(greaterThanOrEqualTo(1)));
		await().atMost(WAIT).until(() -> failed.state() == JobState.COMPLETED);
		this.mvc.perform(post("/taskora/api/tasks/echo/clean").param("state", "completed"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.cleaned").value(greaterThanOrEqualTo(1)));
		assertThat(this.operations.findJob(failed.id())).isEmpty();
		this.mvc.perform(post("/taskora/api/tasks/echo/clean").param("state", "waiting"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("state"));
		this.mvc.perform(post("/taskora/api/tasks/echo/clean").param("olderThan", "soon"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("olderThan"));
	}

	@Test
	void listsPausesResumesTriggersUpdatesAndRemovesSchedules() throws Exception {
		this.operations.taskora().schedule("doomed", "echo", Schedule.every("1h").data("boom"));
		await().atMost(WAIT).until(() -> this.operations.schedules().find("doomed").isPresent());
		this.mvc.perform(get("/taskora/api/schedules"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.leader").isBoolean())
			.andExpect(jsonPath("$.schedules[?(@.name == 'echo-hourly')].every").value(hasItem(3_600_000)))
			.andExpect(jsonPath("$.schedules[?(@.name == 'echo-hourly')].task").value(hasItem("echo")));
		this.mvc.perform(post("/taskora/api/schedules/doomed/pause"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paused").value(true));
		this.mvc.perform(post("/taskora/api/schedules/doomed/resume"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.paused").value(false))
			.andExpect(jsonPath("$.nextRun").exists());
		MvcResult triggered = this.mvc.perform(post("/taskora/api/schedules/doomed/trigger"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.jobId").isString())
			.andReturn();
		String jobId = triggered.getResponse().getContentAsString().replaceAll(".*\"jobId\":\"([^\"]+)\".*", "$1");
		await().atMost(WAIT)
			.until(() -> this.operations.findJob(jobId).map(job -> job.state() == JobState.COMPLETED).orElse(false));
		this.mvc
			.perform(put("/taskora/api/schedules/doomed").contentType(MediaType.APPLICATION_JSON)
				.content("{\"every\":\"2h\",\"data\":\"bang\"}"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.every").value(7_200_000))
			.andExpect(jsonPath("$.data").value("bang"));
		this.mvc
			.perform(put("/taskora/api/schedules/doomed").contentType(MediaType.APPLICATION_JSON)
				.content("{\"cron\":\"not a cron\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").exists());
		this.mvc.perform(put("/taskora/api/schedules/doomed").contentType(MediaType.APPLICATION_JSON).content("[1]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("body"));
		this.mvc.perform(delete("/taskora/api/schedules/doomed"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.removed").value(true));
		this.mvc.perform(delete("/taskora/api/schedules/doomed")).andExpect(status().isNotFound());
		this.mvc.perform(put("/taskora/api/schedules/doomed").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isNotFound());
	}

	@Test
	void groupsDeadLettersByErrorAndRetriesThemOneOrAll() throws Exception {
		String id = UUID.randomUUID().toString();
		ResultHandle<Object> first = this.operations.dispatch("orders",
				new Order(id, Map.of("name", "Bob"), List.of(), true));
		ResultHandle<Object> second = this.operations.dispatch("orders",
				new Order(id, Map.of("name", "Bob"), List.of(), true));
		assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> first.await(WAIT));
		assertThatExceptionOfType(JobFailedException.class).isThrownBy(() -> second.await(WAIT));
		this.mvc.perform(get("/taskora/api/dlq"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(greaterThanOrEqualTo(2)))
			.andExpect(jsonPath("$.errors[?(@.message =~ /.*card declined for " + id + ".*/)].count").value(hasItem(2)))
			.andExpect(jsonPath("$.jobs[*].state").value(everyItem(Matchers.is("failed"))));
		this.mvc.perform(get("/taskora/api/dlq").param("task", "orders").param("limit", "1"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.jobs", hasSize(1)));
		this.mvc.perform(get("/taskora/api/dlq").param("task", "ghost")).andExpect(status().isNotFound());
		this.mvc.perform(post("/taskora/api/dlq/" + first.id() + "/retry"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("retried"));
		this.mvc.perform(post("/taskora/api/dlq/retry-all").param("task", "orders"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.retried").value(greaterThanOrEqualTo(1)));
	}

	@Test
	void answers24HoursOfPerMinuteThroughput() throws Exception {
		this.operations.dispatch("echo", "counted").await(WAIT);
		this.mvc.perform(get("/taskora/api/throughput"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.minutes").value(1440))
			.andExpect(jsonPath("$.buckets", hasSize(1440)))
			.andExpect(jsonPath("$.buckets[1439].completed").value(greaterThanOrEqualTo(1)));
		this.mvc.perform(get("/taskora/api/throughput?task=echo&minutes=60"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.buckets", hasSize(60)));
	}

	@Test
	void describesItselfToTheUi() throws Exception {
		this.mvc.perform(get("/taskora/api/config"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.title").value("Taskora"))
			.andExpect(jsonPath("$.basePath").value("/taskora"))
			.andExpect(jsonPath("$.readOnly").value(false))
			.andExpect(jsonPath("$.auth").value("none"))
			.andExpect(jsonPath("$.theme").value("auto"))
			.andExpect(jsonPath("$.refreshInterval").value(100))
			.andExpect(jsonPath("$.sections[*].id").value(Matchers.containsInAnyOrder("workflows", "migrations")));
	}

	@Test
	@SuppressWarnings("unchecked")
	void listsWorkflowsAndShowsOneAsADagOfNodesAndEdges() throws Exception {
		Task<String, String> echo = (Task<String, String>) this.operations.findTask("echo").orElseThrow();
		var workflow = Workflows.chain(echo.s("wf-first"), echo.s(), echo.s()).dispatch();
		// the result completes once the workflow is recorded with every node done
		workflow.result().get(10, TimeUnit.SECONDS);
		this.mvc.perform(get("/taskora/api/workflows"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.total").value(greaterThanOrEqualTo(1)))
			.andExpect(jsonPath("$.workflows[?(@.id == '" + workflow.id() + "')].nodes").value(hasItem(3)))
			.andExpect(jsonPath("$.workflows[?(@.id == '" + workflow.id() + "')].done").value(hasItem(3)));
		this.mvc.perform(get("/taskora/api/workflows/" + workflow.id()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("completed"))
			.andExpect(jsonPath("$.nodes", hasSize(3)))
			.andExpect(jsonPath("$.nodes[0].task").value("echo"))
			.andExpect(jsonPath("$.nodes[0].jobId").isString())
			.andExpect(jsonPath("$.nodes[2].deps[0]").value(1))
			.andExpect(jsonPath("$.edges[0].from").value(0))
			.andExpect(jsonPath("$.edges[0].to").value(1))
			.andExpect(jsonPath("$.result").value("wf-first"));
		this.mvc.perform(post("/taskora/api/workflows/" + workflow.id() + "/cancel")).andExpect(status().isConflict());
		this.mvc.perform(get("/taskora/api/workflows/no-such-workflow")).andExpect(status().isNotFound());
		this.mvc.perform(post("/taskora/api/workflows/no-such-workflow/cancel")).andExpect(status().isNotFound());
		this.mvc.perform(get("/taskora/api/workflows?limit=x"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.parameter").value("limit"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void cancelsARunningWorkflowWithEveryPendingStep() throws Exception {
		Task<String, String> block = (Task<String, String>) this.operations.findTask("block").orElseThrow();
		Task<String, String> echo = (Task<String, String>) this.operations.findTask("echo").orElseThrow();
		var workflow = Workflows.chain(block.s("wait"), echo.s()).dispatch();
		workflow.awaitDispatched(WAIT);
		this.mvc.perform(post("/taskora/api/workflows/" + workflow.id() + "/cancel").param("reason", "from the board"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value("cancelled"));
		await().atMost(WAIT)
			.untilAsserted(() -> this.mvc.perform(get("/taskora/api/workflows/" + workflow.id()))
				.andExpect(jsonPath("$.state").value("cancelled"))
				.andExpect(jsonPath("$.nodes[1].state").value("cancelled")));
	}

	@Test
	void showsATasksPayloadVersionsAndHowFarSinceCanBeRaised() throws Exception {
		this.operations.dispatch("echo", "versioned", DispatchOptions.delay(Duration.ofHours(3))).enqueued().join();
		this.mvc.perform(get("/taskora/api/tasks/echo/migrations"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.task").value("echo"))
			.andExpect(jsonPath("$.version").value(1))
			.andExpect(jsonPath("$.since").value(1))
			.andExpect(jsonPath("$.migrations").value(0))
			.andExpect(jsonPath("$.delayed['1']").value(greaterThanOrEqualTo(1)))
			.andExpect(jsonPath("$.canBumpSince").value(1));
		this.mvc.perform(get("/taskora/api/migrations"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.tasks[?(@.task == 'orders')].version").value(hasItem(1)));
		this.mvc.perform(get("/taskora/api/tasks/ghost/migrations")).andExpect(status().isNotFound());
	}

	@Test
	void streamsJobEventsAndStatsFramesOverServerSentEvents() throws Exception {
		MvcResult stream = this.mvc.perform(get("/taskora/api/events")).andExpect(request().asyncStarted()).andReturn();
		ResultHandle<Object> handle = this.operations.dispatch("echo", "streamed");
		handle.await(WAIT);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(stream.getResponse().getContentAsString()).contains("event:completed")
				.contains("\"id\":\"" + handle.id() + "\"")
				.contains("event:stats:update"));
		assertThat(stream.getResponse().getContentType()).startsWith("text/event-stream");
	}

	@Test
	void servesThePageAndItsAssets() throws Exception {
		this.mvc.perform(get("/taskora"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("/taskora/assets/board.js")))
			.andExpect(content().string(containsString("<title>Taskora</title>")));
		this.mvc.perform(get("/taskora/assets/board.js")).andExpect(status().isOk());
		this.mvc.perform(get("/taskora/assets/board.css")).andExpect(status().isOk());
		this.mvc.perform(get("/taskora/assets/../../application.properties")).andExpect(status().is4xxClientError());
		this.mvc.perform(get("/taskora/login")).andExpect(status().isNotFound());
	}

}
