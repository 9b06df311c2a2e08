package dev.taskora.engine.adapter;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.JobFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.ValidationException.Violation;
import dev.taskora.engine.contract.MigrationStep;
import dev.taskora.engine.contract.TaskContract;
import dev.taskora.engine.event.EventType;
import dev.taskora.engine.event.FailedEvent;
import dev.taskora.engine.inspect.MigrationStatus;
import dev.taskora.engine.retry.Retry;
import dev.taskora.engine.serialize.TypeRef;
import dev.taskora.engine.testing.VirtualClock;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * Contracts across a producer/worker split over one store: register and implement,
 * payload versions (hand-back of newer jobs, migrations of older ones, the {@code since}
 * floor) and Bean Validation on both sides.
 */
public abstract class TaskContractsContract extends AdapterContract {

	protected TaskContractsContract(AdapterFactory factory) {
		super(factory);
	}

	@Test
	void registerIsIdempotentAndAProducerOnlyAppStartsNoWorker() {
		TaskContract<Signup, String> contract = TaskContract.of(name(), Signup.class, String.class);
		Taskora producer = live();
		AtomicReference<List<String>> workers = new AtomicReference<>();
		producer.on(EventType.WORKER_READY, ready -> workers.set(ready.tasks()));
		Task<Signup, String> first = producer.register(contract);
		assertThat(producer.register(contract)).isSameAs(first);
		producer.start();
		await().atMost(WAIT).until(() -> workers.get() != null);
		assertThat(workers.get()).isEmpty();

		ResultHandle<String> handle = first.dispatch(new Signup("Ada", "ada@example.com"));
		handle.awaitEnqueued(WAIT);
		assertThat(adapter(producer).inspect().state(contract.name(), handle.id()).join()).isEqualTo(JobState.WAITING);

		Taskora worker = liveSharingStoreWith(producer);
		worker.implement(contract, (signup, ctx) -> "welcome " + signup.name());
		worker.start();
		assertThat(handle.await(WAIT)).isEqualTo("welcome Ada");
	}

	@Test
	void implementAfterRegisterUpgradesTheRegisteredTaskInPlace() {
		TaskContract<Signup, String> contract = TaskContract.define(name(), Signup.class, String.class)
			.retry(Retry.fixed(4, Duration.ofMillis(10)))
			.build();
		Taskora app = live();
		Task<Signup, String> registered = app.register(contract);
		assertThat(registered.handler()).isNull();
		Task<Signup, String> implemented = app.implement(contract, (signup, ctx) -> "hi " + signup.name(),
				worker -> worker.concurrency(3));
		assertThat(implemented).isSameAs(registered);
		assertThat(registered.handler()).isNotNull();
		assertThat(registered.options().concurrency()).isEqualTo(3);
		assertThat(registered.options().retry().attempts()).isEqualTo(4);
		assertThat(app.register(contract)).isSameAs(registered);
		app.start();
		assertThat(registered.dispatch(new Signup("Grace", "grace@example.com")).await(WAIT)).isEqualTo("hi Grace");
	}

	@Test
	void implementingAfterStartStartsItsWorker() {
		TaskContract<Signup, String> contract = TaskContract.of(name(), Signup.class, String.class);
		Taskora app = live();
		Task<Signup, String> registered = app.register(contract);
		app.start();
		ResultHandle<String> handle = registered.dispatch(new Signup("Ada", "ada@example.com"));
		app.implement(contract, (signup, ctx) -> "late " + signup.name());
		assertThat(handle.await(WAIT)).isEqualTo("late Ada");
	}

	@Test
	void implementingTwiceOrWithOtherTypesFailsNamingTheContract() {
		String name = name();
		TaskContract<Signup, String> contract = TaskContract.of(name, Signup.class, String.class);
		Taskora app = live();
		app.implement(contract, (signup, ctx) -> "one");
		assertThatIllegalStateException().isThrownBy(() -> app.implement(contract, (signup, ctx) -> "two"))
			.withMessage("Contract '" + name + "' is already implemented in this process");
		TaskContract<String, String> other = TaskContract.of(name, String.class, String.class);
		assertThatIllegalArgumentException().isThrownBy(() -> app.register(other))
			.withMessageContaining("Contract '" + name + "' takes java.lang.String")
			.withMessageContaining("defined here with " + Signup.class.getName());
	}

