package dev.taskora.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import dev.taskora.engine.job.CancellationSignal;
import dev.taskora.engine.job.JobLogger;
import dev.taskora.engine.retry.RetryException;
import org.jspecify.annotations.Nullable;

/**
 * What a handler knows about the job it runs, and how it talks back.
 *
 * <pre>{@code
 * (data, ctx) -> {
 *     ctx.log().info("Fetching", Map.of("url", data.url()));
 *     ctx.progress(50);
 *     if (rateLimited) throw ctx.retry(Duration.ofSeconds(30), "rate limited");
 *     return fetch(data.url());
 * }
 * }</pre>
 */
public interface JobContext {

	/** The job id (UUID), stable across attempts. */
	String id();

	/** The task name. */
	String task();

	/** The current attempt, 1-based. */
	int attempt();

	/** When the job was dispatched. */
	Instant timestamp();

	/**
	 * The headers the job was dispatched with ({@link DispatchOptions#headers()}), such
	 * as the trace context of the dispatch; empty for a job without any (one written by
	 * Node taskora, say).
	 */
	default Map<String, String> headers() {
		return Map.of();
	}

	/**
	 * Extends the job's lock now; call it in long steps so the job is not taken for
	 * stalled.
	 */
	void heartbeat();

	/** Reports progress, a number or any JSON-serializable object. Fire-and-forget. */
	void progress(Object value);

	/** The job's structured log. */
	JobLogger log();

	/** A manual retry with the task's backoff: {@code throw ctx.retry();} */
	default RetryException retry() {
		return retry(null, null);
	}

	/**
	 * A manual retry after {@code delay}: {@code throw ctx.retry(Duration.ofSeconds(5));}
	 */
	default RetryException retry(Duration delay) {
		return retry(delay, null);
	}

	/**
	 * A manual retry. Retried regardless of {@code retryOn} / {@code noRetryOn} unless
	 * the attempts are exhausted.
	 * @param delay delay before the next attempt, or {@code null} for the task's backoff
	 * @param reason stored as the job's error
	 */
	RetryException retry(@Nullable Duration delay, @Nullable String reason);

	/** The job's cancellation signal. */
	CancellationSignal cancellation();

	/** Whether the job was cancelled, timed out or is being shut down. */
	default boolean isCancelled() {
		return cancellation().isCancelled();
	}

}
