package dev.taskora.engine.adapter;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The lifecycle event types taskora writes to a task's event stream, by their wire names.
 * A name this build does not know (written by a newer taskora) reads as {@link #UNKNOWN}
 * and is ignored.
 */
public enum WireEvent {

	/** Stored, ready to be claimed. */
	WAITING,

	/** Stored for later. */
	DELAYED,

	/** A delayed job became due and moved to waiting. */
	PROMOTED,

	/** Claimed by a worker. */
	ACTIVE,

	/** Progress reported; field {@code value}. */
	PROGRESS,

	/** Completed. */
	COMPLETED,

	/** Failed with no attempt left. */
	FAILED,

	/**
	 * Failed and scheduled again; fields {@code attempt} (the next one) and
	 * {@code nextAttemptAt}.
	 */
	RETRYING,

	/** Its worker stopped extending the lock; fields {@code count} and {@code action}. */
	STALLED,

	/** Cancelled; field {@code reason} (possibly empty). */
	CANCELLED,

	/** Its time-to-live passed before it started. */
	EXPIRED,

	/** Replaced by a later dispatch of its debounce key; field {@code replacedBy}. */
	DEBOUNCED,

	/** Folded into a collect batch; fields {@code count} and {@code key}. */
	COLLECT,

	/** A type this build does not know. */
	UNKNOWN;

	private final String wireName = name().toLowerCase(Locale.ROOT);

	/** The name in the stream's {@code event} field ({@code "completed"} ...). */
	public String wireName() {
		return this.wireName;
	}

	/**
	 * Whether the job ends in this event's state (completed, failed, cancelled or
	 * expired).
	 */
	public boolean isTerminal() {
		return this == COMPLETED || this == FAILED || this == CANCELLED || this == EXPIRED;
	}

	/** The type of a wire name; {@link #UNKNOWN} for one this build does not know. */
	public static WireEvent of(@Nullable String name) {
		if (name == null) {
			return UNKNOWN;
		}
		return switch (name) {
			case "waiting" -> WAITING;
			case "delayed" -> DELAYED;
			case "promoted" -> PROMOTED;
			case "active" -> ACTIVE;
			case "progress" -> PROGRESS;
			case "completed" -> COMPLETED;
			case "failed" -> FAILED;
			case "retrying" -> RETRYING;
			case "stalled" -> STALLED;
			case "cancelled" -> CANCELLED;
			case "expired" -> EXPIRED;
			case "debounced" -> DEBOUNCED;
			case "collect" -> COLLECT;
			default -> UNKNOWN;
		};
	}

}