	@Test
	void aJobOfANewerVersionIsLeftWaitingForANewerWorkerWithoutUsingAnAttempt() {
		String name = name();
		Taskora producer = live();
		Task<Signup, String> v2 = producer
			.register(TaskContract.define(name, Signup.class, String.class).version(2).build());
		Taskora oldWorker = liveSharingStoreWith(producer);
		List<String> ran = new CopyOnWriteArrayList<>();
		oldWorker.implement(TaskContract.of(name, Signup.class, String.class), (signup, ctx) -> {
			ran.add(signup.name());
			return "v1 worker";
		}, worker -> worker.concurrency(1).retry(Retry.fixed(3, Duration.ofMillis(10))));
		oldWorker.start();

		ResultHandle<String> newer = v2.dispatch(new Signup("Newer", "newer@example.com"));
		newer.awaitEnqueued(WAIT);
		// an older producer's job behind it still runs on the old worker
		Task<Signup, String> v1 = liveSharingStoreWith(producer)
			.register(TaskContract.of(name, Signup.class, String.class));
		assertThat(v1.dispatch(new Signup("Older", "older@example.com")).await(WAIT)).isEqualTo("v1 worker");

		// the old worker keeps claiming and handing it back; once it stops, the job waits
		// as it was
		oldWorker.stop(Duration.ofSeconds(5));
		JobRecord record = adapter(producer).inspect().findJob(name, newer.id()).join();
		assertThat(record.state()).isEqualTo(JobState.WAITING);
		assertThat(record.attempt()).isEqualTo(1);
		assertThat(ran).containsExactly("Older");

		Taskora newWorker = liveSharingStoreWith(producer);
		newWorker.implement(TaskContract.define(name, Signup.class, String.class).version(2).build(),
				(signup, ctx) -> "v2 worker");
		newWorker.start();
		assertThat(newer.await(WAIT)).isEqualTo("v2 worker");
	}

	@Test
	void steppingThroughJobsRunsTheOthersAndLeavesANewerJobWaiting() {
		Taskora app = virtual(new VirtualClock());
		String name = name();
		Task<Signup, String> task = app.implement(TaskContract.of(name, Signup.class, String.class),
				(signup, ctx) -> "ran " + signup.name());
		Adapter adapter = adapter(app);
		NewJob newer = NewJob.of(UUID.randomUUID().toString(), "{\"name\":\"Later\",\"email\":\"later@example.com\"}",
				adapter.clock().millis(), 2, 0, 1, 0);
		adapter.jobs().enqueue(name, newer).join();
		ResultHandle<String> current = task.dispatch(new Signup("Now", "now@example.com"));
		current.awaitEnqueued(WAIT);

		assertThat(processAll(app)).isEqualTo(1);
		assertThat(current.state()).isEqualTo(JobState.COMPLETED);
		JobRecord record = adapter.inspect().findJob(name, newer.id()).join();
		assertThat(record.state()).isEqualTo(JobState.WAITING);
		assertThat(record.attempt()).isEqualTo(1);
	}

	@Test
	void anOlderPayloadIsMigratedStepByStepBeforeTheHandlerSeesIt() {
		String name = name();
		Taskora producer = live();
		Task<UserV1, String> v1 = producer.register(TaskContract.of(name, UserV1.class, String.class));
		Taskora worker = liveSharingStoreWith(producer);
		List<UserV3> seen = new CopyOnWriteArrayList<>();
		worker.implement(TaskContract.define(name, UserV3.class, String.class).version(3).build(), (user, ctx) -> {
			seen.add(user);
			return user.fullName() + " as " + user.role();
		}, options -> options.since(1).migrate(List.of(RENAME_NAME, ADD_ROLE)));
		worker.start();
		assertThat(v1.dispatch(new UserV1("Ada Lovelace")).await(WAIT)).isEqualTo("Ada Lovelace as user");
		assertThat(seen).containsExactly(new UserV3("Ada Lovelace", "user"));
	}

	@Test
	void sparseMigrationsSkipVersionsWithoutAStep() {
		String name = name();
		Taskora producer = live();
		Task<UserV3, String> v2 = producer
			.register(TaskContract.define(name, UserV3.class, String.class).version(2).build());
		Taskora worker = liveSharingStoreWith(producer);
		worker.implement(TaskContract.define(name, UserV3.class, String.class).version(3).build(),
				(user, ctx) -> user.fullName() + " as " + user.role(),
				options -> options.since(1).migrate(Map.of(1, RENAME_NAME, 2, ADD_ROLE)));
		worker.start();
		// a v2 payload gets only the step from v2
		assertThat(v2.dispatch(new UserV3("Grace Hopper", "admiral"), DispatchOptions.none()).await(WAIT))
			.isEqualTo("Grace Hopper as user");
	}

	@Test
	void aJobOlderThanSinceFailsPermanentlyInTaskorasWords() {
		String name = name();
		Taskora producer = live();
		Task<UserV1, String> v1 = producer.register(TaskContract.of(name, UserV1.class, String.class));
		Taskora worker = liveSharingStoreWith(producer);
		worker.implement(TaskContract.define(name, UserV3.class, String.class).version(3).build(), (user, ctx) -> "ran",
				options -> options.since(2).retry(Retry.fixed(3, Duration.ofMillis(10))));
		worker.start();
		ResultHandle<String> handle = v1.dispatch(new UserV1("Ada"));
		assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOf(JobFailedException.class)
			.hasMessageContaining(
					"Job version 1 is below minimum supported version 2 \u2014 migration no longer available");
		assertThat(adapter(producer).inspect().findJob(name, handle.id()).join().attempt()).isEqualTo(1);
	}

