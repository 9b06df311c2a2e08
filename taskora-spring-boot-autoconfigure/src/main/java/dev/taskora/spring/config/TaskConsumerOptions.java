package dev.taskora.spring.config;

import java.time.Duration;
import java.util.Locale;
import java.util.function.UnaryOperator;

import dev.taskora.engine.Durations;
import dev.taskora.engine.TaskBuilder;
import dev.taskora.engine.TaskDefaults;
import dev.taskora.engine.flow.Collect;
import dev.taskora.engine.retry.Backoff;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.retry.StallOptions;
import dev.taskora.spring.annotation.CollectKeyResolver;
import dev.taskora.spring.annotation.TaskConsumer;
import org.jspecify.annotations.Nullable;

import org.springframework.util.PlaceholderResolutionException;

/**
 * Applies the options of a {@link TaskConsumer} annotation to a task, resolving
 * placeholders first. Retry and stall attributes refine the app defaults:
 * {@code retryAttempts = "5"} alone keeps the default backoff and delay. The
 * {@code collect*} attributes make a collect task.
 */
final class TaskConsumerOptions {

	private final TaskConsumer annotation;

	private final UnaryOperator<String> resolver;

	private final String beanName;

	private final Class<?> beanType;

	TaskConsumerOptions(TaskConsumer annotation, UnaryOperator<String> resolver, String beanName, Class<?> beanType) {
		this.annotation = annotation;
		this.resolver = resolver;
		this.beanName = beanName;
		this.beanType = beanType;
	}

	void applyTo(TaskBuilder<?, ?> builder, TaskDefaults defaults) {
		applyTo(builder, defaults.retry(), defaults.stall());
	}

	/**
	 * Applies the attributes; partial retry and stall attributes refine {@code retryBase}
	 * and {@code stallBase} (a contract's, else the app's defaults).
	 */
	void applyTo(TaskBuilder<?, ?> builder, Retry retryBase, StallOptions stallBase) {
		String concurrency = resolve("concurrency", this.annotation.concurrency());
		if (!concurrency.isEmpty()) {
			int value = integer("concurrency", concurrency, 1, "a whole number of at least 1");
			builder.concurrency(value);
		}
		String nonBlocking = resolve("nonBlocking", this.annotation.nonBlocking());
		if (!nonBlocking.isEmpty()) {
			builder.nonBlocking(bool("nonBlocking", nonBlocking));
		}
		String timeout = resolve("timeout", this.annotation.timeout());
		if (!timeout.isEmpty()) {
			if (timeout.equalsIgnoreCase("none") || timeout.equals("0")) {
				builder.noTimeout();
			}
			else {
				builder.timeout(positive("timeout", timeout));
			}
		}
		Retry retry = retry(retryBase);
		if (retry != null) {
			builder.retry(retry);
		}
		StallOptions stall = stall(stallBase);
		if (stall != null) {
			builder.stall(stall);
		}
		String singleton = resolve("singleton", this.annotation.singleton());
		if (!singleton.isEmpty()) {
			builder.singleton(bool("singleton", singleton));
		}
		String concurrencyLimit = resolve("concurrencyLimit", this.annotation.concurrencyLimit());
		if (!concurrencyLimit.isEmpty()) {
			builder.concurrencyLimit(integer("concurrencyLimit", concurrencyLimit, 1, "a whole number of at least 1"));
		}
		String version = resolve("version", this.annotation.version());
		if (!version.isEmpty()) {
			builder.version(integer("version", version, 1, "a whole number of at least 1"));
		}
		String ttl = resolve("ttl", this.annotation.ttl());
		String onExpireValue = resolve("onExpire", this.annotation.onExpire());
		String onExpire = onExpireValue.toLowerCase(Locale.ROOT);
		if (!onExpire.isEmpty() && !onExpire.equals("fail") && !onExpire.equals("discard")) {
			throw invalid("onExpire", onExpireValue, "fail or discard");
		}
		if (!ttl.isEmpty() || !onExpire.isEmpty()) {
			builder.ttl(ttl.isEmpty() ? null : positive("ttl", ttl), onExpire.equals("discard"));
		}
	}

