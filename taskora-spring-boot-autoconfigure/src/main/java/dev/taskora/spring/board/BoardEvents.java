package dev.taskora.spring.board;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.taskora.engine.Taskora;
import dev.taskora.engine.event.ActiveEvent;
import dev.taskora.engine.event.CancelledEvent;
import dev.taskora.engine.event.CompletedEvent;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.event.FailedEvent;
import dev.taskora.engine.event.ProgressEvent;
import dev.taskora.engine.event.Registration;
import dev.taskora.engine.event.RetryingEvent;
import dev.taskora.engine.event.StalledEvent;
import dev.taskora.engine.event.TaskEvent;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;
import org.springframework.web.servlet.function.ServerResponse.SseBuilder;

/**
 * {@code api/events}: the board's live stream (Server-Sent Events). Each job event of the
 * app ({@code active}, {@code progress}, {@code completed}, {@code failed},
 * {@code retrying}, {@code stalled}, {@code cancelled}) goes to every open stream as an
 * event of that name, and every refresh interval a {@code stats:update} frame carries the
 * counts, so the stat cards move even when no job does. Events are handed from the app's
 * event thread to the board's own thread ({@code taskora-board-events}), so a slow
 * browser never holds the engine up; when too many wait, new ones are dropped (the next
 * stats frame catches up).
 */
public final class BoardEvents implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(BoardEvents.class);

	/** Events waiting for the board's thread at most; past that they are dropped. */
	private static final int QUEUE_LIMIT = 10_000;

	/**
	 * How long one stream stays open; the browser's EventSource then reconnects on its
	 * own.
	 */
	private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

	private final Taskora taskora;

	private final Supplier<Object> stats;

	private final BoardRedactor redactor;

	private final Duration interval;

	private final Set<SseBuilder> streams = ConcurrentHashMap.newKeySet();

	private final List<Registration> registrations = new ArrayList<>();

	private volatile ScheduledThreadPoolExecutor executor;

	private volatile boolean running;

	/**
	 * @param taskora the app whose events are streamed
	 * @param stats what a stats frame carries
	 * @param redactor masks results and progress
	 * @param interval how often a stats frame is sent
	 */
	public BoardEvents(Taskora taskora, Supplier<Object> stats, BoardRedactor redactor, Duration interval) {
		this.taskora = taskora;
		this.stats = stats;
		this.redactor = redactor;
		this.interval = interval;
		this.executor = newExecutor();
	}

	private static ScheduledThreadPoolExecutor newExecutor() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
			Thread thread = new Thread(runnable, "taskora-board-events");
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

	/** Opens a stream for one browser. */
	ServerResponse stream(ServerRequest request) {
		return ServerResponse.sse(sse -> {
			this.streams.add(sse);
			sse.onComplete(() -> this.streams.remove(sse));
			sse.onTimeout(() -> this.streams.remove(sse));
			sse.onError(ex -> this.streams.remove(sse));
			send(sse, "hello", Map.of("interval", this.interval.toMillis()));
		}, STREAM_TIMEOUT);
	}

	/** How many browsers are connected. */
	public int streams() {
		return this.streams.size();
	}

	@Override
	public synchronized void start() {
		if (this.running) {
			return;
		}
		if (this.executor.isShutdown()) {
			this.executor = newExecutor();
		}
		this.registrations.add(on(EventType.ACTIVE, (ActiveEvent e) -> Map.of("attempt", e.attempt())));
		this.registrations
			.add(on(EventType.PROGRESS, (ProgressEvent e) -> nullable("progress", this.redactor.value(e.progress()))));
		this.registrations.add(on(EventType.COMPLETED,
				(CompletedEvent e) -> Map.of("attempt", e.attempt(), "duration", e.duration().toMillis())));
		this.registrations.add(on(EventType.FAILED, (FailedEvent e) -> Map.of("attempt", e.attempt(), "error",
				String.valueOf(this.redactor.error(e.error())), "willRetry", e.willRetry())));
		this.registrations.add(on(EventType.RETRYING, (RetryingEvent e) -> Map.of("attempt", e.attempt(), "nextAttempt",
				e.nextAttempt(), "error", String.valueOf(this.redactor.error(e.error())))));
		this.registrations.add(on(EventType.STALLED,
				(StalledEvent e) -> Map.of("count", e.count(), "action", e.action().name().toLowerCase(Locale.ROOT))));
		this.registrations.add(on(EventType.CANCELLED, (CancelledEvent e) -> nullable("reason", e.reason())));
		long period = this.interval.toMillis();
		this.executor.scheduleWithFixedDelay(this::sendStats, period, period, TimeUnit.MILLISECONDS);
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		this.registrations.forEach(Registration::close);
		this.registrations.clear();
		this.executor.shutdownNow();
		for (SseBuilder sse : this.streams) {
			try {
				sse.complete();
			}
			catch (RuntimeException ex) {
				// already gone
			}
		}
		this.streams.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private <E extends TaskEvent> Registration on(EventType<E> type, Function<E, Map<String, Object>> details) {
		return this.taskora.on(type, event -> {
			if (this.streams.isEmpty() || this.executor.getQueue().size() >= QUEUE_LIMIT) {
				return;
			}
			Map<String, Object> frame = new LinkedHashMap<>();
			frame.put("task", event.task());
			frame.put("id", event.id());
			frame.putAll(details.apply(event));
			try {
				this.executor.execute(() -> broadcast(type.name(), frame));
			}
			catch (RejectedExecutionException ex) {
				// stopping
			}
		});
	}

	private static Map<String, Object> nullable(String key, @Nullable Object value) {
		Map<String, Object> map = new LinkedHashMap<>();
		if (value != null) {
			map.put(key, value);
		}
		return map;
	}

	private void sendStats() {
		if (this.streams.isEmpty()) {
			return;
		}
		try {
			broadcast("stats:update", this.stats.get());
		}
		catch (RuntimeException ex) {
			// the store is down: the stream stays open, the next frame tries again
			logger.debug("No stats frame for the board's live stream", ex);
		}
	}

	private void broadcast(String name, Object data) {
		for (SseBuilder sse : this.streams) {
			send(sse, name, data);
		}
	}

	private void send(SseBuilder sse, String name, Object data) {
		try {
			sse.event(name).data(data);
		}
		catch (IOException | RuntimeException ex) {
			this.streams.remove(sse);
		}
	}

}
