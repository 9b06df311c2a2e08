package dev.taskora.engine.event;

/** Something that can be undone: a listener, a subscription. */
@FunctionalInterface
public interface Registration extends AutoCloseable {

	/** Stops the registration. Idempotent. */
	@Override
	void close();

}