	@Test
	void aMigrationThatThrowsFailsThatJobNamingTheStepAndTheWorkerGoesOn() {
		String name = name();
		Taskora producer = live();
		Task<UserV1, String> v1 = producer.register(TaskContract.of(name, UserV1.class, String.class));
		Task<UserV3, String> v3 = liveSharingStoreWith(producer)
			.register(TaskContract.define(name, UserV3.class, String.class).version(3).build());
		Taskora worker = liveSharingStoreWith(producer);
		MigrationStep broken = data -> {
			throw new IllegalStateException("no role for " + data.get("fullName").asString());
		};
		worker.implement(TaskContract.define(name, UserV3.class, String.class).version(3).build(),
				(user, ctx) -> "ran " + user.fullName(),
				options -> options.migrate(List.of(RENAME_NAME, broken)).retry(Retry.fixed(3, Duration.ofMillis(10))));
		worker.start();
		ResultHandle<String> failing = v1.dispatch(new UserV1("Ada"));
		assertThatThrownBy(() -> failing.await(WAIT)).isInstanceOf(JobFailedException.class)
			.hasMessageContaining("Migration of job " + failing.id() + " of task '" + name
					+ "' failed at the step from v2 to v3: no role for Ada");
		assertThat(adapter(producer).inspect().findJob(name, failing.id()).join().attempt()).isEqualTo(1);
		assertThat(v3.dispatch(new UserV3("Grace", "admin")).await(WAIT)).isEqualTo("ran Grace");
	}

	@Test
	void theInspectorTellsTheVersionsInTheQueueAndHowFarSinceCanGoUp() {
		String name = name();
		Taskora producer = live();
		Task<UserV1, String> v1 = producer.register(TaskContract.of(name, UserV1.class, String.class));
		Task<UserV3, String> v2 = liveSharingStoreWith(producer)
			.register(TaskContract.define(name, UserV3.class, String.class).version(2).build());
		v1.dispatch(new UserV1("a")).awaitEnqueued(WAIT);
		v1.dispatch(new UserV1("b")).awaitEnqueued(WAIT);
		v2.dispatch(new UserV3("c", "user"), DispatchOptions.delay(Duration.ofHours(1))).awaitEnqueued(WAIT);
		Taskora worker = liveSharingStoreWith(producer);
		worker.implement(TaskContract.of(name, UserV3.class, String.class), (user, ctx) -> "ran",
				options -> options.since(1).migrate(List.of(RENAME_NAME, ADD_ROLE)));

		MigrationStatus status = worker.inspect().migrations(name);
		assertThat(status.version()).isEqualTo(3);
		assertThat(status.since()).isEqualTo(1);
		assertThat(status.migrations()).isEqualTo(2);
		assertThat(status.queue()).containsExactly(entry(1, 2L));
		assertThat(status.delayed()).containsExactly(entry(2, 1L));
		assertThat(status.oldest()).contains(1);
		assertThat(status.canBumpSince()).isEqualTo(1);
		assertThatIllegalArgumentException().isThrownBy(() -> worker.inspect().migrations("no-such-task"))
			.withMessageContaining("No task 'no-such-task'");
	}

	@Test
	void anInvalidPayloadIsRefusedOnDispatchNamingEachFieldAndNothingIsWritten() {
		Taskora app = live();
		String name = name();
		Task<Signup, String> task = app.register(TaskContract.of(name, Signup.class, String.class));
		assertThatThrownBy(() -> task.dispatch(new Signup("", "not-an-email")))
			.isInstanceOfSatisfying(ValidationException.class,
					ex -> assertThat(ex.violations()).extracting(Violation::path).containsExactly("email", "name"))
			.hasMessageStartingWith("Payload of task '" + name + "' is invalid: email: ")
			.hasMessageContaining("name: ");
		assertThat(app.inspect().stats(name).total()).isZero();
	}

