package dev.taskora.engine.adapter.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.EventSubscription;
import dev.taskora.engine.adapter.WireEvent;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.UnblockType;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import org.jspecify.annotations.Nullable;

/**
 * The adapter's one event reader: a daemon thread doing {@code XREAD BLOCK} over the
 * event streams of every watched task on a connection of its own, and handing each entry
 * to the subscriptions that watch its task.
 * <p>
 * A subscription's {@link EventSubscription#watch} fixes its start (the stream's latest
 * id, or {@code 0-0} when empty) before it completes, so no later event is missed even if
 * the reader picks the task up a moment afterwards. To pick it up promptly the reader's
 * blocked XREAD is ended with {@code CLIENT UNBLOCK} from the command connection. On a
 * Cluster, where one XREAD cannot span slots, the reader visits the slots in turn with
 * short blocks instead.
 */
final class StreamEventReader {

	private static final Duration CLUSTER_BLOCK = Duration.ofMillis(200);

	private static final int UNBLOCK_ATTEMPTS = 50;

	private final RedisConnector connector;

	private final RedisKeys keys;

	private final Function<String, CompletableFuture<String>> latestEventId;

	private final RedisClusterAsyncCommands<String, String> commands;

	private final String threadName;

	private final RetryPacer pacer;

	private final List<StreamSubscription> subscriptions = new CopyOnWriteArrayList<>();

	private final CompletableFuture<Void> terminated = new CompletableFuture<>();

	/**
	 * Guards the watched set and the connection. {@link #watchFrom} takes it on a Lettuce
	 * I/O thread (it runs when the reply to a watch's XREVRANGE arrives), so it is only
	 * ever held for short sections that neither block nor do I/O.
	 */
	private final Object monitor = new Object();

	/** Read position per watched task; guarded by monitor. */
	private final Map<String, String> positions = new LinkedHashMap<>();

	/** Watched task per event stream key; guarded by monitor. */
	private final Map<String, String> tasksByStream = new HashMap<>();

	/** Bumped whenever the watched set changes; guarded by monitor. */
	private long generation;

	private volatile long readingGeneration = -1;

	private volatile long readerClientId = -1;

	private volatile boolean running = true;

	private @Nullable Thread thread;

	private @Nullable RedisLink link;

	private int nextGroup;

	StreamEventReader(RedisConnector connector, RedisKeys keys,
			Function<String, CompletableFuture<String>> latestEventId,
			RedisClusterAsyncCommands<String, String> commands, OutageReporter outages, String threadName) {
		this.pacer = new RetryPacer(outages, this, "read events", "read events");
		this.connector = connector;
		this.keys = keys;
		this.latestEventId = latestEventId;
		this.commands = commands;
		this.threadName = threadName;
	}

	EventSubscription subscribe(Consumer<AdapterEvent> sink) {
		StreamSubscription subscription = new StreamSubscription(sink, this.latestEventId, this::watchFrom,
				this::closed);
		this.subscriptions.add(subscription);
		return subscription;
	}

	/** Stops the reader; the future completes once its thread and connection are gone. */
	CompletableFuture<Void> close() {
		RedisLink open;
		Thread reader;
		synchronized (this.monitor) {
			this.running = false;
			this.monitor.notifyAll();
			open = this.link;
			this.link = null;
			reader = this.thread;
		}
		this.subscriptions.clear();
		this.pacer.closed();
		CompletableFuture<Void> connectionClosed = (open != null)
				? open.connection().closeAsync().handle((ignored, ex) -> null)
				: CompletableFuture.completedFuture(null);
		if (reader == null) {
			this.terminated.complete(null);
		}
		return CompletableFuture.allOf(connectionClosed, this.terminated);
	}

	private void watchFrom(String task, String latest) {
		synchronized (this.monitor) {
			if (!this.running || this.positions.putIfAbsent(task, latest) != null) {
				return;
			}
			this.tasksByStream.put(this.keys.task(task).events(), task);
			this.generation++;
			this.monitor.notifyAll();
			if (this.thread == null) {
				Thread reader = new Thread(this::run, this.threadName);
				reader.setDaemon(true);
				this.thread = reader;
				reader.start();
			}
		}
		unblock(0);
	}

	/** Forgets a closed subscription and stops reading tasks nobody watches any more. */
	private void closed(StreamSubscription subscription) {
		this.subscriptions.remove(subscription);
		synchronized (this.monitor) {
			boolean changed = this.positions.keySet()
				.removeIf(task -> this.subscriptions.stream().noneMatch(s -> s.watches(task)));
			this.tasksByStream.values().retainAll(this.positions.keySet());
			if (changed) {
				this.generation++;
			}
		}
	}

	/**
	 * Ends the reader's blocked XREAD so it re-reads the watched set. An UNBLOCK that
	 * arrives just before the XREAD does finds nothing to unblock; it is then repeated
	 * briefly.
	 */
	private void unblock(int attempt) {
		if (this.connector.isCluster() || attempt >= UNBLOCK_ATTEMPTS || !this.running) {
			return;
		}
		long current;
		synchronized (this.monitor) {
			current = this.generation;
		}
		if (this.readingGeneration < 0 || this.readingGeneration >= current) {
			return; // not blocked on a stale set: the next XREAD includes the change
		}
		long clientId = this.readerClientId;
		if (clientId < 0) {
			retryUnblock(attempt); // the reader's CLIENT ID reply is still on its way
			return;
		}
		this.commands.clientUnblock(clientId, UnblockType.TIMEOUT)
			.toCompletableFuture()
			.whenComplete((unblocked, ex) -> {
				if (ex == null && unblocked == 0) {
					retryUnblock(attempt);
				}
			});
	}

