package dev.taskora.engine.adapter;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.DispatchRequest;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.flow.Debounce;
import dev.taskora.engine.flow.Deduplicate;
import dev.taskora.engine.flow.DuplicateJobException;
import dev.taskora.engine.flow.Throttle;
import dev.taskora.engine.flow.ThrottledException;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.testing.VirtualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The {@link FlowStore} facet's dispatches: debounce (the last dispatch of a window runs,
 * with its payload), throttle (at most max per window), deduplicate (one job per key
 * while it is in the blocking states) and how a refusal is reported, with or without
 * {@code throwOnReject}.
 */
public abstract class FlowDispatchContract extends AdapterContract {

	protected FlowDispatchContract(AdapterFactory factory) {
		super(factory);
	}

	static DispatchOptions debounce(String key, Duration delay) {
		return DispatchOptions.builder().debounce(new Debounce(key, delay)).build();
	}

	static DispatchOptions throttle(String key, int max, Duration window) {
		return DispatchOptions.builder().throttle(new Throttle(key, max, window)).build();
	}

	static DispatchOptions dedup(String key, JobState... whileIn) {
		return DispatchOptions.builder().deduplicate(new Deduplicate(key, List.of(whileIn))).build();
	}

	/** A task recording every payload its handler ran with. */
	static Task<String, String> recording(Taskora app, List<String> ran) {
		return app.task(name(), String.class, String.class).handler((s, ctx) -> {
			ran.add(s);
			return s;
		});
	}

