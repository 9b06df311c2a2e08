package dev.taskora.engine.event;

import org.jspecify.annotations.Nullable;

/**
 * A worker hit an error outside any handler (storage unreachable, a settle that failed).
 *
 * @param task the task whose worker failed, or {@code null}
 * @param error the error
 */
public record WorkerErrorEvent(@Nullable String task, Throwable error) implements WorkerEvent {
}
