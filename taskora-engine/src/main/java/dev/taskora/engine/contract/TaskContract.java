package dev.taskora.engine.contract;

import java.time.Duration;
import java.util.Objects;

import dev.taskora.engine.internal.Validation;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.retry.StallOptions;
import dev.taskora.engine.serialize.TypeRef;
import org.jspecify.annotations.Nullable;

/**
 * A task's declaration without its handler (taskora's {@code defineTask}): the name, the
 * input and output types, and the defaults both sides of a producer/worker split agree on
 * (retry, timeout, stall detection, payload version). Plain data with no tie to an app:
 * keep contracts in a module both the producer and the worker depend on.
 *
 * <pre>{@code
 * public static final TaskContract<Email, Sent> SEND_EMAIL = TaskContract.define("send-email", Email.class, Sent.class)
 *     .retry(Retry.exponential(3, Duration.ofSeconds(1)))
 *     .timeout(Duration.ofSeconds(30))
 *     .build();
 *
 * // producer: dispatch only, no handler in this process
 * Task<Email, Sent> sendEmail = taskora.register(SEND_EMAIL);
 * // worker
 * taskora.implement(SEND_EMAIL, (email, ctx) -> mailer.send(email));
 * }</pre> Inputs and outputs are validated with Jakarta Bean Validation when a provider
 * is on the classpath: annotate the types ({@code @NotBlank}, {@code @Email} ...).
 *
 * @param <I> input type
 * @param <O> output type
 */
public final class TaskContract<I, O> {

	private final String name;

	private final TypeRef<I> inputType;

	private final TypeRef<O> outputType;

	private final @Nullable Retry retry;

	private final @Nullable Duration timeout;

	private final @Nullable StallOptions stall;

	private final int version;

	private TaskContract(Builder<I, O> builder) {
		this.name = builder.name;
		this.inputType = builder.inputType;
		this.outputType = builder.outputType;
		this.retry = builder.retry;
		this.timeout = builder.timeout;
		this.stall = builder.stall;
		this.version = builder.version;
	}

	/** A contract with no defaults of its own: the app's apply. */
	public static <I, O> TaskContract<I, O> of(String name, Class<I> input, Class<O> output) {
		return define(name, input, output).build();
	}

	/** Starts a contract with plain input and output classes. */
	public static <I, O> Builder<I, O> define(String name, Class<I> input, Class<O> output) {
		return new Builder<>(name, TypeRef.of(input), TypeRef.of(output));
	}

	/** Starts a contract with generic input and output types. */
	public static <I, O> Builder<I, O> define(String name, TypeRef<I> input, TypeRef<O> output) {
		return new Builder<>(name, input, output);
	}

	/** The task name jobs are matched to workers by. */
	public String name() {
		return this.name;
	}

	/**
	 * The type the input is written as by producers and read as by the worker.
	 * @return the input type
	 */
	public TypeRef<I> inputType() {
		return this.inputType;
	}

	/**
	 * The type the result is read as by producers awaiting it.
	 * @return the output type
	 */
	public TypeRef<O> outputType() {
		return this.outputType;
	}

	/** The retry policy, or {@code null} for the app's default. */
	public @Nullable Retry retry() {
		return this.retry;
	}

	/** The handler timeout, or {@code null} for the app's default. */
	public @Nullable Duration timeout() {
		return this.timeout;
	}

	/** Stall detection, or {@code null} for the app's default. */
	public @Nullable StallOptions stall() {
		return this.stall;
	}

	/**
	 * The payload version producers stamp on jobs (default 1). A worker implementing the
	 * contract may raise it together with its migrations.
	 */
	public int version() {
		return this.version;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof TaskContract<?, ?> that && this.name.equals(that.name)
				&& this.inputType.type().equals(that.inputType.type())
				&& this.outputType.type().equals(that.outputType.type()) && Objects.equals(this.retry, that.retry)
				&& Objects.equals(this.timeout, that.timeout) && Objects.equals(this.stall, that.stall)
				&& this.version == that.version;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.name, this.inputType.type(), this.outputType.type(), this.version);
	}

	@Override
	public String toString() {
		return "TaskContract[" + this.name + ": " + this.inputType.type().getTypeName() + " -> "
				+ this.outputType.type().getTypeName() + ", v" + this.version + "]";
	}

	/**
	 * Builds a {@link TaskContract}.
	 *
	 * @param <I> input type
	 * @param <O> output type
	 */
	public static final class Builder<I, O> {

		private final String name;

		private final TypeRef<I> inputType;

		private final TypeRef<O> outputType;

		private @Nullable Retry retry;

		private @Nullable Duration timeout;

		private @Nullable StallOptions stall;

		private int version = 1;

		private Builder(String name, TypeRef<I> inputType, TypeRef<O> outputType) {
			this.name = Validation.taskName(Objects.requireNonNull(name, "contract name must not be null"));
			this.inputType = Objects.requireNonNull(inputType,
					"input type of contract '" + name + "' must not be null");
			this.outputType = Objects.requireNonNull(outputType,
					"output type of contract '" + name + "' must not be null");
		}

		/** The retry policy both sides default to. */
		public Builder<I, O> retry(@Nullable Retry retry) {
			this.retry = retry;
			return this;
		}

		/** The handler timeout the worker defaults to. */
		public Builder<I, O> timeout(@Nullable Duration timeout) {
			try {
				this.timeout = Validation.timeout(timeout);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Contract '" + this.name + "': " + ex.getMessage(), ex);
			}
			return this;
		}

		/** Stall detection the worker defaults to. */
		public Builder<I, O> stall(@Nullable StallOptions stall) {
			this.stall = stall;
			return this;
		}

		/** The payload version stamped on dispatched jobs (default 1). */
		public Builder<I, O> version(int version) {
			if (version < 1) {
				throw new IllegalArgumentException(
						"Contract '" + this.name + "': version must be at least 1, was " + version);
			}
			this.version = version;
			return this;
		}

		/**
		 * Creates the contract, to share between the producer and worker services.
		 * @return the contract
		 */
		public TaskContract<I, O> build() {
			return new TaskContract<>(this);
		}

	}

}
