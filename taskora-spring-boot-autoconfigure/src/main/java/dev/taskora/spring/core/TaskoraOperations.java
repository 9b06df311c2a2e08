package dev.taskora.spring.core;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import dev.taskora.engine.DispatchOptions;
import dev.taskora.engine.DispatchRequest;
import dev.taskora.engine.EnqueueFailedException;
import dev.taskora.engine.JobState;
import dev.taskora.engine.ResultHandle;
import dev.taskora.engine.Task;
import dev.taskora.engine.Taskora;
import dev.taskora.engine.contract.TaskContract;
import dev.taskora.engine.flow.CollectInfo;
import dev.taskora.engine.flow.DuplicateJobException;
import dev.taskora.engine.flow.ThrottledException;
import dev.taskora.engine.inspect.DeadLetters;
import dev.taskora.engine.inspect.Inspector;
import dev.taskora.engine.inspect.JobSnapshot;
import dev.taskora.engine.schedule.Schedules;
import dev.taskora.engine.workflow.Signature;
import dev.taskora.engine.workflow.WorkflowManager;
import org.jspecify.annotations.Nullable;

/**
 * What an application does with taskora besides handling jobs: dispatch work, look jobs
 * up, retry failed ones, cancel, manage schedules, and reach the inspector and the dead
 * letters. Implemented by {@link TaskoraTemplate}; inject this interface.
 *
 * <pre>{@code
 * &#64;Service
 * class SignupService {
 *
 *     private final TaskoraOperations taskora;
 *
 *     SignupService(TaskoraOperations taskora) {
 *         this.taskora = taskora;
 *     }
 *
 *     String welcome(User user) {
 *         // returns once the store holds the job, so the id handed out is a job that exists
 *         ResultHandle<Object> handle = this.taskora.enqueue("send-email", new Email(user.email(), "Welcome"),
 *                 DispatchOptions.delay(Duration.ofMinutes(5)));
 *         return handle.id();
 *     }
 *
 * }
 * }</pre>
 *
 * {@code dispatch} returns at once with the job id known and stores the job in the
 * background: {@link ResultHandle#enqueued()} completes when the store has it (or fails
 * if the store could not be reached), and {@link ResultHandle#result()} when the job
 * finishes. {@code enqueue} waits for the store first, so a failed dispatch is an
 * exception instead of an id of a job that never existed.
 * <p>
 * Every {@link DispatchOptions} applies, flow control included (see
 * docs/flow-control.md): a dispatch refused by its throttle or deduplicate option stores
 * nothing, and its handle says so, {@code enqueued()} completing with {@code false} and
 * {@link ResultHandle#existingId()} naming the job a duplicate was refused for; with
 * {@code throwOnReject}, {@code enqueue} throws {@link ThrottledException} or
 * {@link DuplicateJobException} instead.
 *
 * <pre>{@code
 * ResultHandle<Object> report = taskora.enqueue("generate-report", request, DispatchOptions.builder()
 *     .deduplicate(new Deduplicate("report:" + userId))
 *     .build());
 * String jobId = report.enqueued().join() ? report.id() : report.existingId();
 * }</pre>
 */
public interface TaskoraOperations {

	/** Dispatches a job of a task. */
	<I, O> ResultHandle<O> dispatch(Task<I, O> task, @Nullable I data);

	/** Dispatches a job of a task with options (delay, priority, ttl ...). */
	<I, O> ResultHandle<O> dispatch(Task<I, O> task, @Nullable I data, DispatchOptions options);

	/**
	 * Dispatches a job of the task registered under {@code task}.
	 * @throws IllegalArgumentException when no such task is registered
	 */
	ResultHandle<Object> dispatch(String task, @Nullable Object data);

	/**
	 * Dispatches a job of the task registered under {@code task}, with options.
	 * @throws IllegalArgumentException when no such task is registered
	 */
	ResultHandle<Object> dispatch(String task, @Nullable Object data, DispatchOptions options);

	/**
	 * Dispatches a job and returns once the store holds it. A dispatch refused by
	 * throttle or deduplicate returns too, with {@code handle.enqueued()} completed with
	 * {@code false} and, for a duplicate, {@code handle.existingId()} set.
	 * @throws ThrottledException or {@link DuplicateJobException} for a refusal the
	 * options ask to be thrown ({@code throwOnReject})
	 * @throws EnqueueFailedException naming the task and the job id when the store
	 * refused the job, could not be reached, or did not confirm it within the dispatch
	 * timeout ({@code taskora.dispatch-timeout})
	 */
	<I, O> ResultHandle<O> enqueue(Task<I, O> task, @Nullable I data);

