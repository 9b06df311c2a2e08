package dev.taskora.engine.contract;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.taskora.engine.ValidationException;
import dev.taskora.engine.ValidationException.Violation;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jakarta Bean Validation of inputs and outputs when a provider (Hibernate Validator) is
 * on the classpath; without one every check passes. The provider is looked up once.
 * <p>
 * <strong>Internal, not API:</strong> public for {@link dev.taskora.engine.Task} and the
 * worker only.
 */
public final class BeanValidation {

	private static final Logger logger = LoggerFactory.getLogger(BeanValidation.class);

	private static final @Nullable Function<Object, List<Violation>> VALIDATOR = load();

	private BeanValidation() {
	}

	/** Whether a Bean Validation provider was found, so that constraints are checked. */
	public static boolean available() {
		return VALIDATOR != null;
	}

	/**
	 * The constraints {@code value} breaks, by path; empty for {@code null} or without a
	 * provider.
	 */
	public static List<Violation> violations(@Nullable Object value) {
		Function<Object, List<Violation>> validator = VALIDATOR;
		if (validator == null || value == null || isPlain(value)) {
			return List.of();
		}
		return validator.apply(value);
	}

	/**
	 * Throws when {@code value} breaks a constraint.
	 * @param what names the value in the message, e.g. {@code Input of task 'send-email'}
	 * @throws ValidationException carrying the violations, its message naming each path
	 */
	public static void check(@Nullable Object value, String what) {
		List<Violation> violations = violations(value);
		if (!violations.isEmpty()) {
			throw new ValidationException(
					what + " is invalid: "
							+ violations.stream().map(Violation::toString).collect(Collectors.joining("; ")),
					violations);
		}
	}

	/** Values with no constraints to look for: skip the provider's reflection. */
	private static boolean isPlain(Object value) {
		return value instanceof String || value instanceof Number || value instanceof Boolean
				|| value instanceof Character || value.getClass().isEnum();
	}

	private static @Nullable Function<Object, List<Violation>> load() {
		try {
			Class.forName("jakarta.validation.Validation", false, BeanValidation.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			logger.debug("No Jakarta Bean Validation API on the classpath: inputs and outputs are not validated");
			return null;
		}
		try {
			return JakartaValidator.create();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("No Jakarta Bean Validation provider: inputs and outputs are not validated", ex);
			return null;
		}
	}

}
