package dev.taskora.engine.flow;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.DuplicateJobException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.TaskoraException;
import dev.taskora.engine.ThrottledException;
import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.Admission;
import dev.taskora.engine.adapter.CollectPush;
import dev.taskora.engine.adapter.CollectPushed;
import dev.taskora.engine.adapter.NewJob;
import org.jspecify.annotations.Nullable;

/**
 * Dispatch-time flow control: stores a job through the adapter call its options ask for, and says
 * what a refusal means. Internal, not API: used by {@link dev.taskora.engine.Task}.
 */
public final class FlowDispatch {

	private FlowDispatch() {
	}

	/** Whether the options carry debounce, throttle or deduplicate. */
	public static boolean hasFlowOption(DispatchOptions options) {
		return options.debounce() != null || options.throttle() != null || options.deduplicate() != null;
	}

	/**
	 * How long the job waits before it may run: the debounce window for a debounced dispatch (which
	 * takes no delay of its own), else the dispatch delay.
	 */
	public static long delayMs(DispatchOptions options) {
		DispatchOptions.Debounce debounce = options.debounce();
		return (debounce != null) ? debounce.delay().toMillis() : options.delay().toMillis();
	}

	/**
	 * Stores the job: plainly, or under its debounce, throttle or deduplicate option. Completes
	 * with whether it was stored; a refusal is not an error here (see {@link #rejection}).
	 */
	public static CompletableFuture<Admission> store(Adapter adapter, String task, NewJob job, DispatchOptions options) {
		DispatchOptions.Debounce debounce = options.debounce();
		if (debounce != null) {
			return adapter.flow().debounce(task, job, debounce.key()).thenApply(stored -> Admission.ADMITTED);
		}
		DispatchOptions.Throttle throttle = options.throttle();
		if (throttle != null) {
			return adapter.flow().throttle(task, job, throttle.key(), throttle.max(), throttle.window().toMillis());
		}
		DispatchOptions.Deduplicate deduplicate = options.deduplicate();
		if (deduplicate != null) {
			return adapter.flow().deduplicate(task, job, deduplicate.key(), EnumSet.copyOf(deduplicate.whileIn()));
		}
		return adapter.enqueue(task, job).thenApply(stored -> Admission.ADMITTED);
	}

	/**
	 * Why a dispatch was not stored: {@link ThrottledException} or {@link DuplicateJobException},
	 * thrown to the caller only with {@code throwOnReject}.
	 */
	public static TaskoraException rejection(String jobId, DispatchOptions options, Admission admission) {
		DispatchOptions.Deduplicate deduplicate = options.deduplicate();
		if (deduplicate != null) {
			return new DuplicateJobException(deduplicate.key(), admission.existingId());
		}
		DispatchOptions.Throttle throttle = Objects.requireNonNull(options.throttle(), "a refusal needs a throttle");
		return new ThrottledException(jobId, throttle.key());
	}

	/**
	 * Pushes one item into its collect buffer.
	 * @param job the item as a job: its id, serialized item, time, version and attempts
	 * @param collect the task's collect configuration
	 * @param key the item's resolved buffer key
	 */
	public static CompletableFuture<CollectPushed> collect(Adapter adapter, String task, NewJob job, Collect<?> collect,
			String key) {
		long maxWait = (collect.maxWait() != null) ? collect.maxWait().toMillis() : 0;
		CollectPush push = new CollectPush(job.id(), job.data(), job.timestamp(), job.version(), job.maxAttempts(), key,
				collect.delay().toMillis(), collect.maxSize(), maxWait);
		return adapter.flow().collect(task, push);
	}

	/** {@code List<item>}: what a collect task's handler receives. */
	public static Type batchOf(Type item) {
		return new ListOf(item);
	}

	/** {@code java.util.List<E>} as a reflected type, for the serializer. */
	private record ListOf(Type element) implements ParameterizedType {

		@Override
		public Type[] getActualTypeArguments() {
			return new Type[] { this.element };
		}

		@Override
		public Type getRawType() {
			return List.class;
		}

		@Override
		public @Nullable Type getOwnerType() {
			return null;
		}

		@Override
		public String getTypeName() {
			return List.class.getName() + "<" + this.element.getTypeName() + ">";
		}

		@Override
		public boolean equals(@Nullable Object other) {
			return other instanceof ParameterizedType that && that.getOwnerType() == null
					&& List.class.equals(that.getRawType()) && that.getActualTypeArguments().length == 1
					&& this.element.equals(that.getActualTypeArguments()[0]);
		}

		@Override
		public int hashCode() {
			// as the JDK's ParameterizedType implementation computes it, so the two are interchangeable
			return Arrays.hashCode(getActualTypeArguments()) ^ List.class.hashCode();
		}

		@Override
		public String toString() {
			return getTypeName();
		}

	}

}
