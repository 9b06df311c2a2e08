package dev.taskora.engine.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to. Thread-safe; time never goes backwards. */
public final class VirtualClock extends Clock {

	private final AtomicLong millis;

	private final ZoneId zone;

	/** A clock starting at the current wall-clock time. */
	public VirtualClock() {
		this(Instant.now());
	}

	public VirtualClock(Instant start) {
		this(new AtomicLong(start.toEpochMilli()), ZoneOffset.UTC);
	}

	private VirtualClock(AtomicLong millis, ZoneId zone) {
		this.millis = millis;
		this.zone = zone;
	}

	/** Moves time forward. */
	public void advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException("Cannot advance time by a negative duration: " + duration);
		}
		this.millis.addAndGet(duration.toMillis());
	}

	/** Moves time forward to {@code epochMillis}; earlier times are ignored. */
	public void advanceTo(long epochMillis) {
		this.millis.accumulateAndGet(epochMillis, Math::max);
	}

	@Override
	public long millis() {
		return this.millis.get();
	}

	@Override
	public Instant instant() {
		return Instant.ofEpochMilli(this.millis.get());
	}

	@Override
	public ZoneId getZone() {
		return this.zone;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return new VirtualClock(this.millis, zone);
	}

}
