package dev.taskora.engine;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/** The states of a job; {@link #wireName()} is taskora's string for each. */
public enum JobState {

	/** Queued, ready to be claimed. */
	WAITING,

	/** Scheduled for later (delay option). */
	DELAYED,

	/** Being processed by a worker. */
	ACTIVE,

	/** The handler returned. */
	COMPLETED,

	/** The handler threw and no attempts are left (or the error is not retried). */
	FAILED,

	/** The handler threw and the job waits for its next attempt. */
	RETRYING,

	/** Cancelled through its handle. */
	CANCELLED,

	/** Its TTL passed before it started. */
	EXPIRED;

	private final String wireName = name().toLowerCase(Locale.ROOT);

	/** The state's name in storage and events ({@code "waiting"} ...). */
	public String wireName() {
		return this.wireName;
	}

	/** Whether the job will not change state any more. */
	public boolean isTerminal() {
		return this == COMPLETED || this == FAILED || this == CANCELLED || this == EXPIRED;
	}

	/** The state for a wire name, or {@code null} for an unknown or empty one. */
	public static @Nullable JobState fromWire(@Nullable String name) {
		if (name == null || name.isEmpty()) {
			return null;
		}
		for (JobState state : values()) {
			if (state.wireName.equals(name)) {
				return state;
			}
		}
		return null;
	}

}
