package dev.taskora.engine.adapter.memory;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.EventFeed;
import dev.taskora.engine.adapter.FlowStore;
import dev.taskora.engine.adapter.InspectStore;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.adapter.JobStore;
import dev.taskora.engine.adapter.Maintenance;
import dev.taskora.engine.adapter.ScheduleStore;
import dev.taskora.engine.adapter.WorkflowStore;
import org.jspecify.annotations.Nullable;

/**
 * An {@link Adapter} that keeps every job in this JVM, with exactly the semantics of
 * taskora's Redis scripts: the same states, claim order, events, stall, TTL, singleton
 * and concurrency-key rules, and the flow-control keys and collect buffers of its
 * scripts. Each transition is one section under a single lock, and every future it
 * returns is already complete.
 * <p>
 * For tests, give it a virtual clock and call {@link #wakeUp()} after moving the clock,
 * so that blocked workers notice jobs that became due: <pre>{@code
 * VirtualClock clock = new VirtualClock();
 * MemoryAdapter adapter = MemoryAdapter.create(clock);
 * clock.advance(Duration.ofMinutes(5));
 * adapter.wakeUp();
 * }</pre>
 */
public final class MemoryAdapter implements Adapter {

	private final MemoryStore store;

	private final JobStore jobs;

	private final Maintenance maintenance;

	private final EventFeed events;

	private final InspectStore inspect;

	private final MemoryFlowStore flow;

	private final MemoryScheduleStore schedules;

	private final MemoryWorkflowStore workflows;

	private MemoryAdapter(Clock clock) {
		this.store = new MemoryStore(clock);
		this.jobs = new MemoryJobStore(this.store);
		this.maintenance = new MemoryMaintenance(this.store);
		this.events = new MemoryEventFeed(this.store);
		this.inspect = new MemoryInspectStore(this.store);
		this.flow = new MemoryFlowStore(this.store);
		this.schedules = new MemoryScheduleStore(clock);
		this.workflows = new MemoryWorkflowStore(this.store);
	}

	/** An adapter on the system UTC clock. */
	public static MemoryAdapter create() {
		return create(Clock.systemUTC());
	}

	/** An adapter on the given clock, which times lock expiry and due-time waits. */
	public static MemoryAdapter create(Clock clock) {
		return new MemoryAdapter(Objects.requireNonNull(clock, "clock must not be null"));
	}

	@Override
	public Clock clock() {
		return this.store.clock;
	}

	/** Nothing to connect to: completes at once. */
	@Override
	public CompletableFuture<Void> connect() {
		return CompletableFuture.completedFuture(null);
	}

	/**
	 * Stops event delivery, drops every subscription and cancel listener, and wakes every
	 * waiter.
	 */
	@Override
	public CompletableFuture<Void> disconnect() {
		this.store.events.shutdown();
		this.store.cancelNotices.clear();
		wakeUp();
		return CompletableFuture.completedFuture(null);
	}

	@Override
	public JobStore jobs() {
		return this.jobs;
	}

	@Override
	public Maintenance maintenance() {
		return this.maintenance;
	}

	/**
	 * Events are delivered on the {@code taskora-memory-events} daemon thread, in order.
	 */
	@Override
	public EventFeed events() {
		return this.events;
	}

	@Override
	public InspectStore inspect() {
		return this.inspect;
	}

	@Override
	public FlowStore flow() {
		return this.flow;
	}

	/**
	 * Turns collect buffers into waiting jobs now, as if their delay had passed: one job
	 * per buffer, the items in dispatch order. For test runners. Returns the ids of those
	 * jobs.
	 * @param task the task
	 * @param key the buffer's collect key, or {@code null} for every buffer of the task
	 */
	public List<String> flushCollect(String task, @Nullable String key) {
		return this.flow.flush(task, key).join();
	}

	/**
	 * Schedules and an in-process leader lock, which expires on this adapter's clock:
	 * apps sharing this adapter elect one leader among them.
	 */
	@Override
	public ScheduleStore schedules() {
		return this.schedules;
	}

	@Override
	public WorkflowStore workflows() {
		return this.workflows;
	}

	/**
	 * Wakes every blocked work waiter of every task, so that it claims again. A harness
	 * with a virtual clock calls this after advancing the clock.
	 */
	public void wakeUp() {
		this.store.wakeUp();
	}

	/**
	 * Deletes every job of every task, every workflow and every schedule (releasing the
	 * scheduler lock), and drops events not yet delivered; subscriptions, listeners and
	 * waiters stay. Returns once an event that was being delivered has been handed over,
	 * so no event of a deleted job arrives later. For test runners, between tests.
	 */
	public void clear() {
		this.store.clear();
		this.schedules.clear();
		this.workflows.clear();
	}

	/** Every stored job of every task, in no particular order (for test harnesses). */
	public List<JobRecord> storedJobs() {
		return this.store.records();
	}

	@Override
	public String toString() {
		return "MemoryAdapter[clock=" + this.store.clock + "]";
	}

}
