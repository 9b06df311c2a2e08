/**
 * Retry policy: {@link dev.taskora.engine.retry.Retry} (attempts, backoff, jitter, which
 * errors are retried), {@link dev.taskora.engine.retry.Backoff}, the manual retry a
 * handler throws ({@link dev.taskora.engine.retry.RetryException}) and stall detection
 * ({@link dev.taskora.engine.retry.StallOptions}).
 */
@NullMarked
package dev.taskora.engine.retry;

import org.jspecify.annotations.NullMarked;
