package dev.taskora.engine.adapter.redis;

import java.util.function.Consumer;

import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.EventFeed;
import dev.taskora.engine.adapter.EventSubscription;
import dev.taskora.engine.adapter.WorkWaiter;
import dev.taskora.engine.event.Registration;

/**
 * Events through the tasks' streams (one shared {@code XREAD} reader), cancel notices through the
 * tasks' pub/sub channels, and work waiters blocking on the tasks' markers.
 */
final class RedisEventFeed implements EventFeed {

	private final RedisAdapter adapter;

	RedisEventFeed(RedisAdapter adapter) {
		this.adapter = adapter;
	}

	@Override
	public EventSubscription subscribe(Consumer<AdapterEvent> sink) {
		return this.adapter.requireSession().reader().subscribe(sink);
	}

	@Override
	public Registration subscribeCancellations(String task, Consumer<String> listener) {
		return this.adapter.requireSession().cancels().add(task, listener);
	}

	@Override
	public WorkWaiter workWaiter(String task) {
		return this.adapter.requireSession().waiter(task);
	}

}