	/**
	 * Dispatches a job with options and returns once the store holds it.
	 * @throws EnqueueFailedException as {@link #enqueue(Task, Object)}
	 */
	<I, O> ResultHandle<O> enqueue(Task<I, O> task, @Nullable I data, DispatchOptions options);

	/**
	 * Dispatches a job of the task registered under {@code task} and returns once the
	 * store holds it.
	 * @throws IllegalArgumentException when no such task is registered
	 * @throws EnqueueFailedException as {@link #enqueue(Task, Object)}
	 */
	ResultHandle<Object> enqueue(String task, @Nullable Object data);

	/**
	 * Dispatches a job of the task registered under {@code task}, with options, and
	 * returns once the store holds it.
	 * @throws IllegalArgumentException when no such task is registered
	 * @throws EnqueueFailedException as {@link #enqueue(Task, Object)}
	 */
	ResultHandle<Object> enqueue(String task, @Nullable Object data, DispatchOptions options);

	/** Dispatches many jobs of a task in one store round trip. */
	<I, O> List<ResultHandle<O>> dispatchMany(Task<I, O> task, List<? extends I> items);

	/** Dispatches many jobs of a task with the same options in one store round trip. */
	<I, O> List<ResultHandle<O>> dispatchMany(Task<I, O> task, List<? extends I> items, DispatchOptions options);

	/** Dispatches many jobs of a named task in one store round trip. */
	List<ResultHandle<Object>> dispatchMany(String task, List<?> items);

	/**
	 * Dispatches many jobs of a named task with the same options in one store round trip.
	 */
	List<ResultHandle<Object>> dispatchMany(String task, List<?> items, DispatchOptions options);

	/**
	 * Dispatches many jobs of a task, each with its own options, in one store round trip.
	 */
	<I, O> List<ResultHandle<O>> dispatchAll(Task<I, O> task, List<DispatchRequest<I>> requests);

	/**
	 * The task registered under {@code name}, typed; a task this app does not know yet is
	 * registered without a handler (its jobs are handled by another process).
	 * @throws IllegalArgumentException when the task exists with other types
	 */
	<I, O> Task<I, O> task(String name, Class<I> input, Class<O> output);

	/**
	 * The task of a contract, typed: the one implemented by a consumer in this app, or
	 * else the contract registered for dispatching only (its jobs run in a worker app).
	 * Idempotent.
	 *
	 * <pre>{@code
	 * Task<Email, Sent> sendEmail = operations.task(Contracts.SEND_EMAIL);
	 * sendEmail.dispatch(new Email("ada@example.com", "Welcome"));
	 * }</pre>
	 * @throws IllegalArgumentException naming the contract when its task exists with
	 * other types
	 */
	<I, O> Task<I, O> task(TaskContract<I, O> contract);

	/** The task registered under {@code name}. */
	Optional<Task<?, ?>> findTask(String name);

	/** A handle on an existing job. */
	ResultHandle<Object> job(String task, String jobId);

	/**
	 * Looks a job up across every task of this app, in one store round trip.
	 * @see dev.taskora.engine.inspect.Inspector#find(String)
	 */
	Optional<JobSnapshot<Object, Object>> findJob(String jobId);

	/**
	 * Looks a job of one task up.
	 * @throws IllegalArgumentException when no such task is registered
	 */
	Optional<JobSnapshot<Object, Object>> findJob(String task, String jobId);

	/**
	 * How many jobs of the task are in each state.
	 * @throws IllegalArgumentException when no such task is registered
	 */
	Map<JobState, Long> counts(String task);

	/**
	 * The items a collect task holds under {@code key}, oldest first, without taking them
	 * out.
	 * @throws IllegalArgumentException when no such task is registered
	 * @throws IllegalStateException when the task does not collect
	 * @see Task#peekCollect(String)
	 */
	List<Object> peekCollect(String task, String key);

	/**
	 * How many items a collect task holds under {@code key} and since when; empty without
	 * a buffer.
	 * @throws IllegalArgumentException when no such task is registered
	 * @throws IllegalStateException when the task does not collect
	 * @see Task#inspectCollect(String)
	 */
	Optional<CollectInfo> inspectCollect(String task, String key);

	/**
	 * Moves a failed (or cancelled) job back to waiting with its attempts reset.
	 * @return {@code false} when the job does not exist or is neither failed nor
	 * cancelled (see {@link DeadLetters#retry(String)} for which)
	 */
	boolean retry(String jobId);