	/**
	 * Whether the consumer's worker starts with the application ({@code autoStartup},
	 * default true).
	 */
	boolean autoStartup() {
		String autoStartup = resolve("autoStartup", this.annotation.autoStartup());
		return autoStartup.isEmpty() || bool("autoStartup", autoStartup);
	}

	/** The app of the consumer's task ({@code app}), empty for the default app. */
	String app() {
		return resolve("app", this.annotation.app());
	}

	/** The consumer's container id ({@code id}), or {@code task} when empty. */
	String id(String task) {
		String id = resolve("id", this.annotation.id());
		return id.isEmpty() ? task : id;
	}

	/**
	 * Whether the annotation makes a collect consumer: any {@code collect*} attribute is
	 * set.
	 */
	boolean collects() {
		return !(this.annotation.collectKey().isEmpty() && this.annotation.collectDelay().isEmpty()
				&& this.annotation.collectMaxSize().isEmpty() && this.annotation.collectMaxWait().isEmpty());
	}

	/**
	 * The collect configuration of a collect consumer: {@code collectDelay} and either
	 * {@code collectKey} or a key {@code resolver}, which are exclusive.
	 */
	@SuppressWarnings("unchecked")
	Collect<Object> collect(@Nullable CollectKeyResolver<?> resolver) {
		String key = resolve("collectKey", this.annotation.collectKey());
		String delay = resolve("collectDelay", this.annotation.collectDelay());
		if (delay.isEmpty()) {
			throw new InvalidTaskConsumerException(this.beanName, this.beanType,
					"@TaskConsumer attribute 'collectDelay' is missing: collect* attributes make a collect consumer,"
							+ " whose batches run a delay after their newest item",
					"Set collectDelay on " + this.beanType.getSimpleName() + " to a positive duration such as 2s.");
		}
		if (key.isEmpty() == (resolver == null)) {
			throw new InvalidTaskConsumerException(this.beanName, this.beanType,
					(resolver == null)
							? "@TaskConsumer attribute 'collectKey' is missing, and the bean does not derive keys"
							: "@TaskConsumer attribute 'collectKey' is '" + key + "', and the bean derives keys as a "
									+ "CollectKeyResolver as well",
					(resolver == null)
							? "Set collectKey on " + this.beanType.getSimpleName()
									+ ", or implement CollectKeyResolver to derive a key from each item."
							: "Remove collectKey, or stop implementing CollectKeyResolver.");
		}
		Collect<Object> collect = (resolver != null) ? Collect
			.by(item -> ((CollectKeyResolver<Object>) resolver).collectKey(item), positive("collectDelay", delay))
				: Collect.byKey(key, positive("collectDelay", delay));
		String maxSize = resolve("collectMaxSize", this.annotation.collectMaxSize());
		if (!maxSize.isEmpty()) {
			collect = collect.maxSize(integer("collectMaxSize", maxSize, 1, "a whole number of at least 1"));
		}
		String maxWait = resolve("collectMaxWait", this.annotation.collectMaxWait());
		if (!maxWait.isEmpty()) {
			collect = collect.maxWait(positive("collectMaxWait", maxWait));
		}
		return collect;
	}

	private @Nullable Retry retry(Retry base) {
		String attempts = resolve("retryAttempts", this.annotation.retryAttempts());
		String backoff = resolve("retryBackoff", this.annotation.retryBackoff());
		String delay = resolve("retryDelay", this.annotation.retryDelay());
		String maxDelay = resolve("retryMaxDelay", this.annotation.retryMaxDelay());
		String jitter = resolve("retryJitter", this.annotation.retryJitter());
		if (attempts.isEmpty() && backoff.isEmpty() && delay.isEmpty() && maxDelay.isEmpty() && jitter.isEmpty()
				&& this.annotation.retryOn().length == 0 && this.annotation.noRetryOn().length == 0) {
			return null;
		}
		Retry retry = base;
		if (!attempts.isEmpty()) {
			retry = retry.withAttempts(integer("retryAttempts", attempts, 1, "a whole number of at least 1"));
		}
		if (!backoff.isEmpty()) {
			try {
				retry = retry.withBackoff(Backoff.of(backoff));
			}
			catch (IllegalArgumentException ex) {
				throw invalid("retryBackoff", backoff, "fixed, exponential or linear");
			}
		}
		if (!delay.isEmpty()) {
			retry = retry.withDelay(duration("retryDelay", delay, false));
		}
		if (!maxDelay.isEmpty()) {
			retry = retry.maxDelay(duration("retryMaxDelay", maxDelay, false));
		}
		if (!jitter.isEmpty()) {
			retry = retry.jitter(bool("retryJitter", jitter));
		}
		if (this.annotation.retryOn().length > 0) {
			retry = retry.retryOn(this.annotation.retryOn());
		}
		if (this.annotation.noRetryOn().length > 0) {
			retry = retry.noRetryOn(this.annotation.noRetryOn());
		}
		return retry;
	}

