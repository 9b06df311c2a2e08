package dev.taskora.engine.job;

import java.time.Duration;
import java.util.List;

import dev.taskora.engine.Middleware;
import dev.taskora.engine.TaskDefaults;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.retry.StallOptions;
import org.jspecify.annotations.Nullable;

/**
 * A task's resolved options: its own settings over the app's {@link TaskDefaults}.
 *
 * @param concurrency max jobs a worker runs at once
 * @param timeout handler timeout, or {@code null} for none
 * @param retry retry policy
 * @param stall stall detection
 * @param singleton whether only one job of the task may be active across all workers
 * @param concurrencyLimit default per-key limit for dispatches with a concurrency key (0:
 * 1)
 * @param ttl default time-to-live of a job before it starts, or {@code null}
 * @param discardExpired whether an expired job is deleted instead of kept in
 * {@code expired}
 * @param version payload version stamped on dispatched jobs
 * @param nonBlocking whether handlers run where their jobs arrive (the store client's I/O
 * thread) instead of on handler threads
 * @param middleware task middleware, run after the app's
 */
public record TaskOptions(int concurrency, @Nullable Duration timeout, Retry retry, StallOptions stall,
		boolean singleton, int concurrencyLimit, @Nullable Duration ttl, boolean discardExpired, int version,
		boolean nonBlocking, List<Middleware> middleware) {

	public TaskOptions {
		middleware = List.copyOf(middleware);
	}

}
