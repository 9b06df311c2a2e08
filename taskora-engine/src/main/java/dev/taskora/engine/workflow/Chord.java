package dev.taskora.engine.workflow;

import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A group whose results, once all are in, go as one list to a callback: fan out, then fan
 * in.
 *
 * @param <I> what the header's members take
 * @param <O> what the callback produces
 */
public final class Chord<I, O> extends Workflow<I, O> {

	private final Group<?, ?> header;

	private final Workflow<?, O> callback;

	private Chord(Group<?, ?> header, Workflow<?, O> callback) {
		this.header = header;
		this.callback = callback;
	}

	static <I, O> Chord<I, O> of(Group<?, ?> header, Workflow<?, O> callback) {
		Objects.requireNonNull(header, "header must not be null");
		Objects.requireNonNull(callback, "callback must not be null");
		for (Type accepted : callback.acceptedInputs()) {
			Class<?> raw = GraphBuilder.rawClass(accepted);
			if (!GraphBuilder.mayRead(raw, List.class)) {
				throw new IllegalArgumentException("Chord callback " + callback.describe() + " takes "
						+ accepted.getTypeName() + " but receives the list of its header's results");
			}
		}
		return new Chord<>(header, callback);
	}

	/** The parallel part. */
	public Group<?, ?> header() {
		return this.header;
	}

	/** What receives the header's results. */
	public Workflow<?, O> callback() {
		return this.callback;
	}

	@Override
	List<Integer> flatten(GraphBuilder graph, List<Integer> inputs) {
		return this.callback.flatten(graph, this.header.flatten(graph, inputs));
	}

	@Override
	Signature<?, ?> first() {
		return this.header.first();
	}

	@Override
	List<Type> acceptedInputs() {
		return this.header.acceptedInputs();
	}

	@Override
	Class<?> outputClass() {
		return this.callback.outputClass();
	}

	@Override
	boolean listOutput() {
		return this.callback.listOutput();
	}

	@Override
	String describe() {
		return "chord(" + this.header.members().stream().map(Workflow::describe).collect(Collectors.joining(", "))
				+ " → " + this.callback.describe() + ")";
	}

}
