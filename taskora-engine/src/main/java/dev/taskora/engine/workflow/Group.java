package dev.taskora.engine.workflow;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Members run in parallel, each receiving the group's input (unless bound); the output is
 * the list of their results, in member order. A member that is itself a group contributes
 * each of its results to that list, as taskora flattens them.
 *
 * @param <I> what the members take
 * @param <O> what each member produces
 */
public final class Group<I, O> extends Workflow<I, List<O>> {

	private final List<Workflow<?, ?>> members;

	private Group(List<Workflow<?, ?>> members) {
		this.members = members;
	}

	static <I, O> Group<I, O> of(List<? extends Workflow<?, ?>> members) {
		Objects.requireNonNull(members, "members must not be null");
		if (members.isEmpty()) {
			throw new IllegalArgumentException("A group needs at least one member");
		}
		List<Workflow<?, ?>> copy = new ArrayList<>(members.size());
		for (Workflow<?, ?> member : members) {
			copy.add(Objects.requireNonNull(member, () -> "group member " + copy.size() + " is null"));
		}
		return new Group<>(List.copyOf(copy));
	}

	/** The members, in result order. */
	public List<Workflow<?, ?>> members() {
		return this.members;
	}

	@Override
	List<Integer> flatten(GraphBuilder graph, List<Integer> inputs) {
		List<Integer> outputs = new ArrayList<>();
		for (Workflow<?, ?> member : this.members) {
			outputs.addAll(member.flatten(graph, inputs));
		}
		return outputs;
	}

	@Override
	Signature<?, ?> first() {
		return this.members.get(0).first();
	}

	@Override
	List<Type> acceptedInputs() {
		List<Type> accepted = new ArrayList<>();
		this.members.forEach(member -> accepted.addAll(member.acceptedInputs()));
		return accepted;
	}

	@Override
	Class<?> outputClass() {
		return List.class;
	}

	@Override
	boolean listOutput() {
		return true;
	}

	@Override
	String describe() {
		return "group(" + this.members.stream().map(Workflow::describe).collect(Collectors.joining(", ")) + ")";
	}

}
