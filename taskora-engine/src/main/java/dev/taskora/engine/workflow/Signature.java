package dev.taskora.engine.workflow;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;

import dev.taskora.engine.Task;
import org.jspecify.annotations.Nullable;

/**
 * One task invocation inside a workflow. Bound ({@code task.s(data)}) it runs with its
 * own input and ignores what the previous step produced; unbound ({@code task.s()}) it
 * receives the previous step's output (a list of results after a group). The first step
 * of a workflow must be bound.
 *
 * @param <I> what it takes from a previous step: the task's input when unbound,
 * {@code Object} (anything, ignored) when bound
 * @param <O> the task's output
 */
public final class Signature<I, O> extends Workflow<I, O> {

	private final Task<?, O> task;

	private final boolean bound;

	private final @Nullable Object data;

	private Signature(Task<?, O> task, boolean bound, @Nullable Object data) {
		this.task = Objects.requireNonNull(task, "task must not be null");
		if (task.collect() != null) {
			throw new IllegalArgumentException(
					"Task '" + task.name() + "' collects its dispatches into batches and cannot be a workflow step");
		}
		this.bound = bound;
		this.data = data;
	}

	/**
	 * An unbound signature: the task receives the previous step's output. Same as
	 * {@code task.s()}.
	 */
	public static <I, O> Signature<I, O> of(Task<I, O> task) {
		return new Signature<>(task, false, null);
	}

	/** A signature bound to {@code data}. Same as {@code task.s(data)}. */
	public static <I, O> Signature<Object, O> of(Task<I, O> task, @Nullable I data) {
		if (data != null && !task.inputType().accepts(data)) {
			throw new IllegalArgumentException("Input of task '" + task.name() + "' must be "
					+ task.inputType().type().getTypeName() + ", was " + data.getClass().getName());
		}
		return new Signature<>(task, true, data);
	}

	/** The task this signature invokes. */
	public Task<?, O> task() {
		return this.task;
	}

	/** Whether the input is bound (else it comes from the previous step). */
	public boolean isBound() {
		return this.bound;
	}

	/** The bound input, or {@code null} for an unbound signature. */
	public @Nullable Object data() {
		return this.data;
	}

	@Override
	List<Integer> flatten(GraphBuilder graph, List<Integer> inputs) {
		return List.of(graph.add(this, inputs));
	}

	@Override
	Signature<?, ?> first() {
		return this;
	}

	@Override
	List<Type> acceptedInputs() {
		return this.bound ? List.of() : List.of(this.task.inputType().type());
	}

	@Override
	Class<?> outputClass() {
		return GraphBuilder.rawClass(this.task.outputType().type());
	}

	@Override
	boolean listOutput() {
		return false;
	}

	@Override
	String describe() {
		return this.task.name();
	}

}
