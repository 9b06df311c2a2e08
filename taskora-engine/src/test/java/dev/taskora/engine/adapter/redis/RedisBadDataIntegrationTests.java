package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.JobRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Job hashes a worker cannot run (written by hand, by a broken writer, or damaged) end in
 * {@code failed} with an error naming the job and the field, are logged once, and the
 * worker goes on: nothing vanishes from every set.
 */
class RedisBadDataIntegrationTests extends RedisIntegrationTestSupport {

	private Taskora app;

	@AfterEach
	void closeApp() {
		if (this.app != null) {
			this.app.close(Duration.ofSeconds(1));
		}
	}

	@Test
	void badJobHashesFailNamingTheJobAndTheFieldAndTheWorkerGoesOn() {
		this.app = Taskora.builder().adapter(this.adapter).build();
		Task<Integer, Integer> task = this.app.task("totals", Integer.class, Integer.class).handler((n, ctx) -> n * 2);
		RedisKeys.Task k = new RedisKeys(prefix).task("totals");
		Map<String, String> expected = new LinkedHashMap<>();
		expected.put(write(k, Map.of("data", "1", "ts", "1", "_v", "1", "attempt", "1")), "field 'state' is missing");
		expected.put(write(k, Map.of("state", "sleeping", "data", "1", "ts", "1")),
				"field 'state' holds 'sleeping', which is not a job state");
		expected.put(write(k, Map.of("state", "waiting", "ts", "1", "_v", "1")), "field 'data' is missing");
		expected.put(write(k, Map.of("state", "waiting", "data", "{not json", "ts", "1")), "cannot be read");
		expected.put(write(k, Map.of("state", "waiting", "data", "null", "ts", "1", "_v", "1")),
				"field 'data' holds no value");
		expected.put(write(k, Map.of("state", "waiting", "data", "", "ts", "1", "_v", "1")),
				"field 'data' holds no value");

		try (LogCapture logs = new LogCapture("dev.taskora")) {
			this.app.start();
			assertThat(task.dispatch(21).await(WAIT)).as("a sound job after the bad ones").isEqualTo(42);

			expected.forEach((id, field) -> {
				assertThatThrownBy(() -> this.app.job("totals", id).await(WAIT)).isInstanceOf(JobFailedException.class)
					.hasMessageContaining(id)
					.hasMessageContaining("'totals'")
					.hasMessageContaining(field);
				JobRecord record = this.adapter.inspect().findJob("totals", id).join();
				assertThat(record.state()).isEqualTo(JobState.FAILED);
				assertThat(record.attempt()).isEqualTo(1);
				assertThat(raw.commands().zscore(k.failed(), id)).isNotNull();
				assertThat(logs.at(Level.ERROR)).extracting(ILoggingEvent::getFormattedMessage)
					.filteredOn(line -> line.contains(id))
					.hasSize(1);
			});
			assertThat(raw.commands().lrange(k.active(), 0, -1)).isEmpty();
		}
	}

	/**
	 * Writes a job hash by hand and puts its id in the wait list, as a foreign writer
	 * would.
	 */
	private static String write(RedisKeys.Task k, Map<String, String> fields) {
		String id = UUID.randomUUID().toString();
		raw.commands().hset(k.job(id), fields);
		raw.commands().lpush(k.waitList(), id);
		return id;
	}

}
