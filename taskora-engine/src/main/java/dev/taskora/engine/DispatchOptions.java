package dev.taskora.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.taskora.engine.flow.Debounce;
import dev.taskora.engine.flow.Deduplicate;
import dev.taskora.engine.flow.Throttle;
import dev.taskora.engine.internal.Validation;
import org.jspecify.annotations.Nullable;

/**
 * Per-dispatch options. Immutable; start from {@link #none()}, a static factory, or
 * {@link #builder()}.
 *
 * <pre>{@code
 * task.dispatch(data, DispatchOptions.delay(Duration.ofSeconds(5)));
 * task.dispatch(data, DispatchOptions.builder().priority(10).ttl(Duration.ofMinutes(5)).build());
 * task.dispatch(data, DispatchOptions.builder().deduplicate(new Deduplicate("report:" + userId)).build());
 * }</pre>
 *
 * At most one flow-control option (debounce, throttle, deduplicate) per dispatch; see
 * docs/flow-control.md.
 */
public final class DispatchOptions {

	private static final DispatchOptions NONE = new Builder().build();

	private final Duration delay;

	private final int priority;

	private final @Nullable Duration ttl;

	private final @Nullable String concurrencyKey;

	private final int concurrencyLimit;

	private final @Nullable Debounce debounce;

	private final @Nullable Throttle throttle;

	private final @Nullable Deduplicate deduplicate;

	private final boolean throwOnReject;

	private final boolean skipValidation;

	private final Map<String, String> headers;

	private DispatchOptions(Builder builder) {
		this.delay = builder.delay;
		this.priority = builder.priority;
		this.ttl = builder.ttl;
		this.concurrencyKey = builder.concurrencyKey;
		this.concurrencyLimit = builder.concurrencyLimit;
		this.debounce = builder.debounce;
		this.throttle = builder.throttle;
		this.deduplicate = builder.deduplicate;
		this.throwOnReject = builder.throwOnReject;
		this.skipValidation = builder.skipValidation;
		this.headers = builder.headers.isEmpty() ? Map.of()
				: Collections.unmodifiableMap(new LinkedHashMap<>(builder.headers));
	}

	/** No options: run as soon as possible at priority 0. */
	public static DispatchOptions none() {
		return NONE;
	}

	/** Run no earlier than {@code delay} from now. */
	public static DispatchOptions delay(Duration delay) {
		return builder().delay(delay).build();
	}

	/** Run before lower-priority jobs. */
	public static DispatchOptions priority(int priority) {
		return builder().priority(priority).build();
	}

	/**
	 * A builder for options with several fields, e.g.
	 * {@code DispatchOptions.builder().delay(Duration.ofMinutes(5)).priority(10).build()}.
	 * @return a builder starting from no options
	 */
	public static Builder builder() {
		return new Builder();
	}

