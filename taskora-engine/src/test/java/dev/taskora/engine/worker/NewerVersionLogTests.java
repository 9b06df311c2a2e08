package dev.taskora.engine.worker;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.event.EventType;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A worker handed jobs of a payload version newer than its own says so once per version,
 * however often it claims and hands them back.
 */
class NewerVersionLogTests {

	@Test
	void aNewerPayloadVersionIsLoggedOncePerVersionHoweverOftenItsJobsAreHandedBack() {
		Logger logger = (Logger) LoggerFactory.getLogger(JobRunner.class);
		ListAppender<ILoggingEvent> logs = new ListAppender<>();
		logs.start();
		logger.addAppender(logs);
		MemoryAdapter adapter = MemoryAdapter.create();
		try (Taskora app = Taskora.builder().adapter(adapter).build()) {
			app.task("signup", String.class, String.class).handler((name, ctx) -> name);
			Map<String, Integer> claims = new ConcurrentHashMap<>();
			app.on("signup", EventType.ACTIVE, event -> claims.merge(event.id(), 1, Integer::sum));
			long now = System.currentTimeMillis();
			adapter.jobs().enqueue("signup", NewJob.of("v3-a", "\"ada\"", now, 3, 0, 1, 0)).join();
			adapter.jobs().enqueue("signup", NewJob.of("v3-b", "\"bob\"", now, 3, 0, 1, 0)).join();
			adapter.jobs().enqueue("signup", NewJob.of("v4", "\"cy\"", now, 4, 0, 1, 0)).join();
			app.start();

			await().atMost(Duration.ofSeconds(30))
				.until(() -> claims.getOrDefault("v3-a", 0) >= 3 && claims.getOrDefault("v3-b", 0) >= 3
						&& claims.getOrDefault("v4", 0) >= 3);
		}
		finally {
			logger.detachAppender(logs);
		}
		assertThat(logs.list).filteredOn(event -> event.getLevel() == Level.WARN)
			.extracting(ILoggingEvent::getFormattedMessage)
			.filteredOn(message -> message.contains("newer than this worker's 1"))
			.satisfiesExactlyInAnyOrder(message -> assertThat(message).contains("payload version 3"),
					message -> assertThat(message).contains("payload version 4"));
	}

}
