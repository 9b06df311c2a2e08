package dev.taskora.engine.internal;

import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.WireEvent;
import dev.taskora.engine.event.ActiveEvent;
import dev.taskora.engine.event.CancelledEvent;
import dev.taskora.engine.event.CompletedEvent;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.event.FailedEvent;
import dev.taskora.engine.event.ProgressEvent;
import dev.taskora.engine.event.RetryingEvent;
import dev.taskora.engine.event.StalledEvent;
import dev.taskora.engine.event.TaskEvent;
import dev.taskora.engine.serialize.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * The codec from wire events (a stream entry, plus the job's stored fields where the
 * entry lacks them, as taskora's readers do) to typed events.
 * <p>
 * Internal, not API.
 */
public final class WireEvents {

	private final Serializer serializer;

	private final Function<String, @Nullable Type> outputTypes;

	/**
	 * @param serializer reads results and progress
	 * @param outputTypes a task's output type, or {@code null} for a task unknown here
	 */
	WireEvents(Serializer serializer, Function<String, @Nullable Type> outputTypes) {
		this.serializer = serializer;
		this.outputTypes = outputTypes;
	}

	/**
	 * The typed event a wire event becomes ({@code retrying} counts as a failed attempt),
	 * or {@code null}.
	 */
	static @Nullable EventType<?> typeOf(WireEvent wireType) {
		return switch (wireType) {
			case ACTIVE -> EventType.ACTIVE;
			case PROGRESS -> EventType.PROGRESS;
			case COMPLETED -> EventType.COMPLETED;
			// a retry is reported as a failed attempt and as a retry
			case FAILED, RETRYING -> EventType.FAILED;
			case STALLED -> EventType.STALLED;
			case CANCELLED -> EventType.CANCELLED;
			default -> null;
		};
	}

	/** The type key of a typed job event. */
	static EventType<?> typeOf(TaskEvent event) {
		for (EventType<?> type : EventType.values()) {
			if (type.eventClass() == event.getClass()) {
				return type;
			}
		}
		throw new IllegalArgumentException("Unknown event " + event);
	}

	/**
	 * Whether decoding the type needs the job's stored fields (attempt, result, error).
	 */
	static boolean needsRecord(EventType<?> type) {
		return type == EventType.ACTIVE || type == EventType.COMPLETED || type == EventType.FAILED
				|| type == EventType.RETRYING;
	}

	/**
	 * The typed events of one wire event: none, one, or two for a retry (a failure and a
	 * retry).
	 */
	List<TaskEvent> decode(AdapterEvent event, @Nullable JobRecord record) {
		String task = event.task();
		String id = event.jobId();
		int attempt = (record != null) ? record.attempt() : intField(event, "attempt", 1);
		String error = (record != null && record.error() != null) ? record.error() : "";
		return switch (event.type()) {
			case ACTIVE -> List.of(new ActiveEvent(task, id, attempt));
			case PROGRESS -> {
				String value = event.field("value");
				Object progress = (value != null) ? Progress.parse(value, this.serializer) : null;
				yield (progress != null) ? List.of(new ProgressEvent(task, id, progress)) : List.of();
			}
			case COMPLETED -> List.of(new CompletedEvent(task, id, result(task, record), duration(record), attempt));
			case FAILED -> List.of(new FailedEvent(task, id, error, attempt, false));
			case RETRYING -> {
				int next = intField(event, "attempt", attempt);
				long at = longField(event, "nextAttemptAt", 0);
				yield List.of(new FailedEvent(task, id, error, next - 1, true),
						new RetryingEvent(task, id, next - 1, next, error, at > 0 ? Instant.ofEpochMilli(at) : null));
			}
			case STALLED ->
				List.of(new StalledEvent(task, id, intField(event, "count", 1), "failed".equals(event.field("action"))
						? StalledEvent.Action.FAILED : StalledEvent.Action.RECOVERED));
			case CANCELLED -> {
				String reason = event.field("reason");
				yield List.of(new CancelledEvent(task, id, (reason == null || reason.isEmpty()) ? null : reason));
			}
			default -> List.of();
		};
	}

	private @Nullable Object result(String task, @Nullable JobRecord record) {
		if (record == null || record.result() == null) {
			return null;
		}
		Type type = this.outputTypes.apply(task);
		return this.serializer.deserialize(record.result(), type != null ? type : Object.class);
	}

	private static Duration duration(@Nullable JobRecord record) {
		if (record == null || record.processedOn() == 0 || record.finishedOn() < record.processedOn()) {
			return Duration.ZERO;
		}
		return Duration.ofMillis(record.finishedOn() - record.processedOn());
	}

	private static int intField(AdapterEvent event, String name, int fallback) {
		return (int) longField(event, name, fallback);
	}

	private static long longField(AdapterEvent event, String name, long fallback) {
		String value = event.field(name);
		try {
			return (value == null || value.isEmpty()) ? fallback : Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			return fallback;
		}
	}

}
