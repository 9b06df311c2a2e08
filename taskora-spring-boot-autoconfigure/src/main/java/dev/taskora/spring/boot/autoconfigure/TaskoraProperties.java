package dev.taskora.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Configuration of taskora under {@code taskora.*}. Durations take Spring's and taskora's
 * forms alike ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}, ISO-8601
 * {@code PT30S}, or a bare number of milliseconds). Values are checked when bound, so a
 * wrong one stops startup with a message naming the property. Schedules
 * ({@code taskora.schedules.*}) are bound by {@code TaskoraSchedulesProperties}.
 */
@ConfigurationProperties("taskora")
public class TaskoraProperties implements Validator {

	/**
	 * Where jobs are stored. "auto" picks Redis when a Redis connection is configured
	 * (Spring Data Redis, or taskora.redis.url) and memory otherwise.
	 */
	private AdapterType adapter = AdapterType.AUTO;

	/**
	 * Namespace of every Redis key ("taskora:" + the prefix + ":..."), so that several
	 * apps share one Redis.
	 */
	private @Nullable String prefix;

	/**
	 * How long TaskoraOperations.enqueue waits for the store to confirm that it holds a
	 * new job before it gives up with an exception naming the task and the job id; with
	 * taskora.redis.url, also how long a dispatch waits for a lost Redis connection to
	 * come back.
	 */
	private Duration dispatchTimeout = Duration.ofSeconds(5);

	/**
	 * Whether dispatch validates payloads with Bean Validation when a provider is on the
	 * classpath; workers validate inputs either way.
	 */
	private boolean validateOnDispatch = true;

	@NestedConfigurationProperty
	private final TaskoraDefaultsProperties defaults = new TaskoraDefaultsProperties();

	@NestedConfigurationProperty
	private final TaskoraRetentionProperties retention = new TaskoraRetentionProperties();

	@NestedConfigurationProperty
	private final TaskoraWorkerProperties worker = new TaskoraWorkerProperties();

	@NestedConfigurationProperty
	private final TaskoraRedisProperties redis = new TaskoraRedisProperties();

	@NestedConfigurationProperty
	private final TaskoraSchedulerProperties scheduler = new TaskoraSchedulerProperties();

	@NestedConfigurationProperty
	private final TaskoraHealthProperties health = new TaskoraHealthProperties();

	/**
	 * Further taskora apps by name, beside this default one, each with its own
	 * connection, prefix, defaults and workers (taskora.apps.billing.redis.url, ...).
	 * Consumers and listeners join one with @TaskConsumer(app = "billing"); its beans are
	 * injected with {@code @Qualifier("billing")}.
	 */
	private final Map<String, TaskoraProperties> apps = new LinkedHashMap<>();

	/**
	 * Returns {@code taskora.adapter}.
	 * @return the value
	 */
	public AdapterType getAdapter() {
		return this.adapter;
	}

	/**
	 * Sets {@code taskora.adapter}.
	 * @param adapter the new value
	 */
	public void setAdapter(AdapterType adapter) {
		this.adapter = adapter;
	}

	/**
	 * Returns {@code taskora.prefix}.
	 * @return the value
	 */
	public @Nullable String getPrefix() {
		return this.prefix;
	}

	/**
	 * Sets {@code taskora.prefix}.
	 * @param prefix the new value
	 */
	public void setPrefix(@Nullable String prefix) {
		this.prefix = prefix;
	}

	/**
	 * Returns {@code taskora.dispatch-timeout}.
	 * @return the value
	 */
	public Duration getDispatchTimeout() {
		return this.dispatchTimeout;
	}

	/**
	 * Sets {@code taskora.dispatch-timeout}.
	 * @param dispatchTimeout the new value
	 */
	public void setDispatchTimeout(Duration dispatchTimeout) {
		this.dispatchTimeout = dispatchTimeout;
	}

	/**
	 * Returns {@code taskora.validate-on-dispatch}.
	 * @return the value
	 */
	public boolean isValidateOnDispatch() {
		return this.validateOnDispatch;
	}

	/**
	 * Sets {@code taskora.validate-on-dispatch}.
	 * @param validateOnDispatch the new value
	 */
	public void setValidateOnDispatch(boolean validateOnDispatch) {
		this.validateOnDispatch = validateOnDispatch;
	}

	/**
	 * Returns {@code taskora.apps}.
	 * @return the value
	 */
	public Map<String, TaskoraProperties> getApps() {
		return this.apps;
	}

	/**
	 * Returns {@code taskora.defaults}.
	 * @return the value
	 */
	public TaskoraDefaultsProperties getDefaults() {
		return this.defaults;
	}

	/**
	 * Returns {@code taskora.retention}.
	 * @return the value
	 */
	public TaskoraRetentionProperties getRetention() {
		return this.retention;
	}

	/**
	 * Returns {@code taskora.worker}.
	 * @return the value
	 */
	public TaskoraWorkerProperties getWorker() {
		return this.worker;
	}

	/**
	 * Returns {@code taskora.redis}.
	 * @return the value
	 */
	public TaskoraRedisProperties getRedis() {
		return this.redis;
	}

	/**
	 * Returns {@code taskora.scheduler}.
	 * @return the value
	 */
	public TaskoraSchedulerProperties getScheduler() {
		return this.scheduler;
	}

	/**
	 * Returns {@code taskora.health}.
	 * @return the value
	 */
	public TaskoraHealthProperties getHealth() {
		return this.health;
	}

	@Override
	public boolean supports(Class<?> type) {
		return TaskoraProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		TaskoraPropertiesValidation.validate((TaskoraProperties) target, errors);
	}

	/** The storage behind taskora. */
	public enum AdapterType {

		/** Redis when a connection is configured, else memory. */
		AUTO,

		/** Redis, through Spring Data Redis' client or {@code taskora.redis.url}. */
		REDIS,

		/** This JVM only: nothing survives a restart, nothing is shared. */
		MEMORY

	}

	/** Whether this process competes to run the schedules. */
	public enum SchedulerMode {

		/** Once the application defines a schedule. */
		AUTO,

		/** Always, to run schedules other processes define as well. */
		ALWAYS,

		/**
		 * Never: the application stores its schedules and leaves running them to others.
		 */
		NEVER

	}

	/** How the retry delay grows. */
	public enum BackoffType {

		/** The same delay before every retry. */
		FIXED,

		/** Doubling: 1x, 2x, 4x ... the delay. */
		EXPONENTIAL,

		/** Growing by the delay: 1x, 2x, 3x ... */
		LINEAR

	}

}
