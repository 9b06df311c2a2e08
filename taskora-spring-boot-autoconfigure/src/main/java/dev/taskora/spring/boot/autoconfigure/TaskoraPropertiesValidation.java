package dev.taskora.spring.boot.autoconfigure;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.validation.Errors;

/**
 * Range checks of {@link TaskoraProperties}. Each error's message is the accepted values,
 * which {@link InvalidTaskoraPropertiesFailureAnalyzer} prints beside the property and
 * its value.
 */
final class TaskoraPropertiesValidation {

	static final String POSITIVE_INTEGER = "a whole number of at least 1";

	static final String NON_NEGATIVE_INTEGER = "a whole number of at least 0";

	static final String POSITIVE_DURATION = "a positive duration such as 500ms, 30s, 5m, 1h, 1d or PT30S";

	static final String NON_NEGATIVE_DURATION = "a duration of 0 or more such as 0, 500ms, 30s, 5m, 1h, 1d or PT30S";

	private TaskoraPropertiesValidation() {
	}

	static void validate(TaskoraProperties properties, Errors errors) {
		positive(errors, "dispatchTimeout", properties.getDispatchTimeout());
		positive(errors, "redis.reconnectDelay", properties.getRedis().getReconnectDelay());
		TaskoraDefaultsProperties defaults = properties.getDefaults();
		atLeast(errors, "defaults.concurrency", defaults.getConcurrency(), 1, POSITIVE_INTEGER);
		notNegative(errors, "defaults.timeout", defaults.getTimeout(), NON_NEGATIVE_DURATION + " (0 for no timeout)");
		atLeast(errors, "defaults.retry.attempts", defaults.getRetry().getAttempts(), 1, POSITIVE_INTEGER);
		notNegative(errors, "defaults.retry.delay", defaults.getRetry().getDelay(), NON_NEGATIVE_DURATION);
		notNegative(errors, "defaults.retry.maxDelay", defaults.getRetry().getMaxDelay(), NON_NEGATIVE_DURATION);
		positive(errors, "defaults.stall.interval", defaults.getStall().getInterval());
		atLeast(errors, "defaults.stall.maxCount", defaults.getStall().getMaxCount(), 0, NON_NEGATIVE_INTEGER);
		rule(errors, "retention.completed", properties.getRetention().getCompleted());
		rule(errors, "retention.failed", properties.getRetention().getFailed());
		rule(errors, "retention.cancelled", properties.getRetention().getCancelled());
		rule(errors, "retention.expired", properties.getRetention().getExpired());
		notNegative(errors, "worker.shutdownTimeout", properties.getWorker().getShutdownTimeout(),
				NON_NEGATIVE_DURATION);
		if (properties.getWorker().getLockTtl().toMillis() < 30) {
			errors.rejectValue("worker.lockTtl", "range", "a duration of at least 30ms, such as 3s or 30s");
		}
		TaskoraSchedulerProperties scheduler = properties.getScheduler();
		if (scheduler.getPollInterval().toMillis() < 10) {
			errors.rejectValue("scheduler.pollInterval", "range", "a duration of at least 10ms, such as 500ms or 1s");
		}
		if (scheduler.getLockTtl().toMillis() < 100) {
			errors.rejectValue("scheduler.lockTtl", "range", "a duration of at least 100ms, such as 30s");
		}
		else if (scheduler.getLockTtl().compareTo(scheduler.getPollInterval()) <= 0) {
			errors.rejectValue("scheduler.lockTtl", "range", "a duration longer than taskora.scheduler.poll-interval ("
					+ scheduler.getPollInterval() + "), or the leader loses its lock between two polls");
		}
		positive(errors, "health.timeout", properties.getHealth().getTimeout());
		String url = properties.getRedis().getUrl();
		if (url != null && !url.isBlank() && !url.matches("(?i)(redis|rediss|redis-socket|redis-sentinel)://.*")) {
			errors.rejectValue("redis.url", "invalid",
					"a Redis URL: redis://[user:password@]host[:port][/database], rediss:// for TLS or redis-sentinel://");
		}
	}

	private static void rule(Errors errors, String path, TaskoraRetentionProperties.Rule rule) {
		notNegative(errors, path + ".maxAge", rule.getMaxAge(), NON_NEGATIVE_DURATION + " (0 keeps any age)");
		atLeast(errors, path + ".maxItems", rule.getMaxItems(), 0, NON_NEGATIVE_INTEGER + " (0 keeps any number)");
	}

	private static void atLeast(Errors errors, String field, int value, int min, String accepted) {
		if (value < min) {
			errors.rejectValue(field, "range", accepted);
		}
	}

	private static void notNegative(Errors errors, String field, @Nullable Duration value, String accepted) {
		if (value != null && value.isNegative()) {
			errors.rejectValue(field, "range", accepted);
		}
	}

	private static void positive(Errors errors, String field, Duration value) {
		if (value.isNegative() || value.isZero()) {
			errors.rejectValue(field, "range", POSITIVE_DURATION);
		}
	}

}
