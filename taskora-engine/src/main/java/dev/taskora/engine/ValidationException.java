package dev.taskora.engine;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Input or output failed validation, or could not be (de)serialized. Never retried. Bean
 * Validation failures carry their {@link #violations()}, each with the path of the field
 * at fault.
 */
public class ValidationException extends TaskoraException {

	private final List<Violation> violations;

	/**
	 * Creates the exception for input that is not valid, with no constraint details.
	 * @param message the message, naming the field or job
	 */
	public ValidationException(String message) {
		this(message, (Throwable) null);
	}

	/**
	 * Creates the exception for input that is not valid, e.g. a payload that could not be
	 * read.
	 * @param message the message, naming the field or job
	 * @param cause the failure behind it, or {@code null}
	 */
	public ValidationException(String message, @Nullable Throwable cause) {
		super(message, cause);
		this.violations = List.of();
	}

	/** A failure of Bean Validation constraints; the message should name them. */
	public ValidationException(String message, List<Violation> violations) {
		super(message);
		this.violations = List.copyOf(violations);
	}

	/**
	 * The constraints that failed, by property path ({@code to}, {@code lines[0].sku});
	 * empty when the value could not be read or written at all.
	 */
	public List<Violation> violations() {
		return this.violations;
	}

	/**
	 * One failed constraint.
	 *
	 * @param path the property path from the validated value, empty for the value itself
	 * @param message the constraint's message
	 */
	public record Violation(String path, String message) {

		@Override
		public String toString() {
			return this.path.isEmpty() ? this.message : this.path + ": " + this.message;
		}

	}

}
