package dev.taskora.engine.job;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One structured log line of a job ({@code {"level","message","meta","timestamp"}} in
 * storage).
 *
 * @param level {@code info}, {@code warn} or {@code error}
 * @param message the message
 * @param meta structured fields, or {@code null}
 * @param timestamp epoch ms
 */
public record LogEntry(String level, String message, @Nullable Map<String, Object> meta, long timestamp) {
}