	@Test
	void flowControlledDispatchesCarryTheirHeadersToTheHandler() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		List<String> ran = new CopyOnWriteArrayList<>();
		Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> {
			ran.add(s + ":" + ctx.headers().get("traceparent"));
			return s;
		});
		task.dispatch("debounced", debounce("d", Duration.ofSeconds(1)).toBuilder().header("traceparent", "t1").build())
			.awaitEnqueued(WAIT);
		task.dispatch("throttled",
				throttle("t", 5, Duration.ofMinutes(1)).toBuilder().header("traceparent", "t2").build())
			.awaitEnqueued(WAIT);
		task.dispatch("deduplicated", dedup("u", JobState.WAITING).toBuilder().header("traceparent", "t3").build())
			.awaitEnqueued(WAIT);
		clock.advance(Duration.ofSeconds(1));

		assertThat(processAll(app)).isEqualTo(3);
		assertThat(ran).containsExactlyInAnyOrder("debounced:t1", "throttled:t2", "deduplicated:t3");
	}

	// ---- debounce

	@Test
	void debounceRunsOnlyTheLastDispatchOfTheWindowWithItsPayload() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		List<String> ran = new CopyOnWriteArrayList<>();
		Task<String, String> task = recording(app, ran);
		DispatchOptions options = debounce("doc-1", Duration.ofSeconds(2));
		ResultHandle<String> first = task.dispatch("v1", options).awaitEnqueued(WAIT);
		clock.advance(Duration.ofSeconds(1));
		ResultHandle<String> second = task.dispatch("v2", options).awaitEnqueued(WAIT);
		clock.advance(Duration.ofSeconds(1));
		ResultHandle<String> last = task.dispatch("v3", options).awaitEnqueued(WAIT);

		assertThat(first.state()).as("replaced").isNull();
		assertThat(second.state()).as("replaced").isNull();
		assertThat(last.state()).isEqualTo(JobState.DELAYED);
		clock.advance(Duration.ofMillis(1999));
		assertThat(processAll(app)).as("the window restarted with the last dispatch").isZero();
		clock.advance(Duration.ofMillis(1));
		assertThat(processAll(app)).isOne();
		assertThat(ran).containsExactly("v3");
		assertThat(last.state()).isEqualTo(JobState.COMPLETED);
	}

	@Test
	void debounceKeysAreIndependentAndADispatchAfterTheWindowStartsANewJob() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		List<String> ran = new CopyOnWriteArrayList<>();
		Task<String, String> task = recording(app, ran);
		task.dispatch("a1", debounce("a", Duration.ofSeconds(1))).awaitEnqueued(WAIT);
		task.dispatch("b1", debounce("b", Duration.ofSeconds(1))).awaitEnqueued(WAIT);
		clock.advance(Duration.ofSeconds(1));
		assertThat(processAll(app)).isEqualTo(2);
		task.dispatch("a2", debounce("a", Duration.ofSeconds(1))).awaitEnqueued(WAIT);
		clock.advance(Duration.ofSeconds(1));
		processAll(app);
		assertThat(ran).containsExactlyInAnyOrder("a1", "b1", "a2");
	}

	@Test
	void aDebouncedJobThatAlreadyStartedIsNotReplaced() throws Exception {
		Taskora app = live();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		List<String> ran = new CopyOnWriteArrayList<>();
		Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> {
			ran.add(s);
			started.countDown();
			release.await();
			return s;
		});
		app.start();
		ResultHandle<String> running = task.dispatch("first", debounce("k", Duration.ofMillis(50)));
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		ResultHandle<String> next = task.dispatch("second", debounce("k", Duration.ofMillis(50)));
		next.awaitEnqueued(WAIT);
		release.countDown();
		assertThat(running.await(WAIT)).isEqualTo("first");
		assertThat(next.await(WAIT)).isEqualTo("second");
		assertThat(ran).containsExactly("first", "second");
	}

	@Test
	void theReplacedJobIsAnnouncedWithItsReplacementAndItsResultFails() {
		Taskora app = live();
		Adapter adapter = adapter(app);
		Task<String, String> echo = app.task(name(), String.class, String.class).register();
		app.connect();
		List<AdapterEvent> events = new CopyOnWriteArrayList<>();
		try (EventSubscription subscription = adapter.events().subscribe(events::add)) {
			subscription.watch(echo.name()).join();
			ResultHandle<String> replaced = echo.dispatch("old", debounce("k", Duration.ofMinutes(1)));
			replaced.awaitEnqueued(WAIT).result();
			ResultHandle<String> replacement = echo.dispatch("new", debounce("k", Duration.ofMinutes(1)));
			replacement.awaitEnqueued(WAIT);

			await().atMost(WAIT).untilAsserted(() -> assertThat(events).anySatisfy(event -> {
				assertThat(event.type()).isEqualTo(WireEvent.DEBOUNCED);
				assertThat(event.jobId()).isEqualTo(replaced.id());
				assertThat(event.field("replacedBy")).isEqualTo(replacement.id());
			}));
			// the debounced event ends a wait that began before it; one that read the
			// store after it finds the job gone
			assertThatThrownBy(() -> replaced.await(WAIT)).isInstanceOf(JobFailedException.class)
				.hasMessageContaining(replaced.id())
				.satisfiesAnyOf(ex -> assertThat(ex).hasMessageContaining("replaced by job " + replacement.id()),
						ex -> assertThat(ex).hasMessageContaining("does not exist"));
			assertThat(replacement.state()).isEqualTo(JobState.DELAYED);
		}
	}

	// ---- throttle

	@Test
	void throttleAdmitsMaxDispatchesPerWindowAndRefusesTheRestStoringNothing() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		List<String> ran = new CopyOnWriteArrayList<>();
		Task<String, String> task = recording(app, ran);
		List<ResultHandle<String>> handles = List.of("1", "2", "3", "4", "5")
			.stream()
			.map(data -> task.dispatch(data, throttle("stripe-api", 3, Duration.ofMinutes(1))).awaitEnqueued(WAIT))
			.toList();

		assertThat(handles).extracting(handle -> handle.enqueued().join())
			.containsExactly(true, true, true, false, false);
		ResultHandle<String> refused = handles.get(3);
		assertThat(refused.state()).as("nothing stored").isNull();
		assertThat(refused.existingId()).isNull();
		assertThatThrownBy(() -> refused.await(WAIT)).isInstanceOf(ThrottledException.class)
			.hasMessageContaining("stripe-api");
		assertThat(processAll(app)).isEqualTo(3);
		assertThat(ran).containsExactlyInAnyOrder("1", "2", "3");
		assertThat(adapter(app).inspect().countByState(task.name()).join()).containsEntry(JobState.COMPLETED, 3L)
			.containsEntry(JobState.WAITING, 0L);
	}

	@Test
	void aNewThrottleWindowAdmitsAgain() {
		// the window is the store's own expiry (PX on Redis), so this one runs on the
		// real clock
		Taskora app = live();
		Task<String, String> task = app.task(name(), String.class, String.class).register();
		DispatchOptions options = throttle("k", 1, Duration.ofMillis(300));
		assertThat(task.dispatch("a", options).awaitEnqueued(WAIT).enqueued().join()).isTrue();
		assertThat(task.dispatch("b", options).awaitEnqueued(WAIT).enqueued().join()).isFalse();
		await().atMost(WAIT).until(() -> task.dispatch("c", options).awaitEnqueued(WAIT).enqueued().join());
	}

	@Test
	void throttleKeysAreCountedApartAndAnAdmittedJobKeepsItsDelayPriorityAndTtl() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).register();
		assertThat(task.dispatch("a", throttle("a", 1, Duration.ofMinutes(1))).awaitEnqueued(WAIT).enqueued().join())
			.isTrue();
		ResultHandle<String> other = task
			.dispatch("b",
					DispatchOptions.builder()
						.throttle(new Throttle("b", 1, Duration.ofMinutes(1)))
						.delay(Duration.ofSeconds(5))
						.priority(3)
						.ttl(Duration.ofMinutes(10))
						.build())
			.awaitEnqueued(WAIT);
		assertThat(other.enqueued().join()).isTrue();
		assertThat(other.state()).isEqualTo(JobState.DELAYED);
		JobRecord record = adapter(app).inspect().findJob(task.name(), other.id()).join();
		assertThat(record.delayMs()).isEqualTo(5_000);
		assertThat(record.priority()).isEqualTo(3);
		assertThat(record.expireAt()).isEqualTo(record.timestamp() + 600_000);
	}

	// ---- deduplicate

	@Test
	void aDuplicateIsRefusedWithTheExistingJobsIdUntilThatJobCompletes() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		List<String> ran = new CopyOnWriteArrayList<>();
		Task<String, String> task = recording(app, ran);
		ResultHandle<String> first = task.dispatch("report", dedup("report:42")).awaitEnqueued(WAIT);
		ResultHandle<String> duplicate = task.dispatch("report again", dedup("report:42")).awaitEnqueued(WAIT);

		assertThat(first.enqueued().join()).isTrue();
		assertThat(duplicate.enqueued().join()).isFalse();
		assertThat(duplicate.existingId()).isEqualTo(first.id());
		assertThat(duplicate.state()).isNull();
		assertThatThrownBy(() -> duplicate.await(WAIT)).isInstanceOfSatisfying(DuplicateJobException.class,
				ex -> assertThat(ex.existingId()).isEqualTo(first.id()));
		assertThat(processAll(app)).isOne();
		assertThat(ran).containsExactly("report");

		ResultHandle<String> after = task.dispatch("next report", dedup("report:42")).awaitEnqueued(WAIT);
		assertThat(after.enqueued().join()).as("the key was released on completion").isTrue();
	}

	@Test
	void anActiveHolderBlocksADuplicateByDefault() throws Exception {
		Taskora app = live();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> {
			started.countDown();
			release.await();
			return s;
		});
		app.start();
		ResultHandle<String> running = task.dispatch("a", dedup("k"));
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		ResultHandle<String> duplicate = task.dispatch("b", dedup("k")).awaitEnqueued(WAIT);
		assertThat(duplicate.enqueued().join()).isFalse();
		assertThat(duplicate.existingId()).isEqualTo(running.id());
		release.countDown();
		assertThat(running.await(WAIT)).isEqualTo("a");
		assertThat(task.dispatch("c", dedup("k")).await(WAIT)).isEqualTo("c");
	}

	@Test
	void onlyTheListedStatesBlockADuplicate() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).register();
		ResultHandle<String> delayed = task
			.dispatch("a",
					DispatchOptions.builder()
						.deduplicate(new Deduplicate("k", List.of(JobState.WAITING)))
						.delay(Duration.ofMinutes(1))
						.build())
			.awaitEnqueued(WAIT);
		ResultHandle<String> admitted = task.dispatch("b", dedup("k", JobState.WAITING)).awaitEnqueued(WAIT);
		assertThat(admitted.enqueued().join()).as("a delayed holder does not block while: [waiting]").isTrue();
		ResultHandle<String> refused = task.dispatch("c", dedup("k", JobState.WAITING)).awaitEnqueued(WAIT);
		assertThat(refused.existingId()).isEqualTo(admitted.id());
		assertThat(delayed.state()).isEqualTo(JobState.DELAYED);
	}

	@Test
	void theDedupKeyIsReleasedWhenItsHolderFailsOrIsCancelledAndNotWhileItRetries() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class)
			.retry(Retry.fixed(2, Duration.ofSeconds(10)).jitter(false))
			.handler((s, ctx) -> {
				throw new IllegalStateException("down");
			});
		ResultHandle<String> failing = task.dispatch("a", dedup("k")).awaitEnqueued(WAIT);
		processAll(app);
		assertThat(failing.state()).isEqualTo(JobState.RETRYING);
		ResultHandle<String> whileRetrying = task.dispatch("b", dedup("k")).awaitEnqueued(WAIT);
		assertThat(whileRetrying.enqueued().join()).as("retrying is not among the default states").isTrue();

		ResultHandle<String> cancelled = task.dispatch("c", dedup("other")).awaitEnqueued(WAIT);
		assertThat(task.dispatch("d", dedup("other")).awaitEnqueued(WAIT).enqueued().join()).isFalse();
		cancelled.cancel("not needed");
		assertThat(task.dispatch("e", dedup("other")).awaitEnqueued(WAIT).enqueued().join()).isTrue();

		String failed = task.dispatch("f", dedup("third")).awaitEnqueued(WAIT).id();
		processAll(app);
		clock.advance(Duration.ofSeconds(10));
		processAll(app);
		assertThat(task.handle(failed).state()).isEqualTo(JobState.FAILED);
		assertThat(task.dispatch("g", dedup("third")).awaitEnqueued(WAIT).enqueued().join()).isTrue();
	}

	@Test
	void anExpiredHolderNoLongerBlocksADuplicate() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).handler((s, ctx) -> s);
		ResultHandle<String> stale = task
			.dispatch("a",
					DispatchOptions.builder().deduplicate(new Deduplicate("k")).ttl(Duration.ofSeconds(1)).build())
			.awaitEnqueued(WAIT);
		clock.advance(Duration.ofSeconds(1));
		processAll(app);
		assertThat(stale.state()).isEqualTo(JobState.EXPIRED);
		ResultHandle<String> next = task.dispatch("b", dedup("k")).awaitEnqueued(WAIT);
		assertThat(next.enqueued().join()).as("an expired holder is in no blocking state").isTrue();
	}

	// ---- refusals

	@Test
	void throwOnRejectFailsTheDispatchWithTheReason() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		Task<String, String> task = app.task(name(), String.class, String.class).register();
		DispatchOptions throttled = DispatchOptions.builder()
			.throttle(new Throttle("emails", 1, Duration.ofHours(1)))
			.throwOnReject(true)
			.build();
		task.dispatch("a", throttled).awaitEnqueued(WAIT);
		ResultHandle<String> refused = task.dispatch("b", throttled);
		assertThatThrownBy(() -> refused.awaitEnqueued(WAIT)).isInstanceOfSatisfying(ThrottledException.class, ex -> {
			assertThat(ex.key()).isEqualTo("emails");
			assertThat(ex.jobId()).isEqualTo(refused.id());
		});
		assertThat(refused.enqueued()).isCompletedExceptionally();

		DispatchOptions deduplicated = DispatchOptions.builder()
			.deduplicate(new Deduplicate("report:7"))
			.throwOnReject(true)
			.build();
		String holder = task.dispatch("c", deduplicated).awaitEnqueued(WAIT).id();
		assertThatThrownBy(() -> task.dispatch("d", deduplicated).awaitEnqueued(WAIT))
			.isInstanceOfSatisfying(DuplicateJobException.class, ex -> {
				assertThat(ex.key()).isEqualTo("report:7");
				assertThat(ex.existingId()).isEqualTo(holder);
			});
	}

	@Test
	void aBulkDispatchAppliesEachRequestsOption() {
		VirtualClock clock = new VirtualClock();
		Taskora app = virtual(clock);
		List<String> ran = new CopyOnWriteArrayList<>();
		Task<String, String> task = recording(app, ran);
		DispatchOptions once = throttle("bulk", 1, Duration.ofMinutes(1));
		List<ResultHandle<String>> handles = task.dispatchAll(List.of(DispatchRequest.of("plain"),
				DispatchRequest.of("first", once), DispatchRequest.of("second", once)));
		assertThat(handles).extracting(handle -> handle.awaitEnqueued(WAIT).enqueued().join())
			.containsExactly(true, true, false);
		processAll(app);
		assertThat(ran).containsExactlyInAnyOrder("plain", "first");
	}

	@Test
	void theStoreRejectsBadArgumentsNamingThem() {
		Adapter adapter = createAdapter();
		adapter.connect().join();
		try {
			NewJob job = NewJob.of(UUID.randomUUID().toString(), "1", System.currentTimeMillis(), 1, 0, 1, 1_000);
			assertThatIllegalArgumentException().isThrownBy(() -> adapter.flow().debounce("t", job, " "))
				.withMessageContaining("key");
			assertThatIllegalArgumentException().isThrownBy(() -> adapter.flow().throttle("t", job, "k", 0, 1_000))
				.withMessageContaining("max");
			NewJob undelayed = NewJob.of(UUID.randomUUID().toString(), "1", System.currentTimeMillis(), 1, 0, 1, 0);
			assertThatIllegalArgumentException().isThrownBy(() -> adapter.flow().debounce("t", undelayed, "k"))
				.withMessageContaining("delay");
		}
		finally {
			adapter.disconnect().join();
		}
	}

}
