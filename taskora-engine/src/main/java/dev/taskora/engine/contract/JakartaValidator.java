package dev.taskora.engine.contract;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import dev.taskora.engine.ValidationException.Violation;
import jakarta.validation.Configuration;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.jspecify.annotations.Nullable;

/**
 * The one class touching the Jakarta Validation API, loaded only when it is on the
 * classpath. A provider without an Expression Language implementation gets Hibernate
 * Validator's parameter-only message interpolator when it is there.
 */
final class JakartaValidator implements Function<Object, List<Violation>> {

	private static final String PARAMETER_INTERPOLATOR = "org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator";

	private final Validator validator;

	private JakartaValidator(Validator validator) {
		this.validator = validator;
	}

	/** The default provider's validator; fails when there is none. */
	static JakartaValidator create() {
		ValidatorFactory factory;
		try {
			factory = Validation.buildDefaultValidatorFactory();
		}
		catch (ValidationException ex) {
			MessageInterpolator interpolator = parameterInterpolator();
			if (interpolator == null) {
				throw ex;
			}
			Configuration<?> configuration = Validation.byDefaultProvider().configure();
			factory = configuration.messageInterpolator(interpolator).buildValidatorFactory();
		}
		return new JakartaValidator(factory.getValidator());
	}

	private static @Nullable MessageInterpolator parameterInterpolator() {
		try {
			return (MessageInterpolator) Class
				.forName(PARAMETER_INTERPOLATOR, true, JakartaValidator.class.getClassLoader())
				.getDeclaredConstructor()
				.newInstance();
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			return null;
		}
	}

	@Override
	public List<Violation> apply(Object value) {
		return this.validator.validate(value)
			.stream()
			.map(violation -> new Violation(violation.getPropertyPath().toString(), violation.getMessage()))
			.sorted(Comparator.comparing(Violation::path).thenComparing(Violation::message))
			.toList();
	}

}
