package dev.taskora.spring.boot.autoconfigure.board;

import dev.taskora.spring.board.BoardAuthenticator;
import dev.taskora.spring.board.BoardEvents;
import dev.taskora.spring.board.SessionLogin;
import dev.taskora.spring.board.TaskoraBoard;
import dev.taskora.spring.boot.autoconfigure.InvalidTaskoraConfigurationException;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import dev.taskora.spring.boot.autoconfigure.schedule.TaskoraScheduleAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.web.servlet.function.RouterFunction;

import static org.assertj.core.api.Assertions.assertThat;

class TaskoraBoardAutoConfigurationTests {

	private static final String SECRET = "taskora.board.secret=0123456789abcdef0123456789abcdef";

	private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class, TaskoraScheduleAutoConfiguration.class,
				TaskoraBoardAutoConfiguration.class))
		.withClassLoader(new FilteredClassLoader("org.springframework.security"))
		.withPropertyValues("taskora.adapter=memory", "taskora.board.enabled=true");

	@Test
	void servesTheBoardWithItsOwnLoginWhenSpringSecurityIsAbsent() {
		this.runner.withPropertyValues("taskora.board.username=ops", "taskora.board.password=pw", SECRET)
			.run(context -> {
				assertThat(context).hasSingleBean(TaskoraBoard.class)
					.hasSingleBean(BoardEvents.class)
					.hasSingleBean(SessionLogin.class)
					.hasBean("taskoraBoardRouterFunction");
				assertThat(context.getBean("taskoraBoardRouterFunction")).isInstanceOf(RouterFunction.class);
				assertThat(context.getBean(BoardEvents.class).isRunning()).isTrue();
			});
	}

	@Test
	void refusesToStartWithoutCredentialsUnlessAuthIsNone() {
		this.runner.withPropertyValues(SECRET).run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidTaskoraConfigurationException.class)
				.hasMessageContaining("taskora.board.username and taskora.board.password are not set");
		});
		this.runner.withPropertyValues("taskora.board.auth=none").run(context -> {
			assertThat(context).hasNotFailed().hasSingleBean(TaskoraBoard.class).doesNotHaveBean(SessionLogin.class);
		});
	}

	@Test
	void refusesASecretShorterThan32Characters() {
		this.runner
			.withPropertyValues("taskora.board.username=ops", "taskora.board.password=pw",
					"taskora.board.secret=short-secret")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidTaskoraConfigurationException.class)
					.hasMessageContaining(
							"taskora.board.secret must be at least 32 characters long to sign the board's session cookie, was 12 characters");
			});
		this.runner.withPropertyValues("taskora.board.username=ops", "taskora.board.password=pw")
			.run(context -> assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("was not set"));
	}

	@Test
	void checksCredentialsWithABoardAuthenticatorBeanInsteadOfProperties() {
		this.runner.withPropertyValues(SECRET)
			.withBean(BoardAuthenticator.class, () -> (user, password) -> user.equals("ldap") ? user : null)
			.run(context -> assertThat(context).hasNotFailed().hasSingleBean(SessionLogin.class));
	}

	@Test
	void refusesAnInvalidBasePath() {
		this.runner.withPropertyValues("taskora.board.auth=none", "taskora.board.base-path=taskora/")
			.run(context -> assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidTaskoraConfigurationException.class)
				.hasMessageContaining("basePath must start with '/'"));
	}

	@Test
	void isLeftOutWhenDisabled() {
		this.runner.withPropertyValues("taskora.board.enabled=false")
			.run(context -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TaskoraBoard.class)
				.doesNotHaveBean(SessionLogin.class)
				.doesNotHaveBean("taskoraBoardRouterFunction"));
	}

	@Test
	void isLeftOutOfAWebAppThatDoesNotTurnItOn() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(TaskoraAutoConfiguration.class, TaskoraBoardAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.withPropertyValues("taskora.adapter=memory")
			.run(context -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(TaskoraBoard.class)
				.doesNotHaveBean("taskoraBoardRouterFunction"));
	}

	@Test
	void isLeftOutOfAppsThatAreNotServletWebApps() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(TaskoraAutoConfiguration.class, TaskoraBoardAutoConfiguration.class))
			.withPropertyValues("taskora.adapter=memory")
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TaskoraBoard.class));
	}

	@Test
	void isLeftOutWithoutSpringMvc() {
		this.runner
			.withClassLoader(
					new FilteredClassLoader("org.springframework.security", "org.springframework.web.servlet.function"))
			.withPropertyValues("taskora.board.auth=none")
			.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(TaskoraBoard.class));
	}

}