	/**
	 * Cancels a job: a waiting, delayed or retrying one at once; an active one is
	 * interrupted.
	 * @param reason stored with the job, may be {@code null}
	 */
	CancelResult cancel(String jobId, @Nullable String reason);

	/**
	 * Every schedule in the store, and pausing, resuming, updating, removing and
	 * triggering them ({@code taskora.schedules()}; also a bean of its own).
	 */
	default Schedules schedules() {
		return taskora().schedules();
	}

	/**
	 * The app's inspector: jobs by id or by state a page at a time, counts and stats,
	 * payload versions, per-minute throughput, and cleaning out finished jobs. Also a
	 * bean of its own.
	 */
	Inspector inspect();

	/**
	 * The app's dead letters: failed jobs listed and grouped by error, retried one at a
	 * time or all at once. Also a bean of its own.
	 */
	DeadLetters deadLetters();

	/**
	 * An unbound workflow step of the task registered under {@code task}: it receives the
	 * previous step's output. Compose steps with
	 * {@link dev.taskora.engine.workflow.Workflows}: <pre>{@code
	 * WorkflowHandle<Object> handle = Workflows.chord(
	 *         List.of(operations.signature("charge"), operations.signature("reserve")),
	 *         operations.signature("ship"))
	 *     .dispatch();   // charge and reserve take what the previous step produced
	 * }</pre>
	 * @throws IllegalArgumentException when no task of that name is registered
	 */
	Signature<Object, Object> signature(String task);

	/**
	 * A workflow step of the task registered under {@code task}, bound to {@code data}:
	 * it may start a workflow.
	 * {@code Workflows.chain(operations.signature("validate", order), operations.signature("ship")).dispatch()}.
	 * @throws IllegalArgumentException when no task of that name is registered, or
	 * {@code data} is not its input type
	 */
	Signature<Object, Object> signature(String task, @Nullable Object data);

	/**
	 * The app's workflows: handles on existing ones, their events, reading and cancelling
	 * them.
	 */
	default WorkflowManager workflows() {
		return taskora().workflows();
	}

	/** The underlying app, for what this interface does not cover. */
	Taskora taskora();

	// Typed dispatchers and dispatch after commit

	/**
	 * A typed dispatcher of the task registered under {@code name} (or registered for
	 * another process to handle, on first use), to define once and reuse.
	 */
	default <I, O> TaskDispatcher<I, O> dispatcher(String name, Class<I> input, Class<O> output) {
		return new TaskDispatcher<>(this, name, () -> task(name, input, output));
	}

	/** A typed dispatcher of a task. */
	default <I, O> TaskDispatcher<I, O> dispatcher(Task<I, O> task) {
		return new TaskDispatcher<>(this, task.name(), () -> task);
	}

	/**
	 * Dispatches a job when the transaction of the current thread commits, and drops it
	 * when the transaction rolls back, so that a job never refers to data that was not
	 * committed; without a transaction, at once. Opt-in: {@code dispatch} and
	 * {@code enqueue} never wait for a transaction.
	 * @return the handle, once dispatched; completed exceptionally with
	 * {@link java.util.concurrent.CancellationException} on rollback, or with the
	 * dispatch's error
	 */
	default <I, O> CompletableFuture<ResultHandle<O>> dispatchAfterCommit(Task<I, O> task, @Nullable I data,
			DispatchOptions options) {
		return AfterCommit.run(task.name(), () -> dispatch(task, data, options));
	}

	/**
	 * Dispatches a job of the task registered under {@code task} when the transaction of
	 * the current thread commits; see
	 * {@link #dispatchAfterCommit(Task, Object, DispatchOptions)}.
	 * @throws IllegalArgumentException at once when no such task is registered
	 */
	default CompletableFuture<ResultHandle<Object>> dispatchAfterCommit(String task, @Nullable Object data) {
		return dispatchAfterCommit(task, data, DispatchOptions.none());
	}

	/**
	 * Dispatches a job of the task registered under {@code task}, with options, when the
	 * transaction of the current thread commits.
	 * @throws IllegalArgumentException at once when no such task is registered
	 */
	default CompletableFuture<ResultHandle<Object>> dispatchAfterCommit(String task, @Nullable Object data,
			DispatchOptions options) {
		if (findTask(task).isEmpty()) {
			// checked now, so that a typo fails the caller instead of a commit hook
			throw new IllegalArgumentException("No task '" + task + "' is registered; define it with a @TaskConsumer"
					+ " bean, or with task(name, input, output) for a task handled by another process");
		}
		return AfterCommit.run(task, () -> dispatch(task, data, options));
	}

}
