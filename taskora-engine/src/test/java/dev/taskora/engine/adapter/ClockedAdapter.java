package dev.taskora.engine.adapter;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

/**
 * Runs any adapter under another clock. Every transition takes "now" from its caller, so
 * a virtual clock here makes delays, backoff and promotion exact on Redis as well as in
 * memory.
 */
final class ClockedAdapter implements Adapter {

	private final Adapter delegate;

	private final Clock clock;

	ClockedAdapter(Adapter delegate, Clock clock) {
		this.delegate = delegate;
		this.clock = clock;
	}

	@Override
	public Clock clock() {
		return this.clock;
	}

	@Override
	public CompletableFuture<Void> connect() {
		return this.delegate.connect();
	}

	@Override
	public CompletableFuture<Void> disconnect() {
		return this.delegate.disconnect();
	}

	@Override
	public JobStore jobs() {
		return this.delegate.jobs();
	}

	@Override
	public Maintenance maintenance() {
		return this.delegate.maintenance();
	}

	@Override
	public EventFeed events() {
		return this.delegate.events();
	}

	@Override
	public InspectStore inspect() {
		return this.delegate.inspect();
	}

	@Override
	public FlowStore flow() {
		return this.delegate.flow();
	}

	@Override
	public ScheduleStore schedules() {
		return this.delegate.schedules();
	}

	@Override
	public WorkflowStore workflows() {
		return this.delegate.workflows();
	}

}
