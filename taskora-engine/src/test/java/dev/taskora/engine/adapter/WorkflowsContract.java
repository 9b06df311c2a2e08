package dev.taskora.engine.adapter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import dev.taskora.engine.JobState;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.engine.serialize.TypeRef;
import dev.taskora.engine.testing.VirtualClock;
import dev.taskora.engine.workflow.Signature;
import dev.taskora.engine.workflow.WorkflowEvent;
import dev.taskora.engine.workflow.WorkflowFailedException;
import dev.taskora.engine.workflow.WorkflowHandle;
import dev.taskora.engine.workflow.WorkflowInfo;
import dev.taskora.engine.workflow.WorkflowOptions;
import dev.taskora.engine.workflow.WorkflowState;
import dev.taskora.engine.workflow.Workflows;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import static dev.taskora.engine.workflow.Workflows.chain;
import static dev.taskora.engine.workflow.Workflows.chord;
import static dev.taskora.engine.workflow.Workflows.group;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Workflows on top of the {@link WorkflowStore} facet, the same on every adapter: chains,
 * groups, chords and their nesting, map and chunk, failure cascading through the normal
 * cancel path, cancel, TTL in virtual time, the inspector's view, and bad input refused
 * before anything is written.
 */
public abstract class WorkflowsContract extends AdapterContract {

	protected WorkflowsContract(AdapterFactory factory) {
		super(factory);
	}

	record Sum(int x, int y) {
	}

	private static Task<Sum, Integer> add(Taskora app) {
		return app.task(name(), Sum.class, Integer.class).handler((sum, ctx) -> sum.x() + sum.y());
	}

	private static Task<Integer, Integer> doubler(Taskora app) {
		return app.task(name(), Integer.class, Integer.class).handler((n, ctx) -> n * 2);
	}

	@SuppressWarnings("unchecked")
	private static Task<List<Integer>, Integer> total(Taskora app) {
		return app.task(name(), TypeRef.<List<Integer>>ofType(new TypeRef<List<Integer>>() {
		}.type()), TypeRef.of(Integer.class))
			.handler((values, ctx) -> values.stream().mapToInt(Integer::intValue).sum());
	}