	@Test
	void theWorkerValidatesInputsItWasSentUnvalidatedAndNeverRetriesThem() {
		String name = name();
		Taskora producer = live(builder -> builder.validateOnDispatch(false));
		Task<Signup, String> task = producer.register(TaskContract.of(name, Signup.class, String.class));
		Taskora skipping = liveSharingStoreWith(producer);
		Task<Signup, String> skippingTask = skipping.register(TaskContract.of(name, Signup.class, String.class));
		Taskora worker = liveSharingStoreWith(producer);
		worker.implement(TaskContract.of(name, Signup.class, String.class), (signup, ctx) -> "ran",
				options -> options.retry(Retry.fixed(3, Duration.ofMillis(10))));
		worker.start();

		ResultHandle<String> unchecked = task.dispatch(new Signup("Ada", "nope"));
		assertThatThrownBy(() -> unchecked.await(WAIT)).isInstanceOf(JobFailedException.class)
			.hasMessageContaining("Input of job " + unchecked.id() + " of task '" + name + "' is invalid: email: ");
		ResultHandle<String> skipped = skippingTask.dispatch(new Signup("", "ada@example.com"),
				DispatchOptions.builder().skipValidation(true).build());
		assertThatThrownBy(() -> skipped.await(WAIT)).isInstanceOf(JobFailedException.class)
			.hasMessageContaining("is invalid: name: ");
		assertThat(adapter(producer).inspect().findJob(name, skipped.id()).join().attempt()).isEqualTo(1);
	}

	@Test
	void aJobWithoutDataFailsOnceNamingTheJobAndTheFieldUnlessTheInputAcceptsNull() {
		String name = name();
		Taskora producer = live();
		// a producer whose input accepts null (a Node app without a schema stores the
		// same)
		Task<Object, String> anything = producer.register(TaskContract.of(name, Object.class, String.class));
		Taskora worker = liveSharingStoreWith(producer);
		List<FailedEvent> failed = new CopyOnWriteArrayList<>();
		Task<Signup, String> strict = worker.implement(TaskContract.of(name, Signup.class, String.class),
				(signup, ctx) -> "welcome " + signup.name(),
				options -> options.retry(Retry.fixed(3, Duration.ofMillis(10))));
		strict.on(EventType.FAILED, failed::add);
		worker.start();

		ResultHandle<String> empty = anything.dispatch(null);
		assertThatThrownBy(() -> empty.await(WAIT)).isInstanceOf(JobFailedException.class)
			.hasMessageContaining(
					"Job " + empty.id() + " of task '" + name + "' cannot be run: field 'data' holds no value")
			.hasMessageContaining(Signup.class.getName() + " does not accept null");
		assertThat(adapter(producer).inspect().findJob(name, empty.id()).join().attempt()).isEqualTo(1);
		await().atMost(WAIT).until(() -> failed.stream().anyMatch(event -> event.id().equals(empty.id())));
		assertThat(failed).filteredOn(event -> event.id().equals(empty.id()))
			.singleElement()
			.satisfies(event -> assertThat(event.willRetry()).isFalse());
		assertThat(anything.dispatch(new Signup("Ada", "ada@example.com")).await(WAIT)).as("the worker goes on")
			.isEqualTo("welcome Ada");

		// a task that refuses null refuses it on dispatch too; Void and Optional accept
		// it
		assertThatThrownBy(() -> strict.dispatch(null)).isInstanceOf(ValidationException.class)
			.hasMessageContaining("Payload of task '" + name + "' is null");
		Taskora lenient = live();
		Task<Void, String> noInput = lenient.task(name(), Void.class, String.class)
			.handler((nothing, ctx) -> "got " + nothing);
		Task<Optional<String>, String> optional = lenient.task(name(), new TypeRef<Optional<String>>() {
		}, TypeRef.of(String.class)).handler((maybe, ctx) -> "got " + maybe.orElse("nothing"));
		lenient.start();
		assertThat(noInput.dispatch(null).await(WAIT)).isEqualTo("got null");
		assertThat(optional.dispatch(null).await(WAIT)).isEqualTo("got nothing");
	}

	@Test
	void anInvalidResultFailsTheJobBeforeItIsAcknowledged() {
		Taskora app = live();
		String name = name();
		Task<Signup, Receipt> task = app.implement(TaskContract.of(name, Signup.class, Receipt.class),
				(signup, ctx) -> new Receipt(-1));
		app.start();
		ResultHandle<Receipt> handle = task.dispatch(new Signup("Ada", "ada@example.com"));
		assertThatThrownBy(() -> handle.await(WAIT)).isInstanceOf(JobFailedException.class)
			.hasMessageContaining("Result of job " + handle.id() + " of task '" + name + "' is invalid: number: ");
	}

	private static final MigrationStep RENAME_NAME = data -> {
		ObjectNode node = (ObjectNode) data;
		node.set("fullName", node.remove("name"));
		return node;
	};

	private static final MigrationStep ADD_ROLE = data -> ((ObjectNode) data).put("role", "user");

	protected record Signup(@NotBlank String name, @NotBlank @Email String email) {
	}

	protected record Receipt(@Positive int number) {
	}

	protected record UserV1(String name) {
	}

	protected record UserV3(@NotBlank String fullName, @NotBlank String role) {
	}

}
