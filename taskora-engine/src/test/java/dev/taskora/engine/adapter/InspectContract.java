package dev.taskora.engine.adapter;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.testing.VirtualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@link InspectStore} facet: one job, its state and log, counts per state for one task or
 * many at once, a job found by id among many tasks, and the next due time.
 */
public abstract class InspectContract extends AdapterContract {

	protected InspectContract(AdapterFactory factory) {
		super(factory);
	}

	@Test
	void countsJobsByState() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<Integer, Integer> task = app.task(name(), Integer.class, Integer.class).handler((n, ctx) -> {
			if (n < 0) {
				throw new IllegalArgumentException("negative");
			}
			return n;
		});
		task.dispatch(1).enqueued().join();
		task.dispatch(-1).enqueued().join();
		processAll(app);
		task.dispatch(2).enqueued().join();
		task.dispatch(3, DispatchOptions.delay(Duration.ofMinutes(1))).enqueued().join();
		Map<JobState, Long> counts = adapter(app).inspect().countByState(task.name()).join();
		assertThat(counts).containsEntry(JobState.WAITING, 1L)
			.containsEntry(JobState.DELAYED, 1L)
			.containsEntry(JobState.COMPLETED, 1L)
			.containsEntry(JobState.FAILED, 1L)
			.containsEntry(JobState.ACTIVE, 0L)
			.containsKeys(JobState.values());
	}

	@Test
	void countsSeveralTasksInOneCallWithEveryStatePresent() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> first = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
		Task<String, String> second = app.task(name(), String.class, String.class).register();
		first.dispatch("a").enqueued().join();
		processAll(app);
		second.dispatch("b").enqueued().join();
		second.dispatch("c", DispatchOptions.priority(5)).enqueued().join();
		String unknown = name();

		Map<String, Map<JobState, Long>> counts = adapter(app).inspect()
			.countByState(List.of(first.name(), second.name(), unknown))
			.join();

		assertThat(counts).containsOnlyKeys(first.name(), second.name(), unknown);
		assertThat(counts.get(first.name())).containsEntry(JobState.COMPLETED, 1L).containsEntry(JobState.WAITING, 0L);
		assertThat(counts.get(second.name())).containsEntry(JobState.WAITING, 2L);
		assertThat(counts.get(unknown)).containsKeys(JobState.values()).allSatisfy((state, count) -> assertThat(count).isZero());
		assertThat(adapter(app).inspect().countByState(List.of()).join()).isEmpty();
	}

	@Test
	void findsAJobByIdAmongSeveralTasksInOneCall() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> first = app.task(name(), String.class, String.class).register();
		Task<String, String> second = app.task(name(), String.class, String.class).register();
		ResultHandle<String> handle = second.dispatch("find me");
		handle.enqueued().join();

		JobRecord record = adapter(app).inspect().findJob(handle.id(), List.of(first.name(), second.name())).join();

		assertThat(record).isNotNull();
		assertThat(record.task()).isEqualTo(second.name());
		assertThat(record.id()).isEqualTo(handle.id());
		assertThat(record.state()).isEqualTo(JobState.WAITING);
		assertThat(record.data()).isEqualTo("\"find me\"");
		assertThat(adapter(app).inspect().findJob(handle.id(), List.of(first.name())).join()).isNull();
		assertThat(adapter(app).inspect().findJob(handle.id(), List.of()).join()).isNull();
	}

	@Test
	void anUnknownJobHasNoRecordNoStateAndNoLog() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).register();
		task.dispatch("x").enqueued().join();
		InspectStore inspect = adapter(app).inspect();
		assertThat(inspect.findJob(task.name(), "missing").join()).isNull();
		assertThat(inspect.state(task.name(), "missing").join()).isNull();
		assertThat(inspect.logs(task.name(), "missing").join()).isEmpty();
		assertThat(inspect.nextDelayedAt(task.name()).join()).isNull();
	}

	@Test
	void tellsWhenTheEarliestDelayedJobIsDue() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).register();
		long now = clock.millis();
		task.dispatch("later", DispatchOptions.delay(Duration.ofMinutes(5))).enqueued().join();
		task.dispatch("sooner", DispatchOptions.delay(Duration.ofSeconds(30))).enqueued().join();
		assertThat(adapter(app).inspect().nextDelayedAt(task.name()).join()).isEqualTo(now + 30_000);
	}

}
