package dev.taskora.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Explains {@code taskora.*} properties that could not be bound: every value of the wrong
 * form (an unparseable duration, an unknown adapter) and every value out of range (a
 * negative concurrency), each with its property, the value as written, its origin, and
 * the values it accepts.
 * <p>
 * Binding stops at the first value it cannot convert, and Boot validates nested groups
 * one at a time, stopping at the first that fails, so the exception holds one problem or
 * one group's problems. To report them all at once, this analyzer binds {@code taskora.*}
 * again from the environment, collecting every conversion failure, and checks the ranges
 * of what did bind. Runs before Boot's generic binding analyzers, and leaves every other
 * prefix to them.
 */
class InvalidTaskoraPropertiesFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	private static final ConfigurationPropertyName TASKORA = ConfigurationPropertyName.of("taskora");

	private final Environment environment;

	InvalidTaskoraPropertiesFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		if (!TASKORA.isAncestorOf(cause.getName()) && !TASKORA.equals(cause.getName())) {
			return null;
		}
		List<Problem> problems = problems();
		if (problems.isEmpty()) {
			// the environment binds cleanly (changed since?): report what the exception
			// holds
			problems = List.of(problem(cause));
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

	/**
	 * Every conversion and range problem of {@code taskora.*} in the environment, in
	 * binding order.
	 */
	private List<Problem> problems() {
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.get(this.environment);
		ProblemCollector collector = new ProblemCollector();
		TaskoraProperties properties = new TaskoraProperties();
		try {
			Binder.get(this.environment).bind(TASKORA, Bindable.ofInstance(properties), collector);
		}
		catch (RuntimeException ex) {
			// a failure the collector did not absorb; report what was collected, else the
			// cause
		}
		Map<String, Problem> problems = new LinkedHashMap<>();
		collector.problems.forEach(problem -> problems.put(problem.property(), problem));
		BeanPropertyBindingResult errors = new BeanPropertyBindingResult(properties, "taskora");
		TaskoraPropertiesValidation.validate(properties, errors);
		for (FieldError error : errors.getFieldErrors()) {
			String property = "taskora." + dashed(error.getField());
			ConfigurationProperty bound = find(sources, property);
			Object value = (bound != null) ? bound.getValue() : error.getRejectedValue();
			problems.putIfAbsent(property, new Problem(property, String.valueOf(value),
					(bound != null) ? bound.getOrigin() : null, String.valueOf(error.getDefaultMessage())));
		}
		return new ArrayList<>(problems.values());
	}

	private static Problem problem(BindException cause) {
		ConfigurationProperty property = cause.getProperty();
		Class<?> type = cause.getTarget().getType().resolve(Object.class);
		return new Problem(cause.getName().toString(), String.valueOf((property != null) ? property.getValue() : null),
				(property != null) ? property.getOrigin() : null, accepted(type));
	}

	private static @Nullable ConfigurationProperty find(Iterable<ConfigurationPropertySource> sources,
			String property) {
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationPropertySource source : sources) {
			ConfigurationProperty found = source.getConfigurationProperty(name);
			if (found != null) {
				return found;
			}
		}
		return null;
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

	private static String dashed(String field) {
		return field.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

	/** Records each value that cannot be converted, and binds on without it. */
	private static final class ProblemCollector implements BindHandler {

		private final List<Problem> problems = new ArrayList<>();

		@Override
		public @Nullable Object onFailure(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Exception error) {
			ConfigurationProperty property = context.getConfigurationProperty();
			Class<?> type = target.getType().resolve(Object.class);
			this.problems
				.add(new Problem(name.toString(), String.valueOf((property != null) ? property.getValue() : null),
						(property != null) ? property.getOrigin() : null, accepted(type)));
			return null;
		}

	}

	private record Problem(String property, String value, @Nullable Origin origin, String accepted) {
	}

}
