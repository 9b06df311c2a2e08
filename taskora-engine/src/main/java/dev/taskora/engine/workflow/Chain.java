package dev.taskora.engine.workflow;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Steps run one after the other, each receiving the previous one's output (unless bound).
 * Built with {@link Workflows#chain} or {@link Workflow#pipe}.
 *
 * @param <I> what the first step takes
 * @param <O> what the last step produces
 */
public final class Chain<I, O> extends Workflow<I, O> {

	private final List<Workflow<?, ?>> steps;

	private Chain(List<Workflow<?, ?>> steps) {
		this.steps = steps;
	}

	/**
	 * A chain of {@code steps}, checked where the types are known: a step whose input
	 * cannot read the previous step's output (a number where text is taken, a list where
	 * a number is) is refused. Nested chains are inlined.
	 * @throws IllegalArgumentException for no steps, or a step that cannot take its input
	 */
	static <I, O> Chain<I, O> of(List<? extends Workflow<?, ?>> steps) {
		Objects.requireNonNull(steps, "steps must not be null");
		if (steps.isEmpty()) {
			throw new IllegalArgumentException("A chain needs at least one step");
		}
		List<Workflow<?, ?>> flat = new ArrayList<>();
		for (int i = 0; i < steps.size(); i++) {
			Workflow<?, ?> step = Objects.requireNonNull(steps.get(i), () -> "chain step " + flat.size() + " is null");
			if (!flat.isEmpty()) {
				checkJunction(flat.get(flat.size() - 1), step, flat.size());
			}
			if (step instanceof Chain<?, ?> nested) {
				flat.addAll(nested.steps);
			}
			else {
				flat.add(step);
			}
		}
		return new Chain<>(List.copyOf(flat));
	}

	private static void checkJunction(Workflow<?, ?> previous, Workflow<?, ?> next, int index) {
		Class<?> produced = previous.outputClass();
		if (produced == Object.class) {
			return;
		}
		for (Type accepted : next.acceptedInputs()) {
			Class<?> raw = GraphBuilder.rawClass(accepted);
			if (!GraphBuilder.mayRead(raw, produced)) {
				throw new IllegalArgumentException("Chain step " + index + " (" + next.describe() + ") takes "
						+ accepted.getTypeName() + " but the step before it (" + previous.describe() + ") produces "
						+ produced.getName());
			}
		}
	}

	/** The steps, in order. */
	public List<Workflow<?, ?>> steps() {
		return this.steps;
	}

	@Override
	List<Integer> flatten(GraphBuilder graph, List<Integer> inputs) {
		List<Integer> current = inputs;
		for (Workflow<?, ?> step : this.steps) {
			current = step.flatten(graph, current);
		}
		return current;
	}

	@Override
	Signature<?, ?> first() {
		return this.steps.get(0).first();
	}

	@Override
	List<Type> acceptedInputs() {
		return this.steps.get(0).acceptedInputs();
	}

	@Override
	Class<?> outputClass() {
		return this.steps.get(this.steps.size() - 1).outputClass();
	}

	@Override
	boolean listOutput() {
		return this.steps.get(this.steps.size() - 1).listOutput();
	}

	@Override
	String describe() {
		return "chain(" + this.steps.stream().map(Workflow::describe).collect(Collectors.joining(" → ")) + ")";
	}

}
