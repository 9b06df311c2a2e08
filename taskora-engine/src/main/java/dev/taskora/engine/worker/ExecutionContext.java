package dev.taskora.engine.worker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.taskora.engine.MiddlewareContext;
import dev.taskora.engine.internal.Progress;
import dev.taskora.engine.job.CancellationSignal;
import dev.taskora.engine.job.JobLogger;
import dev.taskora.engine.retry.RetryException;
import dev.taskora.engine.serialize.Serializer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The context of one attempt, as seen by middleware and the handler. */
final class ExecutionContext implements MiddlewareContext {

	private static final Logger logger = LoggerFactory.getLogger(ExecutionContext.class);

	/** Where the context's heartbeats, progress and log lines go. */
	interface Reporter {

		void heartbeat();

		/** Stored progress: a decimal number or JSON. */
		void progress(String stored, Object value);

		/** One JSON log entry. */
		void log(String entryJson);

	}

	private final String task;

	private final String id;

	private final int attempt;

	private final long timestamp;

	private final Map<String, String> headers;

	private final CancellationSignal signal;

	private final Reporter reporter;

	private final Serializer serializer;

	private final Clock clock;

	private final JobLogger log = new ContextLogger();

	private @Nullable Object data;

	private @Nullable Object result;

	ExecutionContext(String task, String id, int attempt, long timestamp, Map<String, String> headers,
			CancellationSignal signal, Reporter reporter, Serializer serializer, Clock clock, @Nullable Object data) {
		this.task = task;
		this.id = id;
		this.attempt = attempt;
		this.timestamp = timestamp;
		this.headers = headers;
		this.signal = signal;
		this.reporter = reporter;
		this.serializer = serializer;
		this.clock = clock;
		this.data = data;
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public String task() {
		return this.task;
	}

	@Override
	public int attempt() {
		return this.attempt;
	}

	@Override
	public Instant timestamp() {
		return Instant.ofEpochMilli(this.timestamp);
	}

	@Override
	public Map<String, String> headers() {
		return this.headers;
	}

	@Override
	public void heartbeat() {
		this.reporter.heartbeat();
	}

	@Override
	public void progress(Object value) {
		this.reporter.progress(Progress.format(value, this.serializer), value);
	}

	@Override
	public JobLogger log() {
		return this.log;
	}

	@Override
	public RetryException retry(@Nullable Duration delay, @Nullable String reason) {
		if (delay != null && delay.isNegative()) {
			throw new IllegalArgumentException("retry delay must not be negative, was " + delay);
		}
		return new RetryException(reason, delay);
	}

	@Override
	public CancellationSignal cancellation() {
		return this.signal;
	}

	@Override
	public @Nullable Object data() {
		return this.data;
	}

	@Override
	public void data(@Nullable Object data) {
		this.data = data;
	}

	@Override
	public @Nullable Object result() {
		return this.result;
	}

	@Override
	public void result(@Nullable Object result) {
		this.result = result;
	}

	private final class ContextLogger implements JobLogger {

		@Override
		public void info(String message, Map<String, ?> meta) {
			append("info", message, meta);
		}

		@Override
		public void warn(String message, Map<String, ?> meta) {
			append("warn", message, meta);
		}

		@Override
		public void error(String message, Map<String, ?> meta) {
			append("error", message, meta);
		}

		private void append(String level, String message, Map<String, ?> meta) {
			Map<String, Object> entry = new LinkedHashMap<>();
			entry.put("level", level);
			entry.put("message", message);
			if (!meta.isEmpty()) {
				entry.put("meta", meta);
			}
			entry.put("timestamp", ExecutionContext.this.clock.millis());
			String json;
			try {
				json = ExecutionContext.this.serializer.serialize(entry);
			}
			catch (RuntimeException ex) {
				logger.warn("Log entry of job {} could not be serialized; stored without meta",
						ExecutionContext.this.id, ex);
				entry.remove("meta");
				json = ExecutionContext.this.serializer.serialize(entry);
			}
			ExecutionContext.this.reporter.log(json);
		}

	}

}
