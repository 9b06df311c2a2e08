package dev.taskora.spring.boot.autoconfigure;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Reads {@code taskora.adapter} for {@link ConditionalOnTaskoraAdapter}. */
class OnTaskoraAdapterCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, @Nullable Object> attributes = metadata
			.getAnnotationAttributes(ConditionalOnTaskoraAdapter.class.getName());
		if (attributes == null) {
			return ConditionOutcome.noMatch("not annotated with @ConditionalOnTaskoraAdapter");
		}
		TaskoraProperties.AdapterType[] accepted = (TaskoraProperties.AdapterType[]) attributes.get("value");
		TaskoraProperties.AdapterType configured;
		try {
			configured = Binder.get(context.getEnvironment())
				.bind("taskora.adapter", TaskoraProperties.AdapterType.class)
				.orElse(TaskoraProperties.AdapterType.AUTO);
		}
		catch (RuntimeException ex) {
			// Binding TaskoraProperties reports the bad value with the accepted ones.
			return ConditionOutcome.noMatch("taskora.adapter cannot be read: " + ex.getMessage());
		}
		boolean match = Arrays.asList(accepted).contains(configured);
		String message = "taskora.adapter is " + configured.name().toLowerCase(Locale.ROOT);
		return match ? ConditionOutcome.match(message) : ConditionOutcome.noMatch(message);
	}

}
