package dev.taskora.spring.boot.autoconfigure.schedule;

import java.io.InputStream;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.annotation.TaskSchedule;
import dev.taskora.spring.boot.autoconfigure.TaskoraAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A bad schedule stops the application at startup with an analysis naming the schedule,
 * the setting and its value; the IDE metadata describes the schedule and scheduler
 * properties.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidTaskoraScheduleFailureAnalyzerTests {

	@Test
	void aBadPropertyStopsStartupWithAnAnalysisNamingTheScheduleAndTheProperty(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> run(PropertiesApp.class, "--taskora.schedules.nightly-cleanup.task=cleanup",
					"--taskora.schedules.nightly-cleanup.cron=0 3 * * *",
					"--taskora.schedules.nightly-cleanup.zone=Europe/Berlinn"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Schedule 'nightly-cleanup' cannot be defined:")
			.contains("Setting: taskora.schedules.nightly-cleanup.zone")
			.contains("Value: \"Europe/Berlinn\"")
			.contains("Reason: Schedule 'nightly-cleanup': zone 'Europe/Berlinn' is not a known time zone")
			.contains("Change taskora.schedules.nightly-cleanup.zone in your application's configuration.");
	}

	@Test
	void aBadAnnotationStopsStartupWithAnAnalysisNamingTheBeanAndTheAttribute(CapturedOutput output) {
		assertThatException().isThrownBy(() -> run(AnnotationApp.class));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Schedule 'cleanup' cannot be defined:")
			.contains("Setting: @TaskSchedule attribute 'every' on bean '" + BadIntervalConsumer.class.getName() + "'")
			.contains("Value: \"soon\"")
			.contains("Reason: 'soon' is not a duration such as 30s, 5m, 6h, 1d or PT6H");
	}

	@Test
	void theIdeMetadataDescribesTheScheduleAndSchedulerProperties() throws Exception {
		JsonNode metadata;
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			metadata = JsonMapper.builder().build().readTree(in);
		}
		assertThat(metadata.get("properties").valueStream().map(property -> property.get("name").stringValue()))
			.contains("taskora.schedules", "taskora.scheduler.poll-interval", "taskora.scheduler.lock-ttl",
					"taskora.scheduler.mode");
		assertThat(metadata.get("properties")
			.valueStream()
			.filter(property -> property.get("name").stringValue().equals("taskora.schedules"))
			.findFirst()
			.orElseThrow()
			.get("type")
			.stringValue()).contains(TaskoraSchedulesProperties.Schedule.class.getName());
	}

	private static void run(Class<?> app, String... args) {
		SpringApplication application = new SpringApplication(app);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.run(args);
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, TaskoraAutoConfiguration.class,
			TaskoraScheduleAutoConfiguration.class })
	@Import(CleanupConsumer.class)
	static class PropertiesApp {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, TaskoraAutoConfiguration.class,
			TaskoraScheduleAutoConfiguration.class })
	@Import(BadIntervalConsumer.class)
	static class AnnotationApp {

	}

	@TaskConsumer("cleanup")
	static class CleanupConsumer implements TaskHandler<String, String> {

		@Override
		public String handle(String data, JobContext ctx) {
			return data;
		}

	}

	@TaskConsumer("cleanup")
	@TaskSchedule(every = "soon")
	static class BadIntervalConsumer extends CleanupConsumer {

	}

}
