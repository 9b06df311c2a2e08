package dev.taskora.spring.boot.autoconfigure.board;

import java.time.Clock;

import dev.taskora.engine.Taskora;
import dev.taskora.spring.board.BoardAuthenticator;
import dev.taskora.spring.board.BoardCsrf;
import dev.taskora.spring.board.BoardEvents;
import dev.taskora.spring.board.BoardRedactor;
import dev.taskora.spring.board.BoardSection;
import dev.taskora.spring.board.BoardSettings;
import dev.taskora.spring.board.SessionLogin;
import dev.taskora.spring.board.MigrationsSection;
import dev.taskora.spring.board.TaskoraBoard;
import dev.taskora.spring.board.WorkflowsSection;
import dev.taskora.spring.board.security.BoardSecurity;
import dev.taskora.spring.boot.autoconfigure.InvalidTaskoraConfigurationException;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.boot.autoconfigure.board.TaskoraBoardProperties.Auth;
import dev.taskora.spring.core.TaskoraOperations;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.ClassUtils;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The board in a servlet web app, under {@code taskora.board.base-path}: its routes, its
 * live stream and how it is guarded. With Spring Security on the classpath a filter chain
 * for the board's paths asks for {@code taskora.board.role} and CSRF tokens, and sends
 * users to the app's login; without it the board's own login guards it, and the app
 * refuses to start unless its username, password and secret (32 characters or more) are
 * set, or {@code taskora.board.auth=none} says the board is open on purpose.
 * {@code taskora.board.enabled=false} leaves it out.
 */
@AutoConfiguration(after = TaskoraAutoConfiguration.class, afterName = {
		"org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({ Taskora.class, RouterFunction.class, JsonMapper.class })
@ConditionalOnBooleanProperty("taskora.board.enabled")
@ConditionalOnBean(TaskoraOperations.class)
@EnableConfigurationProperties(TaskoraBoardProperties.class)
public final class TaskoraBoardAutoConfiguration {

	private static final String SECURITY_CHAIN = "org.springframework.security.web.SecurityFilterChain";

	@Bean
	@ConditionalOnMissingBean
	TaskoraBoard taskoraBoard(TaskoraBoardProperties properties, TaskoraOperations operations,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<SessionLogin> login, ObjectProvider<BoardCsrf> csrf,
			ObjectProvider<BoardSection> sections) {
		JsonMapper mapper = jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
		BoardSettings settings = settings(properties);
		return new TaskoraBoard(settings, operations, new BoardRedactor(properties.getRedact(), mapper), mapper,
				login.getIfAvailable(), csrf.getIfAvailable(() -> BoardCsrf.NONE), sections.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	BoardEvents taskoraBoardEvents(TaskoraBoard board) {
		return board.events();
	}

	@Bean
	RouterFunction<ServerResponse> taskoraBoardRouterFunction(TaskoraBoard board) {
		return board.routes();
	}

	/** The workflows page, as the engine has workflows. */
	@Bean
	@ConditionalOnMissingBean(WorkflowsSection.class)
	WorkflowsSection taskoraBoardWorkflowsSection(TaskoraBoardProperties properties, Taskora taskora,
			ObjectProvider<JsonMapper> jsonMapper) {
		JsonMapper mapper = jsonMapper.getIfAvailable(() -> JsonMapper.builder().build());
		return new WorkflowsSection(taskora.workflows(), new BoardRedactor(properties.getRedact(), mapper), mapper);
	}

	/** The migrations page, as the engine versions payloads. */
	@Bean
	@ConditionalOnMissingBean(MigrationsSection.class)
	MigrationsSection taskoraBoardMigrationsSection(TaskoraOperations operations) {
		return new MigrationsSection(operations);
	}

	static BoardSettings settings(TaskoraBoardProperties properties) {
		String auth = (properties.getAuth() == Auth.NONE) ? "none"
				: ClassUtils.isPresent(SECURITY_CHAIN, TaskoraBoardAutoConfiguration.class.getClassLoader())
						? "security" : "session";
		try {
			return new BoardSettings(properties.getBasePath(), properties.getTitle(), properties.isReadOnly(),
					properties.getTheme(), properties.getRefreshInterval(), auth);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidTaskoraConfigurationException("Invalid taskora.board settings: " + ex.getMessage(),
					"Fix taskora.board.base-path or taskora.board.refresh-interval.");
		}
	}

	/** The board's own login, when Spring Security is absent. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnMissingClass(SECURITY_CHAIN)
	@ConditionalOnProperty(name = "taskora.board.auth", havingValue = "session", matchIfMissing = true)
	static class SessionLoginConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SessionLogin taskoraBoardSessionLogin(TaskoraBoardProperties properties,
				ObjectProvider<BoardAuthenticator> authenticator) {
			BoardAuthenticator check = authenticator.getIfAvailable(() -> credentials(properties));
			String secret = properties.getSecret();
			if (secret == null || secret.length() < SessionLogin.MIN_SECRET_LENGTH) {
				throw new InvalidTaskoraConfigurationException(
						"taskora.board.secret must be at least " + SessionLogin.MIN_SECRET_LENGTH
								+ " characters long to sign the board's session cookie, was "
								+ ((secret != null) ? secret.length() + " characters" : "not set"),
						"Set taskora.board.secret (generate one with 'openssl rand -base64 48'), add Spring Security,"
								+ " set taskora.board.auth=none to serve the board without a login, or"
								+ " taskora.board.enabled=false to leave it out.");
			}
			return new SessionLogin(settings(properties), check, secret, properties.getCookie().getName(),
					properties.getCookie().getSessionTtl(), Clock.systemUTC());
		}

		private static BoardAuthenticator credentials(TaskoraBoardProperties properties) {
			String username = properties.getUsername();
			String password = properties.getPassword();
			if (username == null || username.isBlank() || password == null || password.isEmpty()) {
				throw new InvalidTaskoraConfigurationException(
						"The taskora board has no login: taskora.board.username and taskora.board.password are not set",
						"Set taskora.board.username, taskora.board.password and taskora.board.secret, define a"
								+ " BoardAuthenticator bean, add Spring Security, set taskora.board.auth=none to serve"
								+ " the board without a login, or taskora.board.enabled=false to leave it out.");
			}
			return BoardAuthenticator.of(username, password);
		}

	}

	/**
	 * The board behind Spring Security: a chain for its paths, and the CSRF token for the
	 * UI.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ SecurityFilterChain.class, HttpSecurity.class })
	static class SecurityConfiguration {

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE + 50)
		@ConditionalOnMissingBean(name = "taskoraBoardSecurityFilterChain")
		SecurityFilterChain taskoraBoardSecurityFilterChain(HttpSecurity http, TaskoraBoardProperties properties)
				throws Exception {
			String role = (properties.getAuth() == Auth.NONE) ? null : properties.getRole();
			return BoardSecurity.filterChain(http, settings(properties), role, properties.getLoginPage());
		}

		@Bean
		@ConditionalOnMissingBean
		BoardCsrf taskoraBoardCsrf() {
			return BoardSecurity.csrf();
		}

	}

}
