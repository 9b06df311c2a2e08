package dev.taskora.spring.boot.autoconfigure.board;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.Cookie;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The board's own login, without Spring Security: pages go to the login page, the API
 * answers 401.
 */
@SpringBootTest(classes = BoardTestApp.class,
		properties = { "taskora.adapter=memory", "taskora.board.enabled=true", "taskora.board.base-path=/ops/taskora",
				"taskora.board.username=ops", "taskora.board.password=s3cret",
				"taskora.board.secret=0123456789abcdef0123456789abcdef-test" })
@AutoConfigureMockMvc
class BoardSessionLoginTests {

	@Autowired
	private MockMvc mvc;

	@Test
	void answersTheApiWith401JsonWithoutASession() throws Exception {
		this.mvc.perform(get("/ops/taskora/api/overview"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$.error").value("Unauthorized"));
		this.mvc.perform(get("/ops/taskora/api/events")).andExpect(status().isUnauthorized());
		this.mvc.perform(post("/ops/taskora/api/dlq/retry-all")).andExpect(status().isUnauthorized());
	}

	@Test
	void sendsPagesToTheLoginPageWithTheWayBack() throws Exception {
		this.mvc.perform(get("/ops/taskora"))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/ops/taskora/login?redirect=/ops/taskora"));
		this.mvc.perform(get("/ops/taskora/assets/board.js"))
			.andExpect(status().isFound())
			.andExpect(header().string(HttpHeaders.LOCATION, containsString("/ops/taskora/login?redirect=")));
		this.mvc.perform(get("/ops/taskora/login?redirect=/ops/taskora"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
			.andExpect(content().string(containsString("action=\"/ops/taskora/auth/login\"")))
			.andExpect(content().string(containsString("value=\"/ops/taskora\"")));
	}

	@Test
	void signsInWithTheConfiguredCredentialsIntoASignedHttpOnlyLaxCookie() throws Exception {
		MvcResult login = this.mvc
			.perform(post("/ops/taskora/auth/login").param("username", "ops")
				.param("password", "s3cret")
				.param("redirect", "/ops/taskora/"))
			.andExpect(status().isSeeOther())
			.andExpect(redirectedUrl("/ops/taskora/"))
			.andReturn();
		String setCookie = login.getResponse().getHeader(HttpHeaders.SET_COOKIE);
		assertThat(setCookie).startsWith("taskora_board_session=")
			.contains("HttpOnly")
			.contains("SameSite=Lax")
			.contains("Path=/ops/taskora")
			.doesNotContain("Secure");
		Cookie session = login.getResponse().getCookie("taskora_board_session");
		this.mvc.perform(get("/ops/taskora/api/overview").cookie(session)).andExpect(status().isOk());
		this.mvc.perform(get("/ops/taskora/api/config").cookie(session))
			.andExpect(jsonPath("$.user").value("ops"))
			.andExpect(jsonPath("$.auth").value("session"));
		this.mvc.perform(get("/ops/taskora").cookie(session)).andExpect(status().isOk());
	}

	@Test
	void marksTheCookieSecureOverHttps() throws Exception {
		MvcResult login = this.mvc
			.perform(post("/ops/taskora/auth/login").secure(true).param("username", "ops").param("password", "s3cret"))
			.andExpect(status().isSeeOther())
			.andReturn();
		assertThat(login.getResponse().getHeader(HttpHeaders.SET_COOKIE)).contains("Secure");
	}

	@Test
	void refusesWrongCredentialsAndForeignRedirects() throws Exception {
		this.mvc
			.perform(post("/ops/taskora/auth/login").param("username", "ops")
				.param("password", "guess")
				.param("redirect", "/ops/taskora/"))
			.andExpect(status().isSeeOther())
			.andExpect(redirectedUrl("/ops/taskora/login?redirect=/ops/taskora/&error"))
			.andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE));
		this.mvc
			.perform(post("/ops/taskora/auth/login").param("username", "ops")
				.param("password", "s3cret")
				.param("redirect", "https://evil.example/ops/taskora"))
			.andExpect(redirectedUrl("/ops/taskora/"));
		this.mvc
			.perform(post("/ops/taskora/auth/login").param("username", "ops")
				.param("password", "s3cret")
				.param("redirect", "/ops/taskora//evil.example"))
			.andExpect(redirectedUrl("/ops/taskora/"));
	}

	@Test
	void sendsATamperedCookieBackToTheLogin() throws Exception {
		MvcResult login = this.mvc
			.perform(post("/ops/taskora/auth/login").param("username", "ops").param("password", "s3cret"))
			.andReturn();
		String value = login.getResponse().getCookie("taskora_board_session").getValue();
		String payload = value.substring(0, value.indexOf('.'));
		String forged = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("9999999999:admin".getBytes(StandardCharsets.UTF_8)) + value.substring(value.indexOf('.'));
		assertThat(forged).isNotEqualTo(value);
		assertThat(payload).isNotEmpty();
		this.mvc.perform(get("/ops/taskora").cookie(new Cookie("taskora_board_session", forged)))
			.andExpect(status().isFound())
			.andExpect(header().string(HttpHeaders.LOCATION, containsString("/ops/taskora/login")));
		this.mvc.perform(get("/ops/taskora/api/overview").cookie(new Cookie("taskora_board_session", value + "x")))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(get("/ops/taskora/api/overview").cookie(new Cookie("taskora_board_session", "garbage")))
			.andExpect(status().isUnauthorized());
	}

	@Test
	void signsOutByClearingTheCookie() throws Exception {
		MvcResult logout = this.mvc.perform(post("/ops/taskora/auth/logout"))
			.andExpect(status().isSeeOther())
			.andExpect(redirectedUrl("/ops/taskora/login"))
			.andReturn();
		assertThat(logout.getResponse().getHeader(HttpHeaders.SET_COOKIE)).contains("Max-Age=0");
	}

}
