package dev.taskora.spring.boot.autoconfigure.board;

import java.time.Duration;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.spring.core.TaskoraOperations;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** {@code taskora.board.read-only}: every mutation is refused with 403, reads go on. */
@SpringBootTest(classes = BoardTestApp.class,
		properties = { "taskora.adapter=memory", "taskora.board.enabled=true", "taskora.board.auth=none",
				"taskora.board.read-only=true" })
@AutoConfigureMockMvc
class BoardReadOnlyTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private TaskoraOperations operations;

	@Test
	void refusesEveryMutationWith403AndChangesNothing() throws Exception {
		ResultHandle<Object> handle = this.operations.dispatch("echo", "kept",
				DispatchOptions.delay(Duration.ofHours(1)));
		handle.enqueued().join();
		for (String path : new String[] { "/jobs/" + handle.id() + "/cancel", "/jobs/" + handle.id() + "/retry",
				"/tasks/echo/retry-all", "/tasks/echo/clean", "/schedules/echo-hourly/pause",
				"/schedules/echo-hourly/resume", "/schedules/echo-hourly/trigger", "/dlq/retry-all",
				"/dlq/" + handle.id() + "/retry" }) {
			this.mvc.perform(post("/taskora/api" + path))
				.andExpect(status().isForbidden())
				.andExpect(jsonPath("$.message").value("The board is read-only"));
		}
		this.mvc
			.perform(put("/taskora/api/schedules/echo-hourly").contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isForbidden());
		this.mvc.perform(delete("/taskora/api/schedules/echo-hourly")).andExpect(status().isForbidden());
		assertThat(handle.state()).isEqualTo(JobState.DELAYED);
		assertThat(this.operations.schedules().find("echo-hourly").orElseThrow().paused()).isFalse();
	}

	@Test
	void stillAnswersReadsAndTellsTheUiToHideTheButtons() throws Exception {
		this.mvc.perform(get("/taskora/api/overview")).andExpect(status().isOk());
		this.mvc.perform(get("/taskora/api/schedules")).andExpect(status().isOk());
		this.mvc.perform(get("/taskora/api/config"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.readOnly").value(true));
	}

}
