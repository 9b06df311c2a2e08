package dev.taskora.spring.boot.autoconfigure;

import java.util.List;

import dev.taskora.engine.JobContext;
import dev.taskora.engine.TaskHandler;
import dev.taskora.spring.annotation.TaskConsumer;
import dev.taskora.spring.config.DuplicateTaskConsumerException;
import dev.taskora.spring.config.InvalidTaskConsumerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

@ExtendWith(OutputCaptureExtension.class)
class TaskConsumerFailureAnalyzersTests {

	@Test
	void duplicateConsumersAreListedByBean() {
		DuplicateTaskConsumerException failure = new DuplicateTaskConsumerException("mail",
				List.of("'firstMailer' (com.example.FirstMailer)", "'secondMailer' (com.example.SecondMailer)"));
		FailureAnalysis analysis = new DuplicateTaskConsumerFailureAnalyzer().analyze(failure);
		assertThat(analysis.getDescription()).contains("Task 'mail' has more than one consumer")
			.contains("- 'firstMailer' (com.example.FirstMailer)")
			.contains("- 'secondMailer' (com.example.SecondMailer)");
		assertThat(analysis.getAction()).contains("Keep one handler for task 'mail'");
	}

	@Test
	void anInvalidConsumerIsNamedWithItsClassAndTheFix() {
		InvalidTaskConsumerException cause = new InvalidTaskConsumerException("reports", String.class,
				"the class is annotated with @TaskConsumer but does not implement TaskHandler",
				"Implement TaskHandler.");
		FailureAnalysis analysis = new InvalidTaskConsumerFailureAnalyzer()
			.analyze(new BeanCreationException("reports", "wrapped", cause));
		assertThat(analysis.getDescription()).contains("'reports'", "java.lang.String",
				"does not implement TaskHandler");
		assertThat(analysis.getAction()).isEqualTo("Implement TaskHandler.");
	}

	@Test
	void anUnresolvablePlaceholderIsExplainedWithTheBeanAttributeAndPlaceholder(CapturedOutput output) {
		SpringApplication application = new SpringApplication(PlaceholderApp.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		assertThatException().isThrownBy(() -> application.run());
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("The @TaskConsumer bean '" + PlaceholderConsumer.class.getName() + "' of class "
					+ PlaceholderConsumer.class.getName())
			.contains("@TaskConsumer attribute 'timeout' is '${reports.timeout}', and its placeholder"
					+ " 'reports.timeout' cannot be resolved")
			.contains("Define the property 'reports.timeout'");
	}

	@Test
	void anUnworkableConfigurationCarriesItsAction() {
		FailureAnalysis analysis = new InvalidTaskoraConfigurationFailureAnalyzer()
			.analyze(new InvalidTaskoraConfigurationException("taskora.adapter is 'redis'", "Set taskora.redis.url"));
		assertThat(analysis.getDescription()).isEqualTo("taskora.adapter is 'redis'");
		assertThat(analysis.getAction()).isEqualTo("Set taskora.redis.url");
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, TaskoraAutoConfiguration.class })
	@Import(PlaceholderConsumer.class)
	static class PlaceholderApp {

	}

	@TaskConsumer(name = "reports", timeout = "${reports.timeout}")
	static class PlaceholderConsumer implements TaskHandler<String, String> {

		@Override
		public String handle(String data, JobContext ctx) {
			return data;
		}

	}

}
