package dev.taskora.spring.boot.autoconfigure;

import java.time.Duration;

import dev.taskora.engine.TaskDefaults;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.job.Retention;
import dev.taskora.engine.retry.Backoff;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.retry.StallOptions;
import dev.taskora.engine.schedule.SchedulerOptions;

/**
 * Maps bound (and validated) {@link TaskoraProperties} onto the engine's option types.
 */
final class TaskoraPropertiesMapper {

	private TaskoraPropertiesMapper() {
	}

	static void applyTo(Taskora.Builder builder, TaskoraProperties properties, boolean virtualThreads) {
		builder.defaults(defaults -> applyDefaults(defaults, properties))
			.retention(retention(properties))
			.shutdownTimeout(properties.getWorker().getShutdownTimeout())
			.lockTtl(properties.getWorker().getLockTtl())
			.scheduler(scheduler(properties.getScheduler()))
			.validateOnDispatch(properties.isValidateOnDispatch());
		if (virtualThreads) {
			builder.virtualThreads(true);
		}
	}

	private static void applyDefaults(TaskDefaults defaults, TaskoraProperties properties) {
		TaskoraDefaultsProperties source = properties.getDefaults();
		Duration timeout = source.getTimeout();
		defaults.concurrency(source.getConcurrency())
			.timeout(timeout.isZero() ? null : timeout)
			.retry(retry(source.getRetry()))
			.stall(new StallOptions(source.getStall().getInterval(), source.getStall().getMaxCount()));
	}

	static Retry retry(TaskoraDefaultsProperties.Retry source) {
		Backoff backoff = switch (source.getBackoff()) {
			case FIXED -> Backoff.FIXED;
			case LINEAR -> Backoff.LINEAR;
			case EXPONENTIAL -> Backoff.EXPONENTIAL;
		};
		return Retry.exponential(source.getAttempts(), source.getDelay())
			.withBackoff(backoff)
			.maxDelay(source.getMaxDelay())
			.jitter(source.isJitter());
	}

	static SchedulerOptions scheduler(TaskoraSchedulerProperties source) {
		SchedulerOptions.Mode mode = switch (source.getMode()) {
			case AUTO -> SchedulerOptions.Mode.AUTO;
			case ALWAYS -> SchedulerOptions.Mode.ALWAYS;
			case NEVER -> SchedulerOptions.Mode.NEVER;
		};
		return SchedulerOptions.defaults()
			.pollInterval(source.getPollInterval())
			.lockTtl(source.getLockTtl())
			.mode(mode);
	}

	static Retention retention(TaskoraProperties properties) {
		TaskoraRetentionProperties source = properties.getRetention();
		return new Retention(rule(source.getCompleted()), rule(source.getFailed()), rule(source.getCancelled()),
				rule(source.getExpired()));
	}

	private static Retention.Rule rule(TaskoraRetentionProperties.Rule source) {
		return new Retention.Rule(source.getMaxAge(), source.getMaxItems());
	}

}
