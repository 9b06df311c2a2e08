package dev.taskora.engine.workflow;

import java.lang.reflect.Type;
import java.util.List;

/**
 * A composition of task invocations that can be dispatched as one workflow: a
 * {@link Signature}, a {@link Chain}, a {@link Group} or a {@link Chord}. Compositions
 * are immutable values; they nest freely (chains in groups, groups as chain steps, chords
 * of chains), and can be dispatched any number of times, each dispatch a new workflow
 * with new job ids.
 *
 * <pre>{@code
 * WorkflowHandle<Receipt> handle = validate.s(order).pipe(charge.s()).pipe(ship.s()).dispatch();
 * Receipt receipt = handle.await(Duration.ofMinutes(1));
 * }</pre>
 *
 * @param <I> what the composition takes from a previous step ({@code Object} when its
 * first steps are bound)
 * @param <O> what it produces
 */
public abstract sealed class Workflow<I, O> permits Signature, Chain, Group, Chord {

	Workflow() {
	}

	/**
	 * This composition followed by {@code next}, which receives its output. The compiler
	 * checks that {@code next} accepts it.
	 */
	public <N> Chain<I, N> pipe(Workflow<? super O, N> next) {
		return Chain.of(List.of(this, next));
	}

	/** Dispatches this composition as a new workflow. */
	public WorkflowHandle<O> dispatch() {
		return dispatch(WorkflowOptions.none());
	}

	/** Dispatches this composition as a new workflow, with a TTL or a name. */
	public WorkflowHandle<O> dispatch(WorkflowOptions options) {
		return WorkflowDispatcher.dispatch(this, options, false);
	}

	/**
	 * Adds the composition's nodes to the graph, each waiting for {@code inputs}.
	 * @return the nodes whose results are the composition's output
	 */
	abstract List<Integer> flatten(GraphBuilder graph, List<Integer> inputs);

	/** The first signature, whose task names the app the workflow runs in. */
	abstract Signature<?, ?> first();

	/**
	 * The input types of the unbound signatures that receive this composition's input.
	 */
	abstract List<Type> acceptedInputs();

	/**
	 * The output's raw type where known ({@code List} for groups), else {@code Object}.
	 */
	abstract Class<?> outputClass();

	/** Whether the output is the list of several terminal results (a group). */
	abstract boolean listOutput();

	/**
	 * A readable description: {@code chain(a → b)}, {@code group(a, b)},
	 * {@code chord(a, b → c)}.
	 */
	abstract String describe();

	@Override
	public String toString() {
		return describe();
	}

}
