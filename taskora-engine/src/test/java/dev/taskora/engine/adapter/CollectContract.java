package dev.taskora.engine.adapter;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.flow.Collect;
import dev.taskora.engine.flow.CollectInfo;
import dev.taskora.engine.flow.Throttle;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.testing.VirtualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Collect tasks through the {@link FlowStore} facet: single dispatches buffered per key
 * and handed to the handler as one list when the buffer is full, quiet for its delay, or
 * at its maxWait; the claim drains the buffer into the job, so an item is either buffered
 * or in exactly one batch.
 */
public abstract class CollectContract extends AdapterContract {

	protected CollectContract(AdapterFactory factory) {
		super(factory);
	}

	record Row(String region, int n) {
	}

	/**
	 * A collect task recording every batch its handler ran with; returns the batch size.
	 */
	static Task<Row, Integer> batching(Taskora app, Collect<? super Row> collect, List<List<Row>> batches) {
		return app.task(name(), Row.class, Integer.class).collect(collect).handler((rows, ctx) -> {
			batches.add(List.copyOf(rows));
			return rows.size();
		});
	}

	static Row row(int n) {
		return new Row("eu", n);
	}

	static void dispatch(Task<Row, Integer> task, Row... rows) {
		for (Row row : rows) {
			task.dispatch(row).awaitEnqueued(WAIT);
		}
	}

