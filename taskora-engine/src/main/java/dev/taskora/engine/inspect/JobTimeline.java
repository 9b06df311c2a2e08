package dev.taskora.engine.inspect;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * When a job was dispatched, last claimed and finished, in epoch milliseconds as taskora
 * stores them.
 *
 * @param ts dispatch time
 * @param processedOn time of the last claim, or {@code null} if never claimed
 * @param finishedOn time it reached a terminal state, or {@code null} if it has not
 */
public record JobTimeline(long ts, @Nullable Long processedOn, @Nullable Long finishedOn) {

	/** The dispatch time as an instant. */
	public Instant dispatchedAt() {
		return Instant.ofEpochMilli(this.ts);
	}

	/** The last claim time as an instant, or {@code null}. */
	public @Nullable Instant processedAt() {
		return (this.processedOn != null) ? Instant.ofEpochMilli(this.processedOn) : null;
	}

	/** The finish time as an instant, or {@code null}. */
	public @Nullable Instant finishedAt() {
		return (this.finishedOn != null) ? Instant.ofEpochMilli(this.finishedOn) : null;
	}

}
