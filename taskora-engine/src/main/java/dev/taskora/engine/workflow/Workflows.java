package dev.taskora.engine.workflow;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds workflows from signatures ({@code task.s(data)}, {@code task.s()}) and other
 * compositions.
 *
 * <pre>{@code
 * import static dev.taskora.engine.workflow.Workflows.*;
 *
 * WorkflowHandle<Shipment> handle = chain(
 *         validate.s(order),                       // Order -> Order
 *         chord(group(charge.s(), reserve.s()),    // Order -> [Payment, Reservation]
 *               ship.s()))                         // List<Object> -> Shipment
 *     .dispatch(WorkflowOptions.ttl(Duration.ofMinutes(5)));
 * }</pre>
 *
 * The typed {@code chain} overloads (2 to 6 steps) and {@link Workflow#pipe} check each
 * junction at compile time: a step must accept what the step before it produces. The list
 * and the form of seven steps or more ({@link #chain(List)},
 * {@link #chain(Workflow, Workflow, Workflow, Workflow, Workflow, Workflow, Workflow, Workflow...)})
 * lose those types; they check at build time, by raw class, what the declared task types
 * allow, and otherwise leave a mismatch to the step's deserialization at run time.
 */
public final class Workflows {

	private Workflows() {
	}

	/** Two steps in sequence. */
	public static <I, A, B> Chain<I, B> chain(Workflow<I, A> first, Workflow<? super A, B> second) {
		return Chain.of(List.of(first, second));
	}

	/** Three steps in sequence. */
	public static <I, A, B, C> Chain<I, C> chain(Workflow<I, A> first, Workflow<? super A, B> second,
			Workflow<? super B, C> third) {
		return Chain.of(List.of(first, second, third));
	}

	/** Four steps in sequence. */
	public static <I, A, B, C, D> Chain<I, D> chain(Workflow<I, A> first, Workflow<? super A, B> second,
			Workflow<? super B, C> third, Workflow<? super C, D> fourth) {
		return Chain.of(List.of(first, second, third, fourth));
	}

	/** Five steps in sequence. */
	public static <I, A, B, C, D, E> Chain<I, E> chain(Workflow<I, A> first, Workflow<? super A, B> second,
			Workflow<? super B, C> third, Workflow<? super C, D> fourth, Workflow<? super D, E> fifth) {
		return Chain.of(List.of(first, second, third, fourth, fifth));
	}

	/** Six steps in sequence. */
	public static <I, A, B, C, D, E, F> Chain<I, F> chain(Workflow<I, A> first, Workflow<? super A, B> second,
			Workflow<? super B, C> third, Workflow<? super C, D> fourth, Workflow<? super D, E> fifth,
			Workflow<? super E, F> sixth) {
		return Chain.of(List.of(first, second, third, fourth, fifth, sixth));
	}

	/**
	 * Seven steps or more in sequence, untyped: junctions are checked by raw class at
	 * build time only. Fewer steps take the typed forms above, so that steps which do not
	 * fit are a compile error there rather than falling back to this one.
	 * @param first the first step
	 * @param second the second step
	 * @param third the third step
	 * @param fourth the fourth step
	 * @param fifth the fifth step
	 * @param sixth the sixth step
	 * @param seventh the seventh step
	 * @param more any further steps
	 * @return the chain
	 * @throws IllegalArgumentException for a step that cannot take its predecessor's
	 * output
	 */
	public static Chain<Object, Object> chain(Workflow<?, ?> first, Workflow<?, ?> second, Workflow<?, ?> third,
			Workflow<?, ?> fourth, Workflow<?, ?> fifth, Workflow<?, ?> sixth, Workflow<?, ?> seventh,
			Workflow<?, ?>... more) {
		List<Workflow<?, ?>> steps = new ArrayList<>(List.of(first, second, third, fourth, fifth, sixth, seventh));
		steps.addAll(Arrays.asList(more));
		return Chain.of(steps);
	}

	/** Steps in sequence from a list, untyped like the form of seven steps or more. */
	public static Chain<Object, Object> chain(List<? extends Workflow<?, ?>> steps) {
		return Chain.of(steps);
	}

	/**
	 * Members run in parallel; the output is the list of their results in member order.
	 * @throws IllegalArgumentException for no members
	 */
	@SafeVarargs
	public static <I, O> Group<I, O> group(Workflow<? super I, ? extends O>... members) {
		return Group.of(Arrays.asList(members));
	}

	/** Members from a list run in parallel. */
	public static <I, O> Group<I, O> group(List<? extends Workflow<? super I, ? extends O>> members) {
		return Group.of(members);
	}

	/**
	 * The header's members run in parallel, then the callback receives the list of their
	 * results.
	 */
	public static <I, A, O> Chord<I, O> chord(Group<I, A> header, Workflow<? super List<A>, O> callback) {
		return Chord.of(header, callback);
	}

	/** A chord whose header is given as a list of members. */
	public static <I, A, O> Chord<I, O> chord(List<? extends Workflow<? super I, ? extends A>> header,
			Workflow<? super List<A>, O> callback) {
		return Chord.of(Group.of(header), callback);
	}

	/**
	 * Dispatches groups one after the other (a group starts once the previous one has
	 * completed) as one workflow whose result is every group's results, in order: what
	 * {@code task.chunk} does.
	 * @throws IllegalArgumentException for no groups
	 */
	public static <O> WorkflowHandle<List<O>> dispatchInBatches(List<? extends Group<?, ? extends O>> batches) {
		return WorkflowDispatcher.dispatch(Chain.<Object, List<O>>of(batches), WorkflowOptions.none(), true);
	}

}