	@Test
	void aFullBufferRunsAtOnceAsOneBatchInDispatchOrder() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		List<List<Row>> batches = new CopyOnWriteArrayList<>();
		Task<Row, Integer> task = batching(app, Collect.byKey("db", Duration.ofMinutes(1)).maxSize(3), batches);
		dispatch(task, row(1), row(2));
		assertThat(processAll(app)).as("two of three").isZero();
		dispatch(task, row(3), row(4));
		assertThat(processAll(app)).isOne();
		assertThat(batches).containsExactly(List.of(row(1), row(2), row(3)));
		assertThat(task.peekCollect("db")).containsExactly(row(4));
	}

	@Test
	void theDelayRunsFromTheNewestItem() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		List<List<Row>> batches = new CopyOnWriteArrayList<>();
		Task<Row, Integer> task = batching(app, Collect.byKey("db", Duration.ofSeconds(2)), batches);
		dispatch(task, row(1));
		clock.advance(Duration.ofMillis(1500));
		dispatch(task, row(2));
		clock.advance(Duration.ofMillis(1999));
		assertThat(processAll(app)).as("each item restarts the delay").isZero();
		clock.advance(Duration.ofMillis(1));
		assertThat(processAll(app)).isOne();
		assertThat(batches).containsExactly(List.of(row(1), row(2)));
	}

	@Test
	void maxWaitCapsTheWaitFromTheOldestItem() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		List<List<Row>> batches = new CopyOnWriteArrayList<>();
		Task<Row, Integer> task = batching(app,
				Collect.byKey("db", Duration.ofSeconds(2)).maxWait(Duration.ofSeconds(5)), batches);
		for (int n = 1; n <= 4; n++) {
			dispatch(task, row(n));
			clock.advance(Duration.ofMillis(1500));
		}
		// 6 s after the first item, though the newest came 1.5 s ago
		assertThat(processAll(app)).isOne();
		assertThat(batches).containsExactly(List.of(row(1), row(2), row(3), row(4)));
	}

	@Test
	void aDerivedKeyBuffersEachKeyApart() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		List<List<Row>> batches = new CopyOnWriteArrayList<>();
		Task<Row, Integer> task = batching(app,
				Collect.<Row>by(row -> "region:" + row.region(), Duration.ofMinutes(1)).maxSize(2), batches);
		dispatch(task, new Row("eu", 1), new Row("us", 2), new Row("eu", 3));
		processAll(app);
		assertThat(batches).containsExactly(List.of(new Row("eu", 1), new Row("eu", 3)));
		assertThat(task.peekCollect("region:us")).containsExactly(new Row("us", 2));
		assertThat(task.peekCollect("region:eu")).isEmpty();
	}

	@Test
	void aLiveWorkerHandsTheBatchToTheHandlerAsAListAndStoresItsResult() {
		Taskora app = live();
		List<List<Row>> batches = new CopyOnWriteArrayList<>();
		Task<Row, Integer> task = batching(app, Collect.byKey("db", Duration.ofMinutes(1)).maxSize(3), batches);
		app.start();
		dispatch(task, row(1), row(2), row(3));
		await().atMost(WAIT).until(() -> !batches.isEmpty());
		assertThat(batches).containsExactly(List.of(row(1), row(2), row(3)));
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(adapter(app).inspect().countByState(task.name()).join())
				.containsEntry(JobState.COMPLETED, 1L));
	}

	@Test
	void aFailedBatchIsRetriedWholeAndNoItemIsLostOrRunTwice() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		List<List<Row>> attempts = new CopyOnWriteArrayList<>();
		List<List<Row>> succeeded = new CopyOnWriteArrayList<>();
		Task<Row, Integer> task = app.task(name(), Row.class, Integer.class)
			.retry(Retry.fixed(2, Duration.ofSeconds(1)).jitter(false))
			.collect(Collect.byKey("db", Duration.ofMinutes(1)).maxSize(2))
			.handler((rows, ctx) -> {
				attempts.add(List.copyOf(rows));
				if (ctx.attempt() == 1 && rows.contains(row(1))) {
					throw new IllegalStateException("database down");
				}
				succeeded.add(List.copyOf(rows));
				return rows.size();
			});
		dispatch(task, row(1), row(2));
		processAll(app);
		dispatch(task, row(3), row(4));
		clock.advance(Duration.ofSeconds(1));
		processAll(app);

		assertThat(attempts).containsExactlyInAnyOrder(List.of(row(1), row(2)), List.of(row(1), row(2)),
				List.of(row(3), row(4)));
		assertThat(succeeded.stream().flatMap(List::stream).toList()).containsExactlyInAnyOrder(row(1), row(2), row(3),
				row(4));
	}

	@Test
	void aKeyThatCannotBeDerivedFailsThatDispatchAndStoresNothing() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Function<Row, String> blankForUs = row -> row.region().equals("us") ? " " : row.region();
		Task<Row, Integer> task = batching(app, Collect.by(blankForUs, Duration.ofSeconds(1)), new ArrayList<>());
		assertThatThrownBy(() -> task.dispatch(new Row("us", 1))).isInstanceOf(ValidationException.class)
			.hasMessageContaining(task.name())
			.hasMessageContaining("collect key");
		assertThat(task.peekCollect("us")).isEmpty();
		assertThat(task.inspectCollect("us")).isEmpty();
	}

	@Test
	void dispatchOptionsDoNotApplyToAnItem() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<Row, Integer> task = batching(app, Collect.byKey("db", Duration.ofSeconds(1)), new ArrayList<>());
		DispatchOptions throttled = DispatchOptions.builder()
			.throttle(new Throttle("k", 1, Duration.ofSeconds(1)))
			.build();
		assertThatIllegalArgumentException().isThrownBy(() -> task.dispatch(row(1), throttled))
			.withMessageContaining(task.name())
			.withMessageContaining("collects")
			.withMessageContaining("throttle");
		assertThatIllegalArgumentException().isThrownBy(() -> task.dispatch(row(1), DispatchOptions.priority(5)))
			.withMessageContaining("priority=5");
		assertThat(task.inspectCollect("db")).isEmpty();
	}

	@Test
	void anItemHasNoResultOfItsOwn() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<Row, Integer> task = batching(app, Collect.byKey("db", Duration.ofSeconds(1)), new ArrayList<>());
		ResultHandle<Integer> handle = task.dispatch(row(1)).awaitEnqueued(WAIT);
		assertThat(handle.enqueued().join()).isTrue();
		assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOf(UnsupportedOperationException.class)
			.hasMessageContaining("batches");
	}

	@Test
	void peekAndInspectReadTheBufferWithoutMovingItsFlush() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		List<List<Row>> batches = new CopyOnWriteArrayList<>();
		Task<Row, Integer> task = batching(app, Collect.byKey("chat:7", Duration.ofSeconds(5)), batches);
		assertThat(task.peekCollect("chat:7")).isEmpty();
		assertThat(task.inspectCollect("chat:7")).isEmpty();
		Instant oldest = clock.instant();
		dispatch(task, row(1));
		clock.advance(Duration.ofSeconds(1));
		dispatch(task, row(2));
		clock.advance(Duration.ofSeconds(1));
		Instant newest = clock.instant();
		dispatch(task, row(3));

		assertThat(task.peekCollect("chat:7")).containsExactly(row(1), row(2), row(3));
		assertThat(task.peekCollect("chat:7")).as("peeking takes nothing").hasSize(3);
		assertThat(task.inspectCollect("chat:7")).contains(new CollectInfo(3, oldest, newest));
		clock.advance(Duration.ofSeconds(5));
		assertThat(processAll(app)).isOne();
		assertThat(batches).containsExactly(List.of(row(1), row(2), row(3)));
		assertThat(task.peekCollect("chat:7")).as("drained by the claim").isEmpty();
		assertThat(task.inspectCollect("chat:7")).isEmpty();
	}

	@Test
	void peekAndInspectThrowOnATaskThatDoesNotCollect() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<Row, Integer> plain = app.task(name(), Row.class, Integer.class).handler((row, ctx) -> row.n());
		assertThatIllegalStateException().isThrownBy(() -> plain.peekCollect("db"))
			.withMessageContaining(plain.name())
			.withMessageContaining("does not collect");
		assertThatIllegalStateException().isThrownBy(() -> plain.inspectCollect("db"))
			.withMessageContaining("inspectCollect");
	}

	@Test
	void aProducerOnlyTaskBuffersForAWorkerElsewhere() {
		Taskora producer = live();
		Task<Row, Integer> buffering = producer.task("collect-" + name(), Row.class, Integer.class)
			.collect(Collect.byKey("db", Duration.ofMillis(200)))
			.register();
		dispatch(buffering, row(1), row(2));
		assertThat(buffering.inspectCollect("db")).map(CollectInfo::count).isEqualTo(Optional.of(2L));

		Taskora worker = liveSharingStoreWith(producer);
		List<List<Row>> batches = new CopyOnWriteArrayList<>();
		worker.task(buffering.name(), Row.class, Integer.class)
			.collect(Collect.byKey("db", Duration.ofMillis(200)))
			.handler((rows, ctx) -> {
				batches.add(List.copyOf(rows));
				return rows.size();
			});
		worker.start();
		await().atMost(WAIT).until(() -> !batches.isEmpty());
		assertThat(batches).containsExactly(List.of(row(1), row(2)));
		assertThat(buffering.inspectCollect("db")).isEmpty();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(adapter(producer).inspect().countByState(buffering.name()).join())
				.containsEntry(JobState.COMPLETED, 1L));
	}

}
