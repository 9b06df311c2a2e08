package dev.taskora.engine.adapter;

import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.event.Registration;

/**
 * A live feed of lifecycle events; tasks are added as listeners and waiters need them.
 */
public interface EventSubscription extends Registration {

	/**
	 * Starts delivering the task's events. The future completes once the feed position is
	 * fixed, so every event written after that is delivered.
	 */
	CompletableFuture<Void> watch(String task);

}
