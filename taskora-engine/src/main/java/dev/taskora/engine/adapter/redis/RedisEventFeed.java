package dev.taskora.engine.adapter.redis;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.EventFeed;
import dev.taskora.engine.adapter.EventSubscription;
import dev.taskora.engine.adapter.WorkWaiter;
import dev.taskora.engine.event.Registration;
import org.jspecify.annotations.Nullable;

/**
 * Events through the tasks' streams (one shared {@code XREAD} reader), cancel notices
 * through the tasks' pub/sub channels, and work waiters blocking on the tasks' markers.
 */
final class RedisEventFeed implements EventFeed {

	private static final Pattern TARGET_WIRE_VERSION = Pattern.compile("\"targetWireVersion\"\\s*:\\s*(-?\\d+)");

	private final RedisAdapter adapter;

	private final RedisKeys keys;

	RedisEventFeed(RedisAdapter adapter, RedisKeys keys) {
		this.adapter = adapter;
		this.keys = keys;
	}

	@Override
	public EventSubscription subscribe(Consumer<AdapterEvent> sink) {
		return this.adapter.requireSession().reader().subscribe(sink);
	}

	@Override
	public Registration subscribeCancellations(String task, Consumer<String> listener) {
		return this.adapter.requireSession().cancels().add(task, listener);
	}

	/**
	 * Opens the pub/sub connection and a waiter's connection per task in the background,
	 * on a session already open; nothing otherwise.
	 */
	@Override
	public void prepareWorkers(Collection<String> tasks) {
		RedisSession session = this.adapter.openSession();
		if (session != null) {
			session.prepareWorkers(tasks);
		}
	}

	/**
	 * GET of {@code taskora[:p]:migration:lock}: held when its target covers wire version
	 * 6.
	 */
	@Override
	public CompletableFuture<Boolean> migrationLockHeld() {
		return this.adapter.withSession(s -> s.commands().get(this.keys.migrationLock()).toCompletableFuture())
			.thenApply(RedisEventFeed::covers);
	}

	/**
	 * Subscribes to {@code taskora[:p]:migration:broadcast} on the adapter's pub/sub
	 * connection.
	 */
	@Override
	public Registration subscribeMigrationBroadcast(Runnable listener) {
		return this.adapter.requireSession()
			.cancels()
			.addChannel(this.keys.migrationChannel(), message -> listener.run(), "the migration broadcast");
	}

	/**
	 * Whether a lock payload makes this build pause: its {@code targetWireVersion} is at
	 * or above ours, or it names none (taskora halts on a malformed lock too).
	 */
	static boolean covers(@Nullable String lock) {
		if (lock == null) {
			return false;
		}
		Matcher target = TARGET_WIRE_VERSION.matcher(lock);
		if (!target.find()) {
			return true;
		}
		try {
			return Handshake.WIRE_VERSION <= Long.parseLong(target.group(1));
		}
		catch (NumberFormatException ex) {
			return true;
		}
	}

	@Override
	public WorkWaiter workWaiter(String task) {
		return this.adapter.requireSession().waiter(task);
	}

}
