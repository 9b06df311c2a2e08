package dev.taskora.engine.adapter.redis;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

import dev.taskora.engine.adapter.AdapterEvent;
import dev.taskora.engine.adapter.EventSubscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code subscribe} call on the shared {@link StreamEventReader}: a sink and the
 * tasks it watches, each from the stream id that was the latest when the watch began. The
 * reader may already be further back on a task another subscription watches; entries up
 * to that id are not this subscription's and are skipped.
 */
final class StreamSubscription implements EventSubscription {

	private static final Logger logger = LoggerFactory.getLogger(StreamSubscription.class);

	private final Consumer<AdapterEvent> sink;

	private final Function<String, CompletableFuture<String>> latestId;

	private final BiConsumer<String, String> startReading;

	private final Consumer<StreamSubscription> onClose;

	/** Per watched task, the id after which its events are delivered. */
	private final Map<String, String> since = new ConcurrentHashMap<>();

	private volatile boolean open = true;

	StreamSubscription(Consumer<AdapterEvent> sink, Function<String, CompletableFuture<String>> latestId,
			BiConsumer<String, String> startReading, Consumer<StreamSubscription> onClose) {
		this.sink = sink;
		this.latestId = latestId;
		this.startReading = startReading;
		this.onClose = onClose;
	}

	@Override
	public CompletableFuture<Void> watch(String task) {
		if (!this.open || this.since.containsKey(task)) {
			return CompletableFuture.completedFuture(null);
		}
		return this.latestId.apply(task).thenAccept(latest -> {
			if (this.since.putIfAbsent(task, latest) == null && this.open) {
				this.startReading.accept(task, latest);
			}
		});
	}

	boolean watches(String task) {
		return this.since.containsKey(task);
	}

	/**
	 * Hands the event to the sink if this subscription watches its task and had not seen
	 * it.
	 */
	void offer(AdapterEvent event, String id) {
		String start = this.since.get(event.task());
		if (!this.open || start == null || compareIds(id, start) <= 0) {
			return;
		}
		try {
			this.sink.accept(event);
		}
		catch (RuntimeException ex) {
			logger.warn("Event listener failed on {} of job {} (task '{}')", event.type(), event.jobId(), event.task(),
					ex);
		}
	}

	@Override
	public void close() {
		if (this.open) {
			this.open = false;
			this.onClose.accept(this);
		}
	}

	/** Stream ids compare by milliseconds, then sequence. */
	static int compareIds(String a, String b) {
		int dashA = a.indexOf('-');
		int dashB = b.indexOf('-');
		int byTime = Long.compare(Long.parseLong(a.substring(0, dashA)), Long.parseLong(b.substring(0, dashB)));
		return (byTime != 0) ? byTime
				: Long.compare(Long.parseLong(a.substring(dashA + 1)), Long.parseLong(b.substring(dashB + 1)));
	}

}
