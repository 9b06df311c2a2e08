package dev.taskora.engine.flow;

import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.TaskoraException;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.adapter.Admission;
import dev.taskora.engine.adapter.CollectBuffer;
import dev.taskora.engine.adapter.CollectPush;
import dev.taskora.engine.adapter.CollectPushed;
import dev.taskora.engine.adapter.FlowStore;
import dev.taskora.engine.adapter.NewJob;
import dev.taskora.engine.internal.Futures;
import dev.taskora.engine.internal.TaskoraRuntime;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dispatch-time flow control: stores a job through the store call its options ask for,
 * says what a refusal means, pushes collect items and reads collect buffers back.
 * <p>
 * <strong>Internal, not API:</strong> public for {@link dev.taskora.engine.Task} only.
 */
public final class FlowDispatch {

	private static final Logger logger = LoggerFactory.getLogger(FlowDispatch.class);

	private FlowDispatch() {
	}

	/** Whether the options carry debounce, throttle or deduplicate. */
	public static boolean hasFlowOption(DispatchOptions options) {
		return options.debounce() != null || options.throttle() != null || options.deduplicate() != null;
	}

	/**
	 * How long the job waits before it may run: the debounce window for a debounced
	 * dispatch (which takes no delay of its own), else the dispatch delay.
	 */
	public static long delayMs(DispatchOptions options) {
		Debounce debounce = options.debounce();
		return (debounce != null) ? debounce.delay().toMillis() : options.delay().toMillis();
	}

	/**
	 * Stores the job: plainly, or under its debounce, throttle or deduplicate option.
	 * Completes with whether it was stored; a refusal is not an error here (see
	 * {@link #rejection}).
	 */
	public static CompletableFuture<Admission> store(TaskoraRuntime runtime, String task, NewJob job,
			DispatchOptions options) {
		return runtime.whenConnected(() -> {
			FlowStore flow = runtime.adapter().flow();
			Debounce debounce = options.debounce();
			if (debounce != null) {
				return flow.debounce(task, job, debounce.key()).thenApply(stored -> Admission.ADMITTED);
			}
			Throttle throttle = options.throttle();
			if (throttle != null) {
				return flow.throttle(task, job, throttle.key(), throttle.max(), throttle.window().toMillis());
			}
			Deduplicate deduplicate = options.deduplicate();
			if (deduplicate != null) {
				return flow.deduplicate(task, job, deduplicate.key(), EnumSet.copyOf(deduplicate.whileIn()));
			}
			return runtime.adapter().jobs().enqueue(task, job).thenApply(stored -> Admission.ADMITTED);
		});
	}

	/**
	 * Why a dispatch was not stored: {@link ThrottledException} or
	 * {@link DuplicateJobException}, thrown to the caller only with
	 * {@code throwOnReject}.
	 */
	public static TaskoraException rejection(String jobId, DispatchOptions options, Admission admission) {
		Deduplicate deduplicate = options.deduplicate();
		if (deduplicate != null) {
			return new DuplicateJobException(deduplicate.key(), admission.existingId());
		}
		Throttle throttle = Objects.requireNonNull(options.throttle(), "a refusal needs a throttle");
		return new ThrottledException(jobId, throttle.key());
	}

	/**
	 * The buffer key of an item of a collect task.
	 * @throws ValidationException naming the task when the key cannot be derived from the
	 * item
	 */
	public static <I> String collectKey(String task, Collect<? super I> collect, @Nullable I item) {
		String staticKey = collect.staticKey();
		if (staticKey != null) {
			return staticKey;
		}
		if (item == null) {
			throw new ValidationException(
					"Task '" + task + "' derives its collect key from the item; a null item has none");
		}
		try {
			return collect.keyFor(item);
		}
		catch (IllegalArgumentException ex) {
			throw new ValidationException("Dispatch to task '" + task + "': " + ex.getMessage(), ex);
		}
	}

	/**
	 * Pushes one item into its collect buffer.
	 * @param job the item as a job: its id, serialized item, time, version and attempts
	 * @param collect the task's collect configuration
	 * @param key the item's resolved buffer key
	 */
	public static CompletableFuture<CollectPushed> collect(TaskoraRuntime runtime, String task, NewJob job,
			Collect<?> collect, String key) {
		Objects.requireNonNull(collect, "collect must not be null");
		long maxWait = (collect.maxWait() != null) ? collect.maxWait().toMillis() : 0;
		CollectPush push = new CollectPush(job.id(), job.data(), job.timestamp(), job.version(), job.maxAttempts(), key,
				collect.delay().toMillis(), collect.maxSize(), maxWait);
		return runtime.whenConnected(() -> runtime.adapter().flow().collect(task, push));
	}

	/**
	 * The items buffered under {@code key}, oldest first, read as {@code itemType}; an
	 * item that cannot be read is left out (and logged at DEBUG).
	 */
	public static List<Object> peek(TaskoraRuntime runtime, String task, String key, Type itemType) {
		List<String> stored = Futures
			.join(runtime.whenConnected(() -> runtime.adapter().flow().peekCollect(task, key)));
		List<Object> items = new ArrayList<>(stored.size());
		for (String item : stored) {
			try {
				items.add(runtime.serializer().deserialize(item, itemType));
			}
			catch (ValidationException ex) {
				logger.debug("Skipping a collect item of task '{}' that cannot be read: {}", task, ex.getMessage());
			}
		}
		return items;
	}

	/**
	 * How many items are buffered under {@code key} and since when; empty without a
	 * buffer.
	 */
	public static Optional<CollectInfo> inspect(TaskoraRuntime runtime, String task, String key) {
		CollectBuffer buffer = Futures
			.join(runtime.whenConnected(() -> runtime.adapter().flow().inspectCollect(task, key)));
		return (buffer == null) ? Optional.empty() : Optional.of(new CollectInfo(buffer.count(),
				Instant.ofEpochMilli(buffer.oldestAt()), Instant.ofEpochMilli(buffer.newestAt())));
	}

	/** {@code List<item>}: what a collect task's handler receives. */
	public static Type batchOf(Type item) {
		return new BatchType(item);
	}

}