	private @Nullable StallOptions stall(StallOptions base) {
		String interval = resolve("stallInterval", this.annotation.stallInterval());
		String maxCount = resolve("stallMaxCount", this.annotation.stallMaxCount());
		if (interval.isEmpty() && maxCount.isEmpty()) {
			return null;
		}
		Duration resolvedInterval = interval.isEmpty() ? base.interval() : positive("stallInterval", interval);
		int resolvedMaxCount = maxCount.isEmpty() ? base.maxCount()
				: integer("stallMaxCount", maxCount, 0, "a whole number of at least 0");
		return new StallOptions(resolvedInterval, resolvedMaxCount);
	}

	private String resolve(String attribute, String value) {
		if (value.isEmpty()) {
			return value;
		}
		String resolved;
		try {
			resolved = this.resolver.apply(value);
		}
		catch (IllegalArgumentException ex) {
			throw unresolvable(this.beanName, this.beanType, attribute, value, ex);
		}
		return (resolved != null) ? resolved.trim() : "";
	}

	/**
	 * The exception for an attribute whose placeholder cannot be resolved, naming the
	 * bean, the attribute and the placeholder.
	 */
	static InvalidTaskConsumerException unresolvable(String beanName, Class<?> beanType, String attribute, String value,
			IllegalArgumentException ex) {
		if (ex instanceof PlaceholderResolutionException placeholder) {
			String name = placeholder.getPlaceholder();
			return new InvalidTaskConsumerException(beanName, beanType,
					"@TaskConsumer attribute '" + attribute + "' is '" + value + "', and its placeholder '" + name
							+ "' cannot be resolved",
					"Define the property '" + name + "' (in application.properties, an environment variable or"
							+ " another property source), or give the placeholder a default: ${" + name + ":<value>}.",
					ex);
		}
		return new InvalidTaskConsumerException(beanName, beanType,
				"@TaskConsumer attribute '" + attribute + "' is '" + value + "', which cannot be resolved: "
						+ ex.getMessage(),
				"Fix the expression in '" + attribute + "' on " + beanType.getSimpleName() + ".", ex);
	}

	private boolean bool(String attribute, String value) {
		String normalized = value.toLowerCase(Locale.ROOT);
		if (!normalized.equals("true") && !normalized.equals("false")) {
			throw invalid(attribute, value, "true or false");
		}
		return Boolean.parseBoolean(normalized);
	}

	private int integer(String attribute, String value, int min, String accepted) {
		try {
			int parsed = Integer.parseInt(value);
			if (parsed >= min) {
				return parsed;
			}
		}
		catch (NumberFormatException ex) {
			// reported below with the accepted values
		}
		throw invalid(attribute, value, accepted);
	}

	private Duration positive(String attribute, String value) {
		return duration(attribute, value, true);
	}

	private Duration duration(String attribute, String value, boolean positive) {
		Duration duration;
		try {
			duration = Durations.parse(value);
		}
		catch (IllegalArgumentException ex) {
			throw invalid(attribute, value, "a duration such as 500ms, 30s, 5m, 1h, 1d or PT30S");
		}
		if (duration.isNegative() || (positive && duration.isZero())) {
			throw invalid(attribute, value,
					positive ? "a positive duration such as 30s or 5m" : "a duration of zero or more, such as 1s");
		}
		return duration;
	}

	private InvalidTaskConsumerException invalid(String attribute, String value, String accepted) {
		return new InvalidTaskConsumerException(this.beanName, this.beanType,
				"@TaskConsumer attribute '" + attribute + "' is '" + value + "', which is not valid",
				"Set '" + attribute + "' on " + this.beanType.getSimpleName() + " to " + accepted + ".");
	}

}
