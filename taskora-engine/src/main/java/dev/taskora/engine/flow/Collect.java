package dev.taskora.engine.flow;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

/**
 * How a collect task folds single dispatches into batches: items are buffered per key and
 * the handler receives them as one list when the first of three triggers fires:
 * <ul>
 * <li>{@code delay}: this long after the newest item (reset by every item);</li>
 * <li>{@link #maxSize(int) maxSize}: at once, when the buffer holds this many items;</li>
 * <li>{@link #maxWait(Duration) maxWait}: at the latest this long after the oldest
 * item.</li>
 * </ul>
 *
 * <pre>{@code
 * Task<Row, Integer> insert = taskora.task("batch-insert", Row.class, Integer.class)
 *     .collect(Collect.byKey("db-inserts", Duration.ofSeconds(2)).maxSize(100).maxWait(Duration.ofSeconds(10)))
 *     .handler((rows, ctx) -> db.insertAll(rows));
 * Collect<Event> perRegion = Collect.by(event -> "region:" + event.region(), Duration.ofSeconds(5));
 * }</pre>
 *
 * Immutable; each setter returns a copy. Every value is checked when it is set.
 *
 * @param <I> the item type the key is derived from
 */
public final class Collect<I> {

	private final @Nullable String staticKey;

	private final Function<? super I, String> key;

	private final Duration delay;

	private final int maxSize;

	private final @Nullable Duration maxWait;

	private Collect(@Nullable String staticKey, Function<? super I, String> key, Duration delay, int maxSize,
			@Nullable Duration maxWait) {
		this.staticKey = staticKey;
		this.key = key;
		this.delay = delay;
		this.maxSize = maxSize;
		this.maxWait = maxWait;
	}

	/**
	 * Every item goes to one buffer.
	 * @param key the buffer's key
	 * @param delay quiet time after the newest item before the batch runs
	 */
	public static Collect<Object> byKey(String key, Duration delay) {
		String checked = checkKey(key, "collect key");
		return new Collect<>(checked, (item) -> checked, positive(delay, "collect delay"), 0, null);
	}

	/**
	 * Each item goes to the buffer of the key derived from it.
	 * @param key derives the buffer's key from an item; a {@code null} or blank key fails
	 * that dispatch
	 * @param delay quiet time after the newest item before the batch runs
	 */
	public static <I> Collect<I> by(Function<? super I, String> key, Duration delay) {
		if (key == null) {
			throw new IllegalArgumentException("collect key must not be null");
		}
		return new Collect<>(null, key, positive(delay, "collect delay"), 0, null);
	}

	/** Runs the batch at once when the buffer holds this many items (at least 1). */
	public Collect<I> maxSize(int maxSize) {
		if (maxSize < 1) {
			throw new IllegalArgumentException("collect maxSize must be at least 1, was " + maxSize);
		}
		return new Collect<>(this.staticKey, this.key, this.delay, maxSize, this.maxWait);
	}

	/**
	 * Runs the batch at the latest this long after its oldest item, however often items
	 * arrive.
	 */
	public Collect<I> maxWait(Duration maxWait) {
		return new Collect<>(this.staticKey, this.key, this.delay, this.maxSize, positive(maxWait, "collect maxWait"));
	}

	/**
	 * The buffer key of an item.
	 * @throws IllegalArgumentException naming the value when the derived key is
	 * {@code null} or blank
	 */
	public String keyFor(I item) {
		String resolved = this.key.apply(item);
		if (resolved == null || resolved.isBlank()) {
			throw new IllegalArgumentException("collect key derived from the item must not be "
					+ ((resolved == null) ? "null" : "blank, was '" + resolved + "'"));
		}
		return resolved;
	}

	/** The static key, or {@code null} when each item derives its own. */
	public @Nullable String staticKey() {
		return this.staticKey;
	}

	/**
	 * How long after the newest item the batch runs if no other item arrives.
	 * @return the delay
	 */
	public Duration delay() {
		return this.delay;
	}

	/** The size that runs a batch at once, or 0 for no limit. */
	public int maxSize() {
		return this.maxSize;
	}

	/**
	 * The longest time a batch waits after its oldest item, or {@code null} for no limit.
	 */
	public @Nullable Duration maxWait() {
		return this.maxWait;
	}

	private static String checkKey(@Nullable String key, String what) {
		if (key == null) {
			throw new IllegalArgumentException(what + " must not be null");
		}
		if (key.isBlank()) {
			throw new IllegalArgumentException(what + " must not be blank, was '" + key + "'");
		}
		return key;
	}

	private static Duration positive(@Nullable Duration duration, String what) {
		Objects.requireNonNull(duration, () -> what + " must not be null");
		if (duration.isZero() || duration.isNegative()) {
			throw new IllegalArgumentException(what + " must be positive, was " + duration);
		}
		return duration;
	}

	@Override
	public String toString() {
		return "Collect[key=" + ((this.staticKey != null) ? this.staticKey : "<derived>") + ", delay=" + this.delay
				+ ", maxSize=" + this.maxSize + ", maxWait=" + this.maxWait + "]";
	}

}
