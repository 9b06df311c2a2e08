package dev.taskora.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationErrors;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Explains a {@code taskora.*} property that could not be bound: a value of the wrong form (an
 * unparseable duration, an unknown adapter) or out of range (a negative concurrency), naming the
 * property, its value and origin, and the values it accepts. Runs before Boot's generic binding
 * analyzers, and leaves every other prefix to them.
 */
class InvalidTaskoraPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		String name = cause.getName().toString();
		if (!name.equals("taskora") && !name.startsWith("taskora.")) {
			return null;
		}
		BindValidationException validation = findCause(cause, BindValidationException.class);
		List<Problem> problems = (validation != null) ? rangeProblems(validation.getValidationErrors())
				: List.of(formProblem(cause));
		if (problems.isEmpty()) {
			return null;
		}
		StringBuilder description = new StringBuilder("Invalid taskora configuration:\n");
		for (Problem problem : problems) {
			description.append("\n    Property: ").append(problem.property());
			description.append("\n    Value: \"").append(problem.value()).append('"');
			if (problem.origin() != null) {
				description.append("\n    Origin: ").append(problem.origin());
			}
			description.append("\n    Accepted values: ").append(problem.accepted()).append('\n');
		}
		String properties = problems.stream().map(Problem::property).collect(Collectors.joining(", "));
		return new FailureAnalysis(description.toString(),
				"Change " + properties + " to an accepted value in your application's configuration.", cause);
	}

	private static List<Problem> rangeProblems(ValidationErrors errors) {
		List<Problem> problems = new ArrayList<>();
		for (ObjectError error : errors) {
			if (error instanceof FieldError field) {
				String property = errors.getName() + "." + dashed(field.getField());
				problems.add(new Problem(property, String.valueOf(field.getRejectedValue()),
						origin(errors, property), String.valueOf(field.getDefaultMessage())));
			}
		}
		return problems;
	}

	private static Problem formProblem(BindException cause) {
		ConfigurationProperty property = cause.getProperty();
		Object value = (property != null) ? property.getValue() : null;
		Class<?> type = cause.getTarget().getType().resolve(Object.class);
		return new Problem(cause.getName().toString(), String.valueOf(value), cause.getOrigin(), accepted(type));
	}

	static String accepted(Class<?> type) {
		if (type.isEnum()) {
			return Arrays.stream(type.getEnumConstants())
				.map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
				.collect(Collectors.joining(", "));
		}
		if (type == Duration.class) {
			return "a duration such as 500ms, 30s, 5m, 1h, 1d, ISO-8601 PT30S, or a number of milliseconds";
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "a whole number";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		return "a value convertible to " + type.getSimpleName();
	}

	private static @Nullable Origin origin(ValidationErrors errors, String property) {
		ConfigurationPropertyName name = ConfigurationPropertyName.adapt(property, '.');
		for (ConfigurationProperty bound : errors.getBoundProperties()) {
			if (bound.getName().equals(name)) {
				return bound.getOrigin();
			}
		}
		return null;
	}

	private static String dashed(String field) {
		return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	private record Problem(String property, String value, @Nullable Origin origin, String accepted) {
	}

}
