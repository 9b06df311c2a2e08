package dev.taskora.engine.adapter;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Storage for jobs, as a set of facets, one per capability: {@link #jobs()} (the
 * transitions a job goes through), {@link #maintenance()} (stall sweeps, retention, dead
 * letters), {@link #events()} (the event feed, cancel notices, work wake-ups),
 * {@link #inspect()} (reads), {@link #flow()} (debounce, throttle, deduplicate and
 * collect buffers) and {@link #schedules()} (schedules and the scheduler's leader lock)
 * and {@link #workflows()} (workflow graphs advanced as their jobs finish). A capability
 * that lands later adds a facet of its own here rather than methods on an existing one.
 * <p>
 * Every method that changes state is one atomic transition (one Lua script on Redis, one
 * lock-held section in memory); the engine never composes two of them into one logical
 * step that could be seen half-done. Times are epoch milliseconds taken from
 * {@link #clock()} by the caller and passed in, as taskora's scripts take the client's
 * "now". Payloads ({@code data}, {@code result}) are already serialized strings; the
 * adapter never interprets them.
 * <p>
 * Threads: returned futures may complete on the store's I/O threads (Lettuce's event loop
 * on Redis). The engine's stages on them never block and never take a lock that is held
 * while waiting for the store; adapters likewise never hold a lock that such a stage
 * needs while they connect or wait. {@link #connect()} itself must not block, and
 * {@link EventFeed#subscribe} does not block once {@code connect()} has completed. A
 * failure to reach the store is a {@link StoreUnavailableException}; the adapter logs an
 * outage itself.
 * <p>
 * Facet accessors are called on the hot path: implementations return a final field.
 */
public interface Adapter {

	/**
	 * The clock whose time the engine passes to every transition. The memory adapter lets
	 * tests supply a virtual clock; Redis uses the system clock.
	 */
	default Clock clock() {
		return Clock.systemUTC();
	}

	/**
	 * The longest time this adapter takes to be connected again once the store answers
	 * after an outage. Workers keep each lock in the store that much longer than the
	 * app's lock (with an allowance for connecting and two renewal periods), so that an
	 * outage shorter than the lock never lets stall recovery run a finished job again.
	 * Zero (the default) for a store that cannot be cut off, as the memory adapter's.
	 */
	default Duration reconnectDelay() {
		return Duration.ZERO;
	}

	/**
	 * Connects and verifies that the storage can be shared with this build (the
	 * wire-format handshake on Redis). Idempotent; fails with
	 * {@link dev.taskora.engine.adapter.SchemaVersionMismatchException} on an
	 * incompatible store.
	 */
	CompletableFuture<Void> connect();

	/**
	 * Releases every connection, thread and subscription this adapter opened. Idempotent.
	 */
	CompletableFuture<Void> disconnect();

	/** Enqueueing, claiming and settling jobs, cancelling, progress and logs. */
	JobStore jobs();

	/** Stall sweeps, retention trimming and retrying failed jobs. */
	Maintenance maintenance();

	/** Lifecycle events, cancel notices and blocking waits for work. */
	EventFeed events();

	/** Reading jobs back: one job, states, logs, counts per state. */
	InspectStore inspect();

	/**
	 * Dispatches under a flow-control rule (debounce, throttle, deduplicate) and collect
	 * buffers.
	 */
	FlowStore flow();

	/** Schedules, their next runs, and the lock that elects one scheduler leader. */
	ScheduleStore schedules();

	/**
	 * Workflows: their graphs, node states, and the enqueueing of nodes as they become
	 * ready.
	 */
	WorkflowStore workflows();

}
