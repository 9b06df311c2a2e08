package dev.taskora.spring.boot.autoconfigure;

import dev.taskora.spring.config.InvalidTaskConsumerException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@code @TaskConsumer} bean that cannot handle its task, naming the bean and
 * its class.
 */
class InvalidTaskConsumerFailureAnalyzer extends AbstractFailureAnalyzer<InvalidTaskConsumerException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidTaskConsumerException cause) {
		String description = "The @TaskConsumer bean '" + cause.getBeanName() + "' of class "
				+ cause.getBeanType().getName() + " is not a valid task consumer: " + cause.getReason() + ".";
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
