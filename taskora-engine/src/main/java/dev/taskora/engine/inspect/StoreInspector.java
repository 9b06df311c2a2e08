package dev.taskora.engine.inspect;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.adapter.InspectStore;
import dev.taskora.engine.adapter.JobRecord;
import dev.taskora.engine.internal.Futures;
import dev.taskora.engine.internal.TaskoraRuntime;

/** The {@link Inspector} over an app's adapter. */
final class StoreInspector implements Inspector {

	private final TaskoraRuntime runtime;

	private final Snapshots snapshots;

	StoreInspector(TaskoraRuntime runtime) {
		this.runtime = runtime;
		this.snapshots = new Snapshots(runtime.serializer());
	}

	@Override
	public Optional<JobSnapshot<Object, Object>> find(String jobId) {
		JobRecord record = Futures.join(read(store -> store.findJob(jobId, this.runtime.taskNames())));
		return Optional.ofNullable(record).map(this::lenient);
	}

	@Override
	public Optional<JobSnapshot<Object, Object>> find(String task, String jobId) {
		return Optional.ofNullable(Futures.join(read(store -> store.findJob(task, jobId)))).map(this::lenient);
	}

	@Override
	public <I, O> Optional<JobSnapshot<I, O>> find(Task<I, O> task, String jobId) {
		JobRecord record = Futures.join(read(store -> store.findJob(task.name(), jobId)));
		if (record == null) {
			return Optional.empty();
		}
		return Optional.of(this.snapshots.typed(record, logs(record), task.handlerInputType(),
				task.outputType().type()));
	}

	@Override
	public Map<JobState, Long> counts(String task) {
		Map<JobState, Long> counts = Futures.join(read(store -> store.countByState(task)));
		return Collections.unmodifiableMap(new EnumMap<>(counts));
	}

	@Override
	public Map<String, Map<JobState, Long>> counts() {
		return Futures.join(countsAsync());
	}

	@Override
	public CompletableFuture<Map<String, Map<JobState, Long>>> countsAsync() {
		return read(store -> store.countByState(this.runtime.taskNames())).thenApply(byTask -> {
			Map<String, Map<JobState, Long>> sorted = new TreeMap<>();
			byTask.forEach((task, counts) -> sorted.put(task, Collections.unmodifiableMap(new EnumMap<>(counts))));
			return Collections.unmodifiableMap(sorted);
		});
	}

	@Override
	public String adapterName() {
		return this.runtime.adapter().getClass().getSimpleName();
	}

	private JobSnapshot<Object, Object> lenient(JobRecord record) {
		Task<?, ?> task = this.runtime.task(record.task());
		return this.snapshots.lenient(record, logs(record), (task != null) ? task.handlerInputType() : null,
				(task != null) ? task.outputType().type() : null);
	}

	private List<String> logs(JobRecord record) {
		return Futures.join(read(store -> store.logs(record.task(), record.id())));
	}

	/** A read once the adapter is connected, so the first one fails as connecting would, not otherwise. */
	private <T> CompletableFuture<T> read(Function<InspectStore, CompletableFuture<T>> call) {
		return this.runtime.connected().thenCompose(connected -> call.apply(this.runtime.adapter().inspect()));
	}

	@Override
	public String toString() {
		return "Inspector[" + this.runtime.adapter() + "]";
	}

}
