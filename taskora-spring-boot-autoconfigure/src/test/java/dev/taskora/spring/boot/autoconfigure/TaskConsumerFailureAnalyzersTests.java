package dev.taskora.spring.boot.autoconfigure;

import java.util.List;

import dev.taskora.spring.config.DuplicateTaskConsumerException;
import dev.taskora.spring.config.InvalidTaskConsumerException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

import static org.assertj.core.api.Assertions.assertThat;

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
				"the class is annotated with @TaskConsumer but does not implement TaskHandler", "Implement TaskHandler.");
		FailureAnalysis analysis = new InvalidTaskConsumerFailureAnalyzer()
			.analyze(new BeanCreationException("reports", "wrapped", cause));
		assertThat(analysis.getDescription()).contains("'reports'", "java.lang.String", "does not implement TaskHandler");
		assertThat(analysis.getAction()).isEqualTo("Implement TaskHandler.");
	}

	@Test
	void anUnworkableConfigurationCarriesItsAction() {
		FailureAnalysis analysis = new InvalidTaskoraConfigurationFailureAnalyzer()
			.analyze(new InvalidTaskoraConfigurationException("taskora.adapter is 'redis'", "Set taskora.redis.url"));
		assertThat(analysis.getDescription()).isEqualTo("taskora.adapter is 'redis'");
		assertThat(analysis.getAction()).isEqualTo("Set taskora.redis.url");
	}

}
