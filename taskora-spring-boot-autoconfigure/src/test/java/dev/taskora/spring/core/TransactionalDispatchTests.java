package dev.taskora.spring.core;

import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.TaskHandler;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * dispatchAfterCommit with a real transaction manager (JDBC over an in-memory H2
 * database): the job is dispatched when the row is committed, and never when it is rolled
 * back.
 */
class TransactionalDispatchTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(TaskoraAutoConfiguration.class))
		.withPropertyValues("taskora.adapter=memory")
		.withUserConfiguration(DatabaseConfiguration.class)
		.withBean(WelcomeConsumer.class);

	@Test
	void aJobDispatchedAfterCommitIsEnqueuedOnlyOnceTheTransactionCommits() {
		this.runner.run(context -> {
			TaskoraOperations taskora = context.getBean(TaskoraOperations.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			// tag::after-commit[]
			CompletableFuture<ResultHandle<Object>> welcome = transaction(context).execute(status -> {
				jdbc.update("insert into users (email) values (?)", "ada@example.com");
				CompletableFuture<ResultHandle<Object>> dispatched = taskora.dispatchAfterCommit("send-welcome",
						"ada@example.com");
				assertThat(dispatched).isNotDone();
				assertThat(taskora.counts("send-welcome").values()).allMatch(count -> count == 0);
				return dispatched;
			});
			// end::after-commit[]
			ResultHandle<Object> handle = welcome.join();
			assertThat(handle.await(WAIT)).isEqualTo("welcomed ada@example.com (1 user)");
		});
	}

	@Test
	void aJobDispatchedAfterCommitIsDroppedWhenTheTransactionRollsBack() {
		this.runner.run(context -> {
			TaskoraOperations taskora = context.getBean(TaskoraOperations.class);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			CompletableFuture<ResultHandle<Object>> welcome = transaction(context).execute(status -> {
				jdbc.update("insert into users (email) values (?)", "grace@example.com");
				CompletableFuture<ResultHandle<Object>> dispatched = taskora.dispatchAfterCommit("send-welcome",
						"grace@example.com");
				status.setRollbackOnly();
				return dispatched;
			});
			assertThatThrownBy(welcome::join).isInstanceOf(CancellationException.class);
			// the reason itself (join() on JDK 21+ wraps it in a CancellationException of
			// its own)
			assertThat(welcome.handle((handle, error) -> error).join()).isInstanceOf(CancellationException.class)
				.hasMessageContaining(
						"The transaction did not commit, so the job of task 'send-welcome' was not dispatched");
			assertThat(jdbc.queryForObject("select count(*) from users", Integer.class)).isZero();
			assertThat(taskora.counts("send-welcome").values()).allMatch(count -> count == 0);
		});
	}

	@Test
	void withoutATransactionTheJobIsDispatchedAtOnce() {
		this.runner.run(context -> {
			TaskoraOperations taskora = context.getBean(TaskoraOperations.class);
			CompletableFuture<ResultHandle<Object>> dispatched = taskora.dispatchAfterCommit("send-welcome", "x@y.z");
			assertThat(dispatched).isDone();
			assertThat(dispatched.join().await(WAIT)).isEqualTo("welcomed x@y.z (0 users)");
		});
	}

	@Test
	void anUnknownTaskFailsTheCallerAtOnceEvenInATransaction() {
		this.runner.run(context -> {
			TaskoraOperations taskora = context.getBean(TaskoraOperations.class);
			assertThatIllegalArgumentException()
				.isThrownBy(() -> transaction(context)
					.executeWithoutResult(status -> taskora.dispatchAfterCommit("send-welcom", "x")))
				.withMessageStartingWith("No task 'send-welcom' is registered");
		});
	}

	@Test
	void aTypedDispatcherDispatchesAfterCommitToo() {
		this.runner.run(context -> {
			TaskDispatcher<String, String> welcome = context.getBean(TaskoraOperations.class)
				.dispatcher("send-welcome", String.class, String.class);
			CompletableFuture<ResultHandle<String>> dispatched = transaction(context)
				.execute(status -> welcome.dispatchAfterCommit("typed@example.com"));
			assertThat(dispatched.join().await(WAIT)).isEqualTo("welcomed typed@example.com (0 users)");
			CompletableFuture<ResultHandle<String>> dropped = transaction(context).execute(status -> {
				status.setRollbackOnly();
				return welcome.dispatchAfterCommit("dropped@example.com");
			});
			assertThat(dropped).isCompletedExceptionally();
			assertThat(context.getBean(TaskoraOperations.class).counts("send-welcome"))
				.containsEntry(JobState.COMPLETED, 1L);
		});
	}

	private static TransactionTemplate transaction(AssertableApplicationContext context) {
		return new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class DatabaseConfiguration {

		@Bean(destroyMethod = "shutdown")
		DataSource dataSource() {
			return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
				.generateUniqueName(true)
				.addScript("classpath:dev/taskora/spring/core/users.sql")
				.build();
		}

		@Bean
		DataSourceTransactionManager transactionManager(DataSource dataSource) {
			return new DataSourceTransactionManager(dataSource);
		}

		@Bean
		JdbcTemplate jdbcTemplate(DataSource dataSource) {
			return new JdbcTemplate(dataSource);
		}

	}

	/**
	 * Reads the committed users: a job dispatched after commit sees the row its
	 * transaction wrote.
	 */
	@TaskConsumer("send-welcome")
	static class WelcomeConsumer implements TaskHandler<String, String> {

		private final JdbcTemplate jdbc;

		WelcomeConsumer(JdbcTemplate jdbc) {
			this.jdbc = jdbc;
		}

		@Override
		public String handle(String email, JobContext ctx) {
			Integer users = this.jdbc.queryForObject("select count(*) from users", Integer.class);
			return "welcomed " + email + " (" + users + ((users == 1) ? " user)" : " users)");
		}

	}

}
