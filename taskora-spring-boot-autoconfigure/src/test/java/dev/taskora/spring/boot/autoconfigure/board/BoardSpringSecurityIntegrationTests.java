package dev.taskora.spring.boot.autoconfigure.board;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.ClassUtils;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The board in an app with Spring Security (run by the {@code board-security} Surefire
 * execution, the only one with Spring Security on its classpath): the board's paths ask
 * for the role, CSRF tokens on mutations, and send pages to the app's login; the app's
 * own security stays in force.
 */
@EnabledIf("springSecurityIsOnTheClasspath")
@SpringBootTest(classes = { BoardTestApp.class, BoardSpringSecurityIntegrationTests.Users.class },
		properties = { "taskora.adapter=memory", "taskora.board.enabled=true", "taskora.board.role=OPS" })
@AutoConfigureMockMvc
class BoardSpringSecurityIntegrationTests {

	@Autowired
	private MockMvc mvc;

	static boolean springSecurityIsOnTheClasspath() {
		return ClassUtils.isPresent("org.springframework.security.web.SecurityFilterChain", null);
	}

	@Test
	void answersTheApiWith401JsonAndSendsPagesToTheAppsLogin() throws Exception {
		this.mvc.perform(get("/taskora/api/overview"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.error").value("Unauthorized"));
		this.mvc.perform(get("/taskora"))
			.andExpect(status().isFound())
			.andExpect(header().string(HttpHeaders.LOCATION, containsString("/login")));
		this.mvc.perform(get("/taskora/login")).andExpect(status().isFound());
	}

	@Test
	void letsInOnlyUsersWithTheBoardsRole() throws Exception {
		this.mvc.perform(get("/taskora/api/overview").with(user("viewer").roles("USER")))
			.andExpect(status().isForbidden());
		this.mvc.perform(get("/taskora/api/overview").with(user("ops").roles("OPS"))).andExpect(status().isOk());
		this.mvc.perform(get("/taskora").with(user("ops").roles("OPS"))).andExpect(status().isOk());
		this.mvc.perform(get("/taskora/api/overview").with(httpBasic("ops", "ops-password")))
			.andExpect(status().isOk());
		this.mvc.perform(get("/taskora/api/overview").with(httpBasic("ops", "wrong")))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void refusesMutationsWithoutACsrfToken() throws Exception {
		this.mvc.perform(post("/taskora/api/dlq/retry-all").with(user("ops").roles("OPS")))
			.andExpect(status().isForbidden());
		this.mvc.perform(post("/taskora/api/dlq/retry-all").with(user("ops").roles("OPS")).with(csrf()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.retried").isNumber());
		this.mvc.perform(post("/taskora/api/jobs/no-such-job/retry").with(user("ops").roles("OPS")).with(csrf()))
			.andExpect(status().isNotFound());
	}

	@Test
	void handsTheUiItsCsrfTokenAndUser() throws Exception {
		this.mvc.perform(get("/taskora/api/config").with(user("ops").roles("OPS")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.auth").value("security"))
			.andExpect(jsonPath("$.user").value("ops"))
			.andExpect(jsonPath("$.csrf.headerName").value("X-CSRF-TOKEN"))
			.andExpect(jsonPath("$.csrf.token").value(not("")));
	}

	@Test
	void leavesTheAppsOwnSecurityInForce() throws Exception {
		this.mvc.perform(get("/elsewhere")).andExpect(status().is(not(404)));
		this.mvc.perform(get("/elsewhere")).andExpect(status().is(Matchers.oneOf(401, 302)));
	}

	@Configuration(proxyBeanMethods = false)
	@Import(BoardTestApp.class)
	static class Users {

		@Bean
		InMemoryUserDetailsManager users() {
			return new InMemoryUserDetailsManager(
					User.withUsername("ops").password("{noop}ops-password").roles("OPS").build(),
					User.withUsername("viewer").password("{noop}viewer-password").roles("USER").build());
		}

	}

}