	private void retryUnblock(int attempt) {
		CompletableFuture.delayedExecutor(5, TimeUnit.MILLISECONDS).execute(() -> unblock(attempt + 1));
	}

	private void run() {
		try {
			while (this.running) {
				Map<String, String> watched = awaitWatched();
				if (watched == null) {
					return;
				}
				try {
					deliver(read(watched));
					this.pacer.succeeded();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				catch (RuntimeException | ExecutionException | TimeoutException ex) {
					this.readingGeneration = -1;
					if (this.running) {
						pause(this.pacer.failed(ex));
					}
				}
			}
		}
		finally {
			this.terminated.complete(null);
		}
	}

	/** The streams to read next (all, or one Cluster slot's), or null once stopped. */
	private @Nullable Map<String, String> awaitWatched() {
		synchronized (this.monitor) {
			while (this.running && this.positions.isEmpty()) {
				try {
					this.monitor.wait();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return null;
				}
			}
			if (!this.running) {
				return null;
			}
			this.readingGeneration = this.generation;
			Map<String, String> streams = new LinkedHashMap<>();
			this.positions.forEach((task, position) -> streams.put(this.keys.task(task).events(), position));
			if (!this.connector.isCluster()) {
				return streams;
			}
			Map<Integer, Map<String, String>> bySlot = new LinkedHashMap<>();
			streams.forEach((key, position) -> bySlot.computeIfAbsent(SlotHash.getSlot(key), s -> new LinkedHashMap<>())
				.put(key, position));
			List<Map<String, String>> groups = new ArrayList<>(bySlot.values());
			return groups.get(this.nextGroup++ % groups.size());
		}
	}

	private List<StreamMessage<String, String>> read(Map<String, String> streams)
			throws InterruptedException, ExecutionException, TimeoutException {
		RedisLink current = link();
		Duration block = this.connector.isCluster() ? CLUSTER_BLOCK : this.connector.maxBlock(current);
		@SuppressWarnings("unchecked")
		XReadArgs.StreamOffset<String>[] offsets = streams.entrySet()
			.stream()
			.map(e -> XReadArgs.StreamOffset.from(e.getKey(), e.getValue()))
			.toArray(XReadArgs.StreamOffset[]::new);
		this.pacer.probe(current);
		if (!this.connector.isCluster()) {
			// pipelined with the XREAD: the id that CLIENT UNBLOCK needs changes on every
			// reconnect
			current.commands().clientId().thenAccept(id -> this.readerClientId = id);
		}
		CompletableFuture<List<StreamMessage<String, String>>> entries = current.commands()
			.xread(XReadArgs.Builder.block(block).count(100), offsets)
			.toCompletableFuture();
		List<StreamMessage<String, String>> read = entries
			.get(block.toMillis() + current.connection().getTimeout().toMillis(), TimeUnit.MILLISECONDS);
		this.readingGeneration = -1;
		return (read != null) ? read : List.of();
	}

	private void deliver(List<StreamMessage<String, String>> entries) {
		for (StreamMessage<String, String> entry : entries) {
			String task = taskOf(entry.getStream());
			if (task == null) {
				continue;
			}
			synchronized (this.monitor) {
				this.positions.computeIfPresent(task, (t, position) -> entry.getId());
			}
			Map<String, String> fields = new HashMap<>(entry.getBody());
			String type = fields.remove("event");
			String jobId = fields.remove("jobId");
			if (type == null || jobId == null) {
				continue; // not a taskora entry
			}
			AdapterEvent event = new AdapterEvent(task, WireEvent.of(type), jobId, Map.copyOf(fields));
			for (StreamSubscription subscription : this.subscriptions) {
				subscription.offer(event, entry.getId());
			}
		}
	}

	private @Nullable String taskOf(String streamKey) {
		synchronized (this.monitor) {
			return this.tasksByStream.get(streamKey);
		}
	}

	/**
	 * The reader's connection, opened on first use. Connecting blocks until one of
	 * Lettuce's I/O threads has set the channel up, and those threads run
	 * {@link #watchFrom} for replies to the command connection; so the monitor is never
	 * held while connecting.
	 */
	private RedisLink link() {
		synchronized (this.monitor) {
			if (!this.running) {
				throw new IllegalStateException("Event reader is closed");
			}
			if (this.link != null) {
				return this.link;
			}
		}
		RedisLink opened = this.connector.connect("events");
		synchronized (this.monitor) {
			if (this.running) {
				this.link = opened;
				return opened;
			}
		}
		opened.close();
		throw new IllegalStateException("Event reader is closed");
	}

	private void pause(long delayMs) {
		synchronized (this.monitor) {
			if (this.running) {
				try {
					this.monitor.wait(delayMs);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					this.running = false;
				}
			}
		}
	}

}
