package dev.taskora.spring.boot.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains taskora configuration that cannot work as a whole (such as a Redis adapter
 * without Redis).
 */
class InvalidTaskoraConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTaskoraConfigurationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidTaskoraConfigurationException cause) {
		return new FailureAnalysis(cause.getMessage(), cause.getAction(), cause);
	}

}
