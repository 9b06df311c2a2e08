package dev.taskora.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
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

	private final Defaults defaults = new Defaults();

	private final Retention retention = new Retention();

	private final Worker worker = new Worker();

	private final Redis redis = new Redis();

	private final Scheduler scheduler = new Scheduler();

	private final Health health = new Health();

	/**
	 * Further taskora apps by name, beside this default one, each with its own
	 * connection, prefix, defaults and workers (taskora.apps.billing.redis.url, ...).
	 * Consumers and listeners join one with @TaskConsumer(app = "billing"); its beans are
	 * injected with {@code @Qualifier("billing")}.
	 */
	private final Map<String, TaskoraProperties> apps = new LinkedHashMap<>();

	public AdapterType getAdapter() {
		return this.adapter;
	}

	public void setAdapter(AdapterType adapter) {
		this.adapter = adapter;
	}

	public @Nullable String getPrefix() {
		return this.prefix;
	}

	public void setPrefix(@Nullable String prefix) {
		this.prefix = prefix;
	}

	public Duration getDispatchTimeout() {
		return this.dispatchTimeout;
	}

	public void setDispatchTimeout(Duration dispatchTimeout) {
		this.dispatchTimeout = dispatchTimeout;
	}

	public boolean isValidateOnDispatch() {
		return this.validateOnDispatch;
	}

	public void setValidateOnDispatch(boolean validateOnDispatch) {
		this.validateOnDispatch = validateOnDispatch;
	}

	public Map<String, TaskoraProperties> getApps() {
		return this.apps;
	}

	public Defaults getDefaults() {
		return this.defaults;
	}

	public Retention getRetention() {
		return this.retention;
	}

	public Worker getWorker() {
		return this.worker;
	}

	public Redis getRedis() {
		return this.redis;
	}

	public Scheduler getScheduler() {
		return this.scheduler;
	}

	public Health getHealth() {
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

	/**
	 * Options every task starts from; a {@code @TaskConsumer} attribute overrides them.
	 */
	public static class Defaults {

		/**
		 * Max jobs of one task a worker runs at once.
		 */
		private int concurrency = 1;

		/**
		 * Handler timeout; 0 for none.
		 */
		private Duration timeout = Duration.ofSeconds(30);

		private final Retry retry = new Retry();

		private final Stall stall = new Stall();

		public int getConcurrency() {
			return this.concurrency;
		}

		public void setConcurrency(int concurrency) {
			this.concurrency = concurrency;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public Retry getRetry() {
			return this.retry;
		}

		public Stall getStall() {
			return this.stall;
		}

	}

	/** Default retry policy. */
	public static class Retry {

		/**
		 * Total runs of a job including the first; 1 disables retries.
		 */
		private int attempts = 1;

		/**
		 * How the delay between attempts grows.
		 */
		private BackoffType backoff = BackoffType.EXPONENTIAL;

		/**
		 * Base delay before a retry.
		 */
		private Duration delay = Duration.ofSeconds(1);

		/**
		 * Cap on a single retry delay.
		 */
		private @Nullable Duration maxDelay;

		/**
		 * Whether retry delays vary by +/-25% so that failed jobs do not retry in
		 * lockstep.
		 */
		private boolean jitter = true;

		public int getAttempts() {
			return this.attempts;
		}

		public void setAttempts(int attempts) {
			this.attempts = attempts;
		}

		public BackoffType getBackoff() {
			return this.backoff;
		}

		public void setBackoff(BackoffType backoff) {
			this.backoff = backoff;
		}

		public Duration getDelay() {
			return this.delay;
		}

		public void setDelay(Duration delay) {
			this.delay = delay;
		}

		public @Nullable Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(@Nullable Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

		public boolean isJitter() {
			return this.jitter;
		}

		public void setJitter(boolean jitter) {
			this.jitter = jitter;
		}

	}

	/** Default stall detection. */
	public static class Stall {

		/**
		 * Time between sweeps for jobs whose worker stopped extending their lock.
		 */
		private Duration interval = Duration.ofSeconds(1);

		/**
		 * Stalls a job survives before it fails; 0 fails it at the first.
		 */
		private int maxCount = 1;

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public int getMaxCount() {
			return this.maxCount;
		}

		public void setMaxCount(int maxCount) {
			this.maxCount = maxCount;
		}

	}

	/** How long finished jobs are kept. */
	public static class Retention {

		private final Rule completed = new Rule(Duration.ofHours(1), 100);

		private final Rule failed = new Rule(Duration.ofDays(7), 300);

		private final Rule cancelled = new Rule(Duration.ofDays(7), 300);

		private final Rule expired = new Rule(Duration.ofDays(7), 300);

		public Rule getCompleted() {
			return this.completed;
		}

		public Rule getFailed() {
			return this.failed;
		}

		public Rule getCancelled() {
			return this.cancelled;
		}

		public Rule getExpired() {
			return this.expired;
		}

	}

	/** Retention of one terminal state. */
	public static class Rule {

		/**
		 * Age after which finished jobs are removed; 0 keeps them regardless of age.
		 */
		private Duration maxAge;

		/**
		 * Number of the newest finished jobs kept; 0 keeps any number.
		 */
		private int maxItems;

		Rule(Duration maxAge, int maxItems) {
			this.maxAge = maxAge;
			this.maxItems = maxItems;
		}

		public Duration getMaxAge() {
			return this.maxAge;
		}

		public void setMaxAge(Duration maxAge) {
			this.maxAge = maxAge;
		}

		public int getMaxItems() {
			return this.maxItems;
		}

		public void setMaxItems(int maxItems) {
			this.maxItems = maxItems;
		}

	}

	/** This process's workers. */
	public static class Worker {

		/**
		 * Whether this process works on jobs; false makes a producer that still
		 * dispatches and listens to events.
		 */
		private boolean enabled = true;

		/**
		 * Time running jobs get to finish on shutdown before they are interrupted and
		 * handed back.
		 */
		private Duration shutdownTimeout = Duration.ofSeconds(30);

		/**
		 * Whether handlers run on virtual threads (Java 21+). Also on when
		 * spring.threads.virtual.enabled is set.
		 */
		private boolean virtualThreads;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getShutdownTimeout() {
			return this.shutdownTimeout;
		}

		public void setShutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
		}

		public boolean isVirtualThreads() {
			return this.virtualThreads;
		}

		public void setVirtualThreads(boolean virtualThreads) {
			this.virtualThreads = virtualThreads;
		}

	}

	/** Redis without Spring Data Redis. */
	public static class Redis {

		/**
		 * Redis URL (redis://[user:password@]host:port[/db], rediss:// for TLS,
		 * redis-sentinel://). Used when Spring Data Redis is not on the classpath.
		 */
		private @Nullable String url;

		/**
		 * Longest wait between two reconnect attempts after the connection dropped, so
		 * that workers and producers are back within about this long of Redis answering
		 * again. Also applies to Spring Data Redis' client when taskora uses it.
		 */
		private Duration reconnectDelay = Duration.ofSeconds(1);

		public @Nullable String getUrl() {
			return this.url;
		}

		public void setUrl(@Nullable String url) {
			this.url = url;
		}

		public Duration getReconnectDelay() {
			return this.reconnectDelay;
		}

		public void setReconnectDelay(Duration reconnectDelay) {
			this.reconnectDelay = reconnectDelay;
		}

	}

	/** How this process takes part in scheduling. */
	public static class Scheduler {

		/**
		 * Time between two looks for due schedules, each also renewing the leader lock.
		 */
		private Duration pollInterval = Duration.ofSeconds(1);

		/**
		 * Lifetime of the leader lock without renewal: when the leader dies, another
		 * process takes over within it (plus one poll interval).
		 */
		private Duration lockTtl = Duration.ofSeconds(30);

		/**
		 * Whether this process competes to run the schedules.
		 */
		private SchedulerMode mode = SchedulerMode.AUTO;

		public Duration getPollInterval() {
			return this.pollInterval;
		}

		public void setPollInterval(Duration pollInterval) {
			this.pollInterval = pollInterval;
		}

		public Duration getLockTtl() {
			return this.lockTtl;
		}

		public void setLockTtl(Duration lockTtl) {
			this.lockTtl = lockTtl;
		}

		public SchedulerMode getMode() {
			return this.mode;
		}

		public void setMode(SchedulerMode mode) {
			this.mode = mode;
		}

	}

	/** The taskora health contributor. */
	public static class Health {

		/**
		 * How long the health check waits for the store to return the counts of every
		 * task (one read for all of them) before it reports DOWN.
		 */
		private Duration timeout = Duration.ofSeconds(2);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