	@Test
	void chainPassesEachStepsOutputToTheNext() {
		Taskora app = virtual(new VirtualClock());
		Task<Sum, Integer> add = add(app);
		Task<Integer, Integer> doubler = doubler(app);
		List<WorkflowEvent> events = Collections.synchronizedList(new ArrayList<>());
		app.workflows().on(events::add);

		WorkflowHandle<Integer> handle = chain(add.s(new Sum(3, 4)), doubler.s(), doubler.s()).dispatch();
		handle.awaitDispatched(WAIT);
		assertThat(handle.state()).isEqualTo(WorkflowState.RUNNING);
		processAll(app);

		assertThat(handle.await(WAIT)).isEqualTo(28);
		assertThat(handle.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(events).containsExactly(new WorkflowEvent.Completed(handle.id(), "28"));
		WorkflowHandle<Integer> piped = add.s(new Sum(1, 1)).pipe(doubler.s()).dispatch();
		processAll(app);
		assertThat(piped.await(WAIT)).isEqualTo(4);
	}

	@Test
	void chordOfChainsFansOutAndInAndTheInspectorShowsItsGraph() {
		Taskora app = virtual(new VirtualClock());
		Task<Sum, Integer> add = add(app);
		Task<Integer, Integer> doubler = doubler(app);
		Task<List<Integer>, Integer> total = total(app);

		WorkflowHandle<Integer> handle = chord(
				group(chain(add.s(new Sum(1, 2)), doubler.s()), chain(add.s(new Sum(10, 20)), doubler.s())), total.s())
			.dispatch();
		processAll(app);

		assertThat(handle.await(WAIT)).isEqualTo(66);
		WorkflowInfo info = app.workflows().find(handle.id()).orElseThrow();
		assertThat(info.state()).isEqualTo(WorkflowState.COMPLETED);
		assertThat(info.name()).isEqualTo("chord(chain(" + add.name() + " → " + doubler.name() + "), chain("
				+ add.name() + " → " + doubler.name() + ") → " + total.name() + ")");
		assertThat(info.nodes()).extracting(WorkflowInfo.Node::state).containsOnly("completed");
		assertThat(info.edges()).containsExactlyInAnyOrder(new WorkflowInfo.Edge(0, 1), new WorkflowInfo.Edge(2, 3),
				new WorkflowInfo.Edge(1, 4), new WorkflowInfo.Edge(3, 4));
		assertThat(info.terminal()).containsExactly(4);
		assertThat(app.inspect().find(total.name(), info.nodes().get(4).jobId()).orElseThrow().result()).isEqualTo(66);
		assertThat(app.workflows().list()).extracting(WorkflowInfo::id).contains(handle.id());
	}

	@Test
	void groupAsAChainStepFansTheInputOutToEveryMember() {
		Taskora app = virtual(new VirtualClock());
		Task<Sum, Integer> add = add(app);
		Task<Integer, Integer> doubler = doubler(app);
		Task<Integer, Integer> plusOne = app.task(name(), Integer.class, Integer.class).handler((n, ctx) -> n + 1);
		Task<List<Integer>, Integer> total = total(app);

		WorkflowHandle<Integer> handle = chain(add.s(new Sum(2, 3)), group(doubler.s(), plusOne.s()), total.s())
			.dispatch();
		processAll(app);

		assertThat(handle.await(WAIT)).isEqualTo(16);
	}

	@Test
	void mapOfAThousandItemsCompletesWithResultsInItemOrder() {
		Taskora app = virtual(new VirtualClock());
		Task<Integer, Integer> doubler = doubler(app);
		List<Integer> items = IntStream.range(0, 1_000).boxed().toList();

		WorkflowHandle<List<Integer>> handle = doubler.map(items);
		processAll(app);

		assertThat(handle.await(WAIT)).isEqualTo(items.stream().map(n -> n * 2).toList());
	}

	@Test
	void chunkRunsItsBatchesOneAfterTheOther() {
		Taskora app = virtual(new VirtualClock());
		AtomicInteger done = new AtomicInteger();
		List<String> violations = Collections.synchronizedList(new ArrayList<>());
		Task<Integer, Integer> square = app.task(name(), Integer.class, Integer.class).handler((n, ctx) -> {
			int batch = n / 50;
			if (done.get() < batch * 50) {
				violations.add("item " + n + " started with only " + done.get() + " items done");
			}
			done.incrementAndGet();
			return n * n;
		});
		List<Integer> items = IntStream.range(0, 300).boxed().toList();

		WorkflowHandle<List<Integer>> handle = square.chunk(items, 50);
		processAll(app);

		assertThat(handle.await(WAIT)).isEqualTo(items.stream().map(n -> n * n).toList());
		assertThat(violations).isEmpty();
	}

	@Test
	void aWorkflowWhoseResultIsKnownReadsCompletedWithEveryNodeDone() {
		Taskora app = live();
		Task<Sum, Integer> add = add(app);
		Task<Integer, Integer> doubler = doubler(app);
		app.start();

		for (int i = 0; i < 20; i++) {
			WorkflowHandle<Integer> handle = chain(add.s(new Sum(i, 1)), doubler.s(), doubler.s()).dispatch();

			assertThat(handle.await(WAIT)).isEqualTo((i + 1) * 4);
			WorkflowInfo info = handle.info();
			assertThat(info.state()).isEqualTo(WorkflowState.COMPLETED);
			assertThat(info.nodes()).extracting(WorkflowInfo.Node::state)
				.containsExactly("completed", "completed", "completed");
		}
	}

	@Test
	void chainsCompleteOnWorkersRunningManyOfTheirJobsAtOnce() {
		Taskora app = live();
		Task<Sum, Integer> add = app.task(name(), Sum.class, Integer.class)
			.concurrency(8)
			.handler((sum, ctx) -> sum.x() + sum.y());
		Task<Integer, Integer> doubler = app.task(name(), Integer.class, Integer.class)
			.concurrency(8)
			.handler((n, ctx) -> n * 2);
		app.start();

		List<WorkflowHandle<Integer>> handles = IntStream.range(0, 30)
			.mapToObj(i -> chain(add.s(new Sum(i, 1)), doubler.s(), doubler.s()).dispatch())
			.toList();

		for (int i = 0; i < handles.size(); i++) {
			assertThat(handles.get(i).await(WAIT)).isEqualTo((i + 1) * 4);
			assertThat(handles.get(i).state()).isEqualTo(WorkflowState.COMPLETED);
		}
	}

	@Test
	void aNodeFailingForGoodFailsTheWorkflowAndCancelsEveryOtherNodeRunningOnCancelOfTheActiveOne()
			throws InterruptedException {
		Taskora app = live();
		CountDownLatch blockerStarted = new CountDownLatch(1);
		CountDownLatch onCancelRan = new CountDownLatch(1);
		Task<Sum, Integer> add = add(app);
		Task<Integer, Integer> blocker = app.task(name(), Integer.class, Integer.class).onCancel((n, ctx) -> {
			onCancelRan.countDown();
		}).handler((n, ctx) -> {
			blockerStarted.countDown();
			Thread.sleep(30_000);
			return n;
		});
		Task<Integer, Integer> failer = app.task(name(), Integer.class, Integer.class).handler((n, ctx) -> {
			blockerStarted.await(10, TimeUnit.SECONDS);
			throw new IllegalStateException("card declined");
		});
		Task<List<Integer>, Integer> total = total(app);
		List<WorkflowEvent> events = Collections.synchronizedList(new ArrayList<>());
		app.workflows().on(events::add);
		app.start();

		WorkflowHandle<Integer> handle = chord(group(chain(add.s(new Sum(1, 1)), failer.s()),
				chain(add.s(new Sum(2, 2)), blocker.s(), add.s(new Sum(0, 0)))), total.s())
			.dispatch();

		assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOf(WorkflowFailedException.class)
			.hasMessageContaining("card declined");
		assertThat(onCancelRan.await(10, TimeUnit.SECONDS)).isTrue();
		WorkflowInfo info = handle.info();
		assertThat(info.state()).isEqualTo(WorkflowState.FAILED);
		assertThat(info.error()).isEqualTo("card declined");
		assertThat(info.nodes()).extracting(WorkflowInfo.Node::state)
			.containsExactly("completed", "failed", "completed", "cancelled", "cancelled", "cancelled");
		Awaitility.await()
			.atMost(WAIT)
			.until(() -> app.inspect()
				.find(blocker.name(), info.nodes().get(3).jobId())
				.map(JobSnapshot::state)
				.orElse(null), state -> state == JobState.CANCELLED);
		assertThat(app.inspect().find(add.name(), info.nodes().get(4).jobId()).map(JobSnapshot::state))
			.contains(JobState.CANCELLED);
		assertThat(app.inspect().find(total.name(), info.nodes().get(5).jobId()).map(JobSnapshot::state))
			.contains(JobState.CANCELLED);
		assertThat(events).contains(new WorkflowEvent.Failed(handle.id(), 1, failer.name(), "card declined"));
	}

	@Test
	void cancellingAWorkflowCancelsItsPendingNodes() {
		Taskora app = virtual(new VirtualClock());
		Task<Sum, Integer> add = add(app);
		Task<Integer, Integer> doubler = doubler(app);

		WorkflowHandle<Integer> handle = chain(add.s(new Sum(1, 2)), doubler.s()).dispatch();
		handle.awaitDispatched(WAIT);
		assertThat(handle.cancel("no longer needed")).isTrue();
		assertThat(handle.cancel("again")).isFalse();
		processAll(app);

		assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOfSatisfying(WorkflowFailedException.class,
				failed -> assertThat(failed.state()).isEqualTo(WorkflowState.CANCELLED));
		WorkflowInfo info = handle.info();
		assertThat(info.state()).isEqualTo(WorkflowState.CANCELLED);
		assertThat(info.error()).isEqualTo("no longer needed");
		assertThat(app.inspect().find(add.name(), info.nodes().get(0).jobId()).map(JobSnapshot::state))
			.contains(JobState.CANCELLED);
		assertThat(app.inspect().find(doubler.name(), info.nodes().get(1).jobId()).map(JobSnapshot::state))
			.contains(JobState.CANCELLED);
	}

	@Test
	void aWorkflowStillRunningAfterItsTtlIsCancelledInVirtualTime() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<Sum, Integer> add = add(app);
		Task<Integer, Integer> doubler = doubler(app);
		List<WorkflowEvent> events = Collections.synchronizedList(new ArrayList<>());
		app.workflows().on(events::add);

		WorkflowHandle<Integer> handle = chain(add.s(new Sum(1, 2)), doubler.s(), doubler.s())
			.dispatch(WorkflowOptions.ttl(Duration.ofMinutes(5)));
		handle.awaitDispatched(WAIT);
		clock.advance(Duration.ofMinutes(4));
		assertThat(handle.state()).isEqualTo(WorkflowState.RUNNING);
		clock.advance(Duration.ofMinutes(1));

		assertThat(handle.state()).isEqualTo(WorkflowState.CANCELLED);
		assertThat(handle.info().error()).isEqualTo("workflow timeout");
		assertThat(processAll(app)).isZero();
		assertThat(handle.info().nodes()).extracting(WorkflowInfo.Node::state).containsOnly("cancelled");
		assertThat(events).containsExactly(new WorkflowEvent.Cancelled(handle.id(), "workflow timeout"));
	}

