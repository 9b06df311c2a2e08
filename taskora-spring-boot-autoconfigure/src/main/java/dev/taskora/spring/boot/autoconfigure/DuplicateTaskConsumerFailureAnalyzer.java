package dev.taskora.spring.boot.autoconfigure;

import dev.taskora.spring.config.DuplicateTaskConsumerException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Explains a task claimed by more than one handler, listing every one. */
class DuplicateTaskConsumerFailureAnalyzer extends AbstractFailureAnalyzer<DuplicateTaskConsumerException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DuplicateTaskConsumerException cause) {
		StringBuilder description = new StringBuilder("Task '").append(cause.getTask())
			.append("' has more than one consumer; a task has exactly one handler per app:\n");
		cause.getConsumers().forEach(consumer -> description.append("\n    - ").append(consumer));
		description.append('\n');
		return new FailureAnalysis(description.toString(), "Keep one handler for task '" + cause.getTask()
				+ "': remove or rename the @TaskConsumer of all but one of the beans above.", cause);
	}

}
