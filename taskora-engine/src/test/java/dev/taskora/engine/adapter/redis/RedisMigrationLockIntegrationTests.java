package dev.taskora.engine.adapter.redis;

import java.time.Duration;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import io.lettuce.core.SetArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * taskora's wire-format migration lock as a Node migrator sets it: workers pause claiming
 * while a lock covering wire version 6 is held, and resume on the broadcast that
 * announces its release.
 */
class RedisMigrationLockIntegrationTests extends RedisIntegrationTestSupport {

	private static final String GATE_LOGGER = "dev.taskora.engine.worker.MigrationGate";

	private Taskora app;

	@AfterEach
	void closeApp() {
		if (this.app != null) {
			this.app.close(Duration.ofSeconds(5));
		}
	}

	@Test
	void workersPauseWhileTheLockIsHeldAndResumeOnTheBroadcast() {
		String task = task();
		this.app = Taskora.builder().adapter(this.adapter).build();
		Task<String, String> echo = this.app.task(task, String.class, String.class).handler((s, ctx) -> "got " + s);
		try (LogCapture log = new LogCapture(GATE_LOGGER)) {
			this.app.start();
			assertThat(echo.dispatch("before").await(WAIT)).isEqualTo("got before");

			migratorTakesTheLock(6);
			await().atMost(WAIT).until(() -> logged(log, "pause claiming"));
			ResultHandle<String> during = echo.dispatch("during");
			during.awaitEnqueued(WAIT);
			await().during(Duration.ofMillis(500))
				.atMost(WAIT)
				.until(() -> this.adapter.inspect().state(task, during.id()).join() == JobState.WAITING);

			migratorReleasesTheLock();
			// the 30 s poll is far off: only the broadcast can let it run within the wait
			assertThat(during.await(WAIT)).isEqualTo("got during");
			assertThat(logged(log, "claim again")).isTrue();
		}
	}

	@Test
	void aWorkerStartingMidMigrationPausesAtOnce() {
		String task = task();
		migratorTakesTheLock(7);
		this.app = Taskora.builder().adapter(this.adapter).build();
		Task<String, String> echo = this.app.task(task, String.class, String.class).handler((s, ctx) -> "got " + s);
		try (LogCapture log = new LogCapture(GATE_LOGGER)) {
			this.app.start();
			assertThat(logged(log, "pause claiming")).isTrue();
			ResultHandle<String> handle = echo.dispatch("x");
			handle.awaitEnqueued(WAIT);
			await().during(Duration.ofMillis(300))
				.atMost(WAIT)
				.until(() -> this.adapter.inspect().state(task, handle.id()).join() == JobState.WAITING);
			migratorReleasesTheLock();
			assertThat(handle.await(WAIT)).isEqualTo("got x");
		}
	}

	@Test
	void aLockForAnOlderWireVersionDoesNotPause() {
		String task = task();
		migratorTakesTheLock(5);
		this.app = Taskora.builder().adapter(this.adapter).build();
		Task<String, String> echo = this.app.task(task, String.class, String.class).handler((s, ctx) -> "got " + s);
		this.app.start();
		assertThat(echo.dispatch("x").await(WAIT)).isEqualTo("got x");
	}

	@Test
	void whetherALockPayloadCoversThisBuild() {
		assertThat(RedisEventFeed.covers(null)).isFalse();
		assertThat(RedisEventFeed.covers("{\"targetWireVersion\":6}")).isTrue();
		assertThat(RedisEventFeed.covers("{\"by\":\"taskora-wire-7\",\"targetWireVersion\": 7}")).isTrue();
		assertThat(RedisEventFeed.covers("{\"targetWireVersion\":5}")).isFalse();
		// taskora halts on a lock it cannot read
		assertThat(RedisEventFeed.covers("not json")).isTrue();
		assertThat(RedisEventFeed.covers("{\"targetWireVersion\":\"6\"}")).isTrue();
	}

	/** What a taskora migrator does: SET NX PX with its JSON payload, then PUBLISH. */
	private void migratorTakesTheLock(int targetWireVersion) {
		String lock = "{\"by\":\"taskora-wire-" + targetWireVersion + "\",\"reason\":\"wireVersion-"
				+ (targetWireVersion - 1) + "-to-" + targetWireVersion + "\",\"startedAt\":" + now()
				+ ",\"expectedDurationMs\":60000," + "\"targetWireVersion\":" + targetWireVersion + "}";
		assertThat(raw.commands().set(lockKey(), lock, SetArgs.Builder.nx().px(120_000))).isEqualTo("OK");
		raw.commands().publish(channel(), "locked");
	}

	private void migratorReleasesTheLock() {
		raw.commands().del(lockKey());
		raw.commands().publish(channel(), "released");
	}

	private String lockKey() {
		return "taskora:" + this.prefix + ":migration:lock";
	}

	private String channel() {
		return "taskora:" + this.prefix + ":migration:broadcast";
	}

	private static boolean logged(LogCapture log, String text) {
		return log.events().stream().map(ILoggingEvent::getFormattedMessage).anyMatch(line -> line.contains(text));
	}

}