	@Test
	void aNodeWhoseJobFinishedUnheardIsMovedOnByRecover() {
		Taskora app = virtual(new VirtualClock());
		Task<Sum, Integer> add = add(app);
		Task<Integer, Integer> doubler = doubler(app);
		WorkflowHandle<Integer> handle = chain(add.s(new Sum(1, 2)), doubler.s()).dispatch();
		handle.awaitDispatched(WAIT);
		// a worker that acked the first step and stopped before advancing the workflow
		Adapter adapter = adapter(app);
		ClaimedJob claimed = adapter.jobs().claim(add.name(), claimRequest(adapter, 30_000)).join();
		adapter.jobs()
			.ack(add.name(), new JobCompletion(claimed.id(), claimed.token(), "3", adapter.clock().millis()), null)
			.join();
		assertThat(processAll(app)).isZero();

		assertThat(app.workflows().recover()).isEqualTo(1);
		assertThat(app.workflows().recover()).isZero();
		processAll(app);

		assertThat(handle.await(WAIT)).isEqualTo(6);
	}

	@Test
	void badCompositionsAreRefusedBeforeAnythingIsWritten() {
		Taskora app = virtual(new VirtualClock());
		Task<Integer, Integer> doubler = doubler(app);

		assertThatThrownBy(() -> Workflows.chain(List.of())).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("at least one step");
		assertThatThrownBy(() -> Workflows.group(List.<Signature<Object, Integer>>of()))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("at least one member");
		assertThatThrownBy(() -> chain(doubler.s(), doubler.s()).dispatch())
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining(doubler.name())
			.hasMessageContaining("no bound input");
		assertThatThrownBy(() -> doubler.chunk(List.of(1, 2), 0)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("chunk size must be at least 1, was 0");
		assertThatThrownBy(() -> doubler.map(List.of())).isInstanceOf(IllegalArgumentException.class);
		Task<String, String> upper = app.task(name(), String.class, String.class).handler((s, ctx) -> s.toUpperCase());
		assertThatThrownBy(() -> Workflows.chain(List.of(doubler.s(1), upper.s())))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("takes java.lang.String");

		assertThat(app.workflows().list()).isEmpty();
		assertThat(processAll(app)).isZero();
	}

}
