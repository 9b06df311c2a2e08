package dev.taskora.spring.boot.autoconfigure.schedule;

import dev.taskora.spring.config.InvalidTaskoraScheduleException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a schedule that cannot be defined, naming the schedule and the setting at
 * fault.
 */
class InvalidTaskoraScheduleFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTaskoraScheduleException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidTaskoraScheduleException cause) {
		StringBuilder description = new StringBuilder("Schedule '").append(cause.getSchedule())
			.append("' cannot be defined:\n\n    Setting: ")
			.append(cause.getSetting());
		if (cause.getValue() != null) {
			description.append("\n    Value: \"").append(cause.getValue()).append('"');
		}
		description.append("\n    Reason: ").append(cause.getReason()).append('\n');
		return new FailureAnalysis(description.toString(), cause.getAction(), cause);
	}

}
