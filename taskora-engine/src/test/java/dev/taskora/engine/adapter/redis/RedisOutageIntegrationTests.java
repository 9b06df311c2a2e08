package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.taskora.engine.EnqueueFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.retry.StallOptions;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * What an application sees while its Redis is down: dispatches that cannot be stored say
 * so, and an outage is logged once when it starts and once when it ends rather than once
 * per operation.
 */
class RedisOutageIntegrationTests extends RedisIntegrationTestSupport {

	private RedisTestServer own;

	private RedisAdapter resilient;

	private Taskora app;

	@BeforeEach
	void startOwnServer() {
		this.own = RedisTestServer.startPrivate();
		assumeThat(this.own).as("redis-server on the PATH").isNotNull();
		this.resilient = track(RedisAdapter.create(RedisAdapterOptions.builder()
			.url(this.own.url())
			.prefix(prefix)
			.commandTimeout(Duration.ofSeconds(2))
			.connectTimeout(Duration.ofSeconds(1))
			// fail at once, as these tests are about what a failed dispatch reports
			.dispatchTimeout(Duration.ZERO)
			.build()));
		this.app = Taskora.builder().adapter(this.resilient).shutdownTimeout(Duration.ofSeconds(1)).build();
	}

	@AfterEach
	void stopOwnServer() {
		if (this.app != null) {
			this.app.close();
		}
		if (this.own != null) {
			this.own.stop();
		}
	}

	@Test
	void aDispatchThatCannotBeStoredIsLoggedAtErrorWithItsJobId() {
		Task<String, String> task = this.app.task("signup", String.class, String.class).register();
		this.app.connect();
		try (LogCapture logs = new LogCapture("dev.taskora")) {
			this.own.stop();

			String lost = task.dispatch("fire and forget").id();
			List<String> lostInBulk = task.dispatchMany(List.of("a", "b", "c")).stream().map(ResultHandle::id).toList();

			await().atMost(WAIT).until(() -> logs.at(Level.ERROR).size() >= 2);
			assertThat(logs.at(Level.ERROR)).extracting(ILoggingEvent::getFormattedMessage)
				.anySatisfy(line -> assertThat(line).contains(lost, "'signup'", "not stored", own.url()))
				.anySatisfy(line -> assertThat(line).contains("3 jobs", "'signup'", "not stored").contains(lostInBulk));
			assertThat(logs.at(Level.ERROR)).hasSize(2);
		}
	}

	@Test
	void awaitEnqueuedReturnsTheHandleOnceTheJobIsStored() {
		Task<String, String> task = this.app.task("signup", String.class, String.class).register();

		ResultHandle<String> handle = task.dispatch("ada");

		assertThat(handle.awaitEnqueued(WAIT)).isSameAs(handle);
		assertThat(handle.state()).isEqualTo(JobState.WAITING);
	}

	@Test
	void awaitEnqueuedThrowsNamingTheTaskAndJobWhenTheStoreIsDown() {
		Task<String, String> task = this.app.task("signup", String.class, String.class).register();
		this.app.connect();
		this.own.stop();

		ResultHandle<String> handle = task.dispatch("ada");

		assertThatThrownBy(() -> handle.awaitEnqueued(WAIT))
			.isInstanceOfSatisfying(EnqueueFailedException.class, ex -> {
				assertThat(ex.task()).isEqualTo("signup");
				assertThat(ex.jobId()).isEqualTo(handle.id());
			})
			.hasMessageContaining(handle.id())
			.hasMessageContaining("'signup'")
			.hasMessageContaining("was not stored")
			.hasCauseInstanceOf(RedisUnavailableException.class);
	}

	@Test
	void awaitEnqueuedGivesUpAfterItsTimeoutAndTheJobMayStillBeStored() {
		Task<String, String> task = this.app.task("signup", String.class, String.class).register();
		this.app.connect();
		try (RawRedis ownRaw = new RawRedis(this.own.url())) {
			// writes wait while clients are paused, as behind a slow or failing-over
			// server
			ownRaw.commands().clientPause(1_000);
			ResultHandle<String> handle = task.dispatch("ada");

			assertThatThrownBy(() -> handle.awaitEnqueued(Duration.ofMillis(100)))
				.isInstanceOf(EnqueueFailedException.class)
				.hasMessageContaining(handle.id())
				.hasMessageContaining("not confirmed")
				.hasMessageContaining("may still be stored");
			await().atMost(WAIT).until(() -> handle.state() == JobState.WAITING);
		}
	}

	@Test
	void anOutageIsLoggedOnceWhenItStartsAndOnceWhenItEnds() {
		// a busy app: two workers with frequent stall sweeps and retention trims, an
		// event listener, a result waiter
		StallOptions frequentSweeps = new StallOptions(Duration.ofMillis(50), 1);
		Task<String, String> emails = this.app.task("emails", String.class, String.class)
			.stall(frequentSweeps)
			.handler((data, ctx) -> data + " sent");
		Task<String, String> invoices = this.app.task("invoices", String.class, String.class)
			.stall(frequentSweeps)
			.handler((data, ctx) -> data + " billed");
		Task<String, String> reports = this.app.task("reports", String.class, String.class).register();
		this.app.on(EventType.COMPLETED, event -> {
		});
		this.app.start();
		assertThat(emails.dispatch("welcome").await(WAIT)).isEqualTo("welcome sent");
		ResultHandle<String> pending = reports.dispatch("monthly").awaitEnqueued(WAIT);

		try (LogCapture logs = new LogCapture("dev.taskora")) {
			this.own.stop();
			pending.result(); // waits through the outage, asking again with backoff

			// dozens of sweeps, trims, claims, waits and reads fail meanwhile, each
			// logged with its trace
			await().atMost(WAIT).until(() -> failuresWithStackTraces(logs) >= 60);
			this.own.restart();
			try (RawRedis ownRaw = new RawRedis(this.own.url())) {
				await().atMost(WAIT)
					.until(() -> !ownRaw.clientIds(this.resilient.instanceName() + "-commands").isEmpty());
			}
			assertThat(invoices.dispatch("march").await(WAIT)).isEqualTo("march billed");

			assertThat(logs.events()).filteredOn(line -> line.getThrowableProxy() != null)
				.as("stack traces")
				.allSatisfy(line -> assertThat(line.getLevel()).isEqualTo(Level.DEBUG));
			assertThat(logs.atLeast(Level.WARN)).singleElement().satisfies(line -> {
				assertThat(line.getLevel()).isEqualTo(Level.WARN);
				assertThat(line.getFormattedMessage()).contains("Redis at " + own.url() + " is unavailable");
			});
			await().atMost(WAIT).until(() -> !logs.at(Level.INFO).isEmpty());
			assertThat(logs.at(Level.INFO)).extracting(ILoggingEvent::getFormattedMessage)
				.singleElement(InstanceOfAssertFactories.STRING)
				.contains("Redis at " + own.url() + " is reachable again after", "operation(s) failed meanwhile",
						"stall check", "trim", "wait for work", "read events", "find");
			assertThat(logs.atLeast(Level.WARN)).hasSize(1);
		}
	}

	private static long failuresWithStackTraces(LogCapture logs) {
		return logs.events().stream().filter(line -> line.getThrowableProxy() != null).count();
	}

}