	/** A builder starting from these options. */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.delay = this.delay;
		builder.priority = this.priority;
		builder.ttl = this.ttl;
		builder.concurrencyKey = this.concurrencyKey;
		builder.concurrencyLimit = this.concurrencyLimit;
		builder.debounce = this.debounce;
		builder.throttle = this.throttle;
		builder.deduplicate = this.deduplicate;
		builder.throwOnReject = this.throwOnReject;
		builder.skipValidation = this.skipValidation;
		builder.headers.putAll(this.headers);
		return builder;
	}

	/**
	 * How long after dispatch the job becomes runnable; zero runs it as soon as possible.
	 * @return the delay, never negative
	 */
	public Duration delay() {
		return this.delay;
	}

	/**
	 * Where the job stands in the wait list: jobs with a higher priority are claimed
	 * before lower ones.
	 * @return the priority, 0 by default
	 */
	public int priority() {
		return this.priority;
	}

	/** Expire the job if it has not started within this time, or {@code null}. */
	public @Nullable Duration ttl() {
		return this.ttl;
	}

	/** Group limiting how many jobs of the key run at once, or {@code null}. */
	public @Nullable String concurrencyKey() {
		return this.concurrencyKey;
	}

	/**
	 * Max active jobs per {@link #concurrencyKey()}; 0 means the task's limit, else 1.
	 */
	public int concurrencyLimit() {
		return this.concurrencyLimit;
	}

	/**
	 * The debounce that replaces the key's pending job with this one.
	 * @return the debounce, or {@code null} for none
	 */
	public @Nullable Debounce debounce() {
		return this.debounce;
	}

	/**
	 * The throttle that may refuse this dispatch when its key has had too many jobs in
	 * the window.
	 * @return the throttle, or {@code null} for none
	 */
	public @Nullable Throttle throttle() {
		return this.throttle;
	}

	/**
	 * The deduplication that refuses this dispatch while a job holding its key exists.
	 * @return the deduplication, or {@code null} for none
	 */
	public @Nullable Deduplicate deduplicate() {
		return this.deduplicate;
	}

	/**
	 * Whether a throttle or dedup rejection throws instead of returning a handle not
	 * enqueued.
	 */
	public boolean throwOnReject() {
		return this.throwOnReject;
	}

	/**
	 * Whether this dispatch skips Bean Validation of its payload (taskora's
	 * {@code skipValidation}); the worker validates it all the same.
	 */
	public boolean skipValidation() {
		return this.skipValidation;
	}

	/**
	 * String metadata stored with the job and handed to the middleware and handler of
	 * every attempt ({@link JobContext#headers()}), typically the trace context of the
	 * dispatch. Empty by default.
	 */
	public Map<String, String> headers() {
		return this.headers;
	}

	/** Builds {@link DispatchOptions}; every setter checks its argument at once. */
	public static final class Builder {

		private Duration delay = Duration.ZERO;

		private int priority;

		private @Nullable Duration ttl;

		private @Nullable String concurrencyKey;

		private int concurrencyLimit;

		private @Nullable Debounce debounce;

		private @Nullable Throttle throttle;

		private @Nullable Deduplicate deduplicate;

		private boolean throwOnReject;

		private boolean skipValidation;

		private final Map<String, String> headers = new LinkedHashMap<>();

		private Builder() {
		}

		/**
		 * Makes the job runnable only after this delay from dispatch.
		 * @param delay how long to wait, zero for no delay
		 * @return this builder
		 * @throws IllegalArgumentException if the delay is negative
		 */
		public Builder delay(Duration delay) {
			if (delay.isNegative()) {
				throw new IllegalArgumentException("delay must not be negative, was " + delay);
			}
			this.delay = delay;
			return this;
		}

		/**
		 * Sets the priority: waiting jobs with a higher priority are claimed first.
		 * @param priority 0 or more
		 * @return this builder
		 * @throws IllegalArgumentException if the priority is negative
		 */
		public Builder priority(int priority) {
			if (priority < 0) {
				throw new IllegalArgumentException("priority must not be negative, was " + priority);
			}
			this.priority = priority;
			return this;
		}

		/**
		 * Expires the job if no worker starts it within this time; it then fails with an
		 * {@link ExpiredException}.
		 * @param ttl the time to live, or {@code null} for none
		 * @return this builder
		 * @throws IllegalArgumentException if the ttl is not positive
		 */
		public Builder ttl(@Nullable Duration ttl) {
			if (ttl != null) {
				Validation.positive(ttl, "ttl");
			}
			this.ttl = ttl;
			return this;
		}

		/**
		 * Puts the job in a concurrency group: at most {@link #concurrencyLimit(int)}
		 * jobs of the key run at once across all workers.
		 * @param key the group key, or {@code null} for none
		 * @return this builder
		 * @throws IllegalArgumentException if the key is blank
		 */
		public Builder concurrencyKey(@Nullable String key) {
			if (key != null) {
				Validation.key(key, "concurrency");
			}
			this.concurrencyKey = key;
			return this;
		}

		/**
		 * How many jobs of the {@link #concurrencyKey(String) concurrency key} may run at
		 * once.
		 * @param limit the limit, or 0 for the task's limit (1 when the task has none)
		 * @return this builder
		 * @throws IllegalArgumentException if the limit is negative
		 */
		public Builder concurrencyLimit(int limit) {
			if (limit < 0) {
				throw new IllegalArgumentException("concurrencyLimit must not be negative, was " + limit);
			}
			this.concurrencyLimit = limit;
			return this;
		}

		/**
		 * Replaces the key's pending job: only the last dispatch within the window runs,
		 * with its payload, once the window has passed without another dispatch.
		 */
		public Builder debounce(@Nullable Debounce debounce) {
			this.debounce = debounce;
			return this;
		}

		/**
		 * Stores the job only while the key admitted fewer than {@code max} jobs in the
		 * current window; a refused dispatch stores nothing
		 * ({@link ResultHandle#enqueued()} is {@code false}).
		 */
		public Builder throttle(@Nullable Throttle throttle) {
			this.throttle = throttle;
			return this;
		}

		/**
		 * Stores the job only if no job holding the key is in one of the option's states;
		 * a refused dispatch stores nothing and {@link ResultHandle#existingId()} names
		 * the holder.
		 */
		public Builder deduplicate(@Nullable Deduplicate deduplicate) {
			this.deduplicate = deduplicate;
			return this;
		}

		/**
		 * Reports a throttle or deduplicate refusal as
		 * {@link dev.taskora.engine.flow.ThrottledException} or
		 * {@link dev.taskora.engine.flow.DuplicateJobException} (from
		 * {@link ResultHandle#enqueued()} and {@link ResultHandle#awaitEnqueued}) instead
		 * of {@code enqueued() == false}.
		 */
		public Builder throwOnReject(boolean throwOnReject) {
			this.throwOnReject = throwOnReject;
			return this;
		}

		/**
		 * Skips validating this payload on dispatch, e.g. when the web layer validated it
		 * already; the worker still validates the input before its handler runs.
		 */
		public Builder skipValidation(boolean skipValidation) {
			this.skipValidation = skipValidation;
			return this;
		}

		/**
		 * Adds a header to store with the job (see {@link DispatchOptions#headers()}),
		 * replacing a header of the same name.
		 * @throws IllegalArgumentException if the name is blank
		 */
		public Builder header(String name, String value) {
			if (name.isBlank()) {
				throw new IllegalArgumentException("header name must not be blank (value '" + value + "')");
			}
			this.headers.put(name, Objects.requireNonNull(value, () -> "value of header '" + name + "'"));
			return this;
		}

		/**
		 * Adds headers to store with the job (see {@link DispatchOptions#headers()}),
		 * replacing headers of the same names.
		 * @throws IllegalArgumentException if a name is blank
		 */
		public Builder headers(Map<String, String> headers) {
			headers.forEach(this::header);
			return this;
		}

		/**
		 * Builds the options.
		 * @throws IllegalArgumentException naming the options when they contradict each
		 * other: more than one of debounce, throttle and deduplicate; a delay with
		 * debounce (its window is the delay); throwOnReject without throttle or
		 * deduplicate (nothing else rejects); a concurrencyLimit without a concurrencyKey
		 */
		public DispatchOptions build() {
			List<String> flow = new ArrayList<>(3);
			if (this.debounce != null) {
				flow.add("debounce");
			}
			if (this.throttle != null) {
				flow.add("throttle");
			}
			if (this.deduplicate != null) {
				flow.add("deduplicate");
			}
			if (flow.size() > 1) {
				throw new IllegalArgumentException(
						"debounce, throttle and deduplicate cannot be combined; one dispatch got "
								+ String.join(" and ", flow));
			}
			if (this.debounce != null && !this.delay.isZero()) {
				throw new IllegalArgumentException("debounce delays the job by its own window (" + this.debounce.delay()
						+ "); delay " + this.delay + " cannot be added to it");
			}
			if (this.throwOnReject && this.throttle == null && this.deduplicate == null) {
				throw new IllegalArgumentException(
						"throwOnReject needs throttle or deduplicate, the options that reject" + " a dispatch; "
								+ (flow.isEmpty() ? "none is set" : "debounce never rejects"));
			}
			if (this.concurrencyLimit > 0 && this.concurrencyKey == null) {
				throw new IllegalArgumentException(
						"concurrencyLimit " + this.concurrencyLimit + " needs a concurrencyKey to limit");
			}
			return new DispatchOptions(this);
		}

	}

	@Override
	public String toString() {
		return "DispatchOptions[delay=" + this.delay + ", priority=" + this.priority + ", ttl=" + this.ttl
				+ ", concurrencyKey=" + this.concurrencyKey + ", concurrencyLimit=" + this.concurrencyLimit
				+ ", debounce=" + this.debounce + ", throttle=" + this.throttle + ", deduplicate=" + this.deduplicate
				+ ", throwOnReject=" + this.throwOnReject + ", headers=" + this.headers.keySet()
				+ (this.skipValidation ? ", skipValidation" : "") + "]";
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof DispatchOptions that && this.delay.equals(that.delay) && this.priority == that.priority
				&& Objects.equals(this.ttl, that.ttl) && Objects.equals(this.concurrencyKey, that.concurrencyKey)
				&& this.concurrencyLimit == that.concurrencyLimit && Objects.equals(this.debounce, that.debounce)
				&& Objects.equals(this.throttle, that.throttle) && Objects.equals(this.deduplicate, that.deduplicate)
				&& this.throwOnReject == that.throwOnReject && this.headers.equals(that.headers)
				&& this.skipValidation == that.skipValidation;
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.delay, this.priority, this.ttl, this.concurrencyKey, this.concurrencyLimit,
				this.debounce, this.throttle, this.deduplicate, this.throwOnReject, this.headers, this.skipValidation);
	}

}
