package dev.taskora.engine;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.taskora.engine.adapter.Adapter;
import dev.taskora.engine.adapter.JobStore;
import dev.taskora.engine.adapter.memory.MemoryAdapter;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.event.WorkerEvent;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.retry.StallOptions;
import dev.taskora.engine.serialize.TypeRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskoraTests {

	private final MemoryAdapter adapter = MemoryAdapter.create();

	private final Taskora taskora = Taskora.builder().adapter(this.adapter).build();

	@AfterEach
	void close() {
		this.taskora.close();
	}

	@Test
	void rejectsABlankTaskName() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.taskora.task("  ", String.class, String.class))
			.withMessage("task name must not be blank");
	}

	@Test
	void rejectsATaskNameWithBracesNamingIt() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.taskora.task("a{b}", String.class, String.class))
			.withMessageContaining("'a{b}'");
	}

	@Test
	void rejectsADuplicateTaskNamingIt() {
		this.taskora.task("send", String.class, String.class).handler((s, ctx) -> s);
		assertThatIllegalStateException()
			.isThrownBy(() -> this.taskora.task("send", String.class, String.class).handler((s, ctx) -> s))
			.withMessage("Task 'send' is already defined");
	}

	@Test
	void rejectsNegativeOptionsNamingThem() {
		TaskBuilder<String, String> builder = this.taskora.task("t", String.class, String.class);
		assertThatIllegalArgumentException().isThrownBy(() -> builder.concurrency(-1))
			.withMessage("concurrency must be at least 1, was -1");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.timeout(Duration.ofSeconds(-3)))
			.withMessageContaining("timeout");
		assertThatIllegalArgumentException().isThrownBy(() -> builder.retry(Retry.fixed(-1, Duration.ZERO)))
			.withMessageContaining("attempts");
		assertThatIllegalArgumentException().isThrownBy(() -> new StallOptions(Duration.ofSeconds(1), -1))
			.withMessageContaining("maxCount");
	}

	@Test
	void aPayloadJacksonCannotSerializeThrowsAtOnceAndWritesNothing() {
		Task<Object, String> task = this.taskora.task("t", Object.class, String.class).handler((s, ctx) -> "x");
		assertThatThrownBy(() -> task.dispatch(new Object())).isInstanceOf(ValidationException.class)
			.hasMessageContaining("Payload of task 't'");
		assertThat(this.adapter.inspect().countByState("t").join().values()).allMatch(count -> count == 0);
	}

	@Test
	void oneBadPayloadInABulkDispatchWritesNoneOfThem() {
		Task<Object, String> task = this.taskora.task("t", Object.class, String.class).handler((s, ctx) -> "x");
		assertThatThrownBy(() -> task.dispatchMany(List.of("fine", new Object(), "fine too")))
			.isInstanceOf(ValidationException.class);
		assertThat(this.adapter.inspect().countByState("t").join().values()).allMatch(count -> count == 0);
	}

	@Test
	void aPayloadOfTheWrongTypeIsRejectedNamingBothTypes() {
		@SuppressWarnings({ "rawtypes", "unchecked" })
		Task<Object, String> task = (Task) this.taskora.task("t", Integer.class, String.class).handler((n, ctx) -> "x");
		assertThatThrownBy(() -> task.dispatch("not a number")).isInstanceOf(ValidationException.class)
			.hasMessageContaining("java.lang.Integer")
			.hasMessageContaining("java.lang.String");
	}

	@Test
	void aStoreThatThrowsFailsTheDispatchNotTheCallerWhetherTheAppIsConnectedOrStillConnecting() {
		IllegalStateException refused = new IllegalStateException("enqueue refused");
		CompletableFuture<Void> reachable = new CompletableFuture<>();
		JobStore jobs = forwarding(JobStore.class, this.adapter.jobs(), Map.of("enqueue", args -> {
			throw refused;
		}));
		Adapter refusing = forwarding(Adapter.class, this.adapter, Map.of("jobs", args -> jobs, "connect",
				args -> reachable.thenCompose(reached -> this.adapter.connect())));
		try (Taskora app = Taskora.builder().adapter(refusing).build()) {
			Task<String, String> task = app.task("remote", String.class, String.class).register();
			ResultHandle<String> whileConnecting = task.dispatch("a");
			reachable.complete(null);
			ResultHandle<String> connected = task.dispatch("b");
			assertThatThrownBy(() -> whileConnecting.enqueued().join()).hasCause(refused);
			assertThatThrownBy(() -> connected.enqueued().join()).hasCause(refused);
		}
		assertThat(this.adapter.inspect().countByState("remote").join().values()).allMatch(count -> count == 0);
	}

	/**
	 * {@code target} behind its interface, the methods named in {@code answers} answered
	 * there.
	 */
	private static <T> T forwarding(Class<T> type, T target, Map<String, Answer> answers) {
		return type
			.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type }, (proxy, method, args) -> {
				Answer answer = answers.get(method.getName());
				if (answer != null) {
					return answer.answer(args);
				}
				try {
					return method.invoke(target, args);
				}
				catch (InvocationTargetException ex) {
					throw ex.getCause();
				}
			}));
	}

	@FunctionalInterface
	private interface Answer {

		Object answer(Object[] args) throws Throwable;

	}

	@Test
	void aRegisteredTaskCanBeFoundByName() {
		Task<String, String> task = this.taskora.task("found", String.class, String.class).register();
		assertThat(this.taskora.findTask("found")).containsSame(task);
		assertThat(this.taskora.findTask("missing")).isEmpty();
		assertThat(this.taskora.tasks()).containsExactly(task);
	}

	@Test
	void workerEventsAnnounceStartAndClose() {
		List<WorkerEvent> events = new CopyOnWriteArrayList<>();
		this.taskora.on(EventType.WORKER_READY, events::add);
		this.taskora.on(EventType.WORKER_CLOSING, events::add);
		this.taskora.task("t", String.class, String.class).handler((s, ctx) -> s);
		this.taskora.start();
		assertThat(this.taskora.isRunning()).isTrue();
		this.taskora.close();
		assertThat(this.taskora.isRunning()).isFalse();
		assertThat(events).extracting(event -> event.getClass().getSimpleName())
			.containsExactly("WorkerReadyEvent", "WorkerClosingEvent");
	}

	@Test
	void appMiddlewareWrapsTaskMiddlewareWrapsTheHandler() {
		List<String> calls = new CopyOnWriteArrayList<>();
		this.taskora.use((ctx, next) -> {
			calls.add("app:before");
			next.proceed();
			calls.add("app:after " + ctx.result());
		});
		Task<String, String> task = this.taskora.task("mw", String.class, String.class).middleware((ctx, next) -> {
			ctx.data(ctx.data() + "-changed");
			next.proceed();
			ctx.result(ctx.result() + "!");
		}).handler((s, ctx) -> {
			calls.add("handler " + s);
			return s.toUpperCase();
		});
		this.taskora.start();
		assertThat(task.dispatch("in").await(Duration.ofSeconds(10))).isEqualTo("IN-CHANGED!");
		assertThat(calls).containsExactly("app:before", "handler in-changed", "app:after IN-CHANGED!");
	}

	@Test
	void aProducerOnlyAppDispatchesWithoutWorkers() {
		Task<String, String> task = this.taskora.task("remote", String.class, String.class).register();
		ResultHandle<String> handle = task.dispatch("x");
		assertThat(handle.enqueued().join()).isTrue();
		assertThat(handle.state()).isEqualTo(JobState.WAITING);
		assertThat(this.adapter.inspect().countByState("remote").join()).containsEntry(JobState.WAITING, 1L);
	}

	@Test
	void aJobOfAnotherProcessCanBeReadByIdAsPlainJson() {
		Task<Map<String, Object>, Map<String, Object>> task = this.taskora
			.task("json", new TypeRef<Map<String, Object>>() {
			}, new TypeRef<Map<String, Object>>() {
			})
			.handler((data, ctx) -> Map.of("echo", data));
		this.taskora.start();
		ResultHandle<Map<String, Object>> handle = task.dispatch(Map.of("a", 1));
		handle.await(Duration.ofSeconds(10));
		assertThat(this.taskora.job("json", handle.id()).await(Duration.ofSeconds(10)))
			.isEqualTo(Map.of("echo", Map.of("a", 1)));
	}

	@Test
	void stopHaltsWorkersButKeepsDispatchingAndStartResumesThem() {
		Task<String, String> task = this.taskora.task("pausable", String.class, String.class)
			.handler((s, ctx) -> s + "!");
		this.taskora.start();
		assertThat(task.dispatch("a").await(Duration.ofSeconds(10))).isEqualTo("a!");
		this.taskora.stop(Duration.ofSeconds(5));
		assertThat(this.taskora.isRunning()).isFalse();
		ResultHandle<String> queued = task.dispatch("b");
		assertThat(queued.enqueued().join()).isTrue();
		assertThat(queued.state()).isEqualTo(JobState.WAITING);
		this.taskora.start();
		assertThat(queued.await(Duration.ofSeconds(10))).isEqualTo("b!");
	}

	@Test
	void aPausedWorkerLeavesItsJobsWaitingWhileOtherTasksRunAndResumeRunsThem() {
		Task<String, String> paused = this.taskora.task("paused", String.class, String.class)
			.handler((s, ctx) -> s + "!");
		Task<String, String> other = this.taskora.task("other", String.class, String.class)
			.handler((s, ctx) -> s + "?");
		this.taskora.pauseWorker("paused");
		this.taskora.start();
		assertThat(this.taskora.isWorkerPaused("paused")).isTrue();
		ResultHandle<String> waiting = paused.dispatch("a");
		assertThat(other.dispatch("b").await(Duration.ofSeconds(10))).isEqualTo("b?");
		assertThat(waiting.enqueued().join()).isTrue();
		assertThat(waiting.state()).isEqualTo(JobState.WAITING);
		this.taskora.resumeWorker("paused");
		assertThat(this.taskora.isWorkerPaused("paused")).isFalse();
		assertThat(waiting.await(Duration.ofSeconds(10))).isEqualTo("a!");
		this.taskora.pauseWorker("paused", Duration.ofSeconds(5));
		ResultHandle<String> again = paused.dispatch("c");
		assertThat(other.dispatch("d").await(Duration.ofSeconds(10))).isEqualTo("d?");
		assertThat(again.state()).isEqualTo(JobState.WAITING);
		this.taskora.resumeWorker("paused");
		assertThat(again.await(Duration.ofSeconds(10))).isEqualTo("c!");
	}

	@Test
	void pausingATaskWithoutAHandlerNamesTheTasksThatHaveOne() {
		this.taskora.task("handled", String.class, String.class).handler((s, ctx) -> s);
		this.taskora.task("elsewhere", String.class, String.class).register();
		assertThatIllegalArgumentException().isThrownBy(() -> this.taskora.pauseWorker("elsewhere"))
			.withMessage("No task 'elsewhere' with a handler is registered; tasks with one: [handled]");
	}

}
