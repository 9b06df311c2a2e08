package dev.taskora.engine.adapter;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import dev.taskora.engine.event.Registration;

/**
 * How the store tells the engine that something happened: lifecycle events of every
 * process sharing it, cancellations of jobs running here, and work becoming claimable.
 */
public interface EventFeed {

	/**
	 * Starts delivering lifecycle events to {@code sink} for every task the subscription
	 * watches, from this process and from any other sharing the store.
	 */
	EventSubscription subscribe(Consumer<AdapterEvent> sink);

	/**
	 * Calls {@code listener} with the job id whenever an active job of {@code task} is
	 * cancelled.
	 */
	Registration subscribeCancellations(String task, Consumer<String> listener);

	/**
	 * A blocking wait for work on one task, owned by one worker (a dedicated connection
	 * on Redis).
	 */
	WorkWaiter workWaiter(String task);

	/**
	 * Tells the store that workers of these tasks are about to start (the app is starting
	 * them, one after another): it may start opening what they will need (Redis:
	 * connections) side by side, so that starting them waits for less. Never blocks; a
	 * failure is left to the workers' start. By default nothing.
	 */
	default void prepareWorkers(Collection<String> tasks) {
	}

	/**
	 * Whether a wire-format migration (taskora's {@code migration:lock}) that covers this
	 * build's wire version is running now: workers pause claiming while it is. A lock
	 * whose payload names no target version counts as covering (fail safe). Stores that
	 * are never migrated answer {@code false}.
	 */
	CompletableFuture<Boolean> migrationLockHeld();

	/**
	 * Calls {@code listener} whenever a migrator announces that the migration lock
	 * changed (taskora's {@code migration:broadcast}, any message); the listener re-reads
	 * {@link #migrationLockHeld()}. Returns once subscribed.
	 */
	Registration subscribeMigrationBroadcast(Runnable listener);

}
