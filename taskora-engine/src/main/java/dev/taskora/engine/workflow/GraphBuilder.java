package dev.taskora.engine.workflow;

import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.taskora.engine.Task;
import dev.taskora.engine.ValidationException;
import dev.taskora.engine.adapter.WorkflowGraph;
import dev.taskora.engine.serialize.Serializer;

/**
 * Flattens a composition into the DAG taskora stores: one node per signature, in
 * composition order, each with a fresh job id, the task's payload version and its
 * serialized bound input.
 */
final class GraphBuilder {

	private final Serializer serializer;

	private final List<WorkflowGraph.Node> nodes = new ArrayList<>();

	private final List<Task<?, ?>> tasks = new ArrayList<>();

	GraphBuilder(Serializer serializer) {
		this.serializer = serializer;
	}

	/**
	 * The graph of {@code workflow}.
	 * @param allTerminal every node's result is part of the output (a chunk), not only
	 * the last ones'
	 * @throws IllegalArgumentException when a root node has no bound input
	 * @throws ValidationException when a bound input cannot be serialized
	 */
	static Built build(Workflow<?, ?> workflow, Serializer serializer, boolean allTerminal, String name) {
		GraphBuilder builder = new GraphBuilder(serializer);
		List<Integer> terminal = workflow.flatten(builder, List.of());
		if (allTerminal) {
			terminal = new ArrayList<>();
			for (int i = 0; i < builder.nodes.size(); i++) {
				terminal.add(i);
			}
		}
		return new Built(new WorkflowGraph(builder.nodes, terminal, name), List.copyOf(builder.tasks));
	}

	int add(Signature<?, ?> signature, List<Integer> deps) {
		Task<?, ?> task = signature.task();
		String data = null;
		if (signature.isBound()) {
			try {
				data = this.serializer.serialize(signature.data());
			}
			catch (ValidationException ex) {
				throw new ValidationException("Input of workflow step " + this.nodes.size() + " (task '" + task.name()
						+ "') cannot be serialized: " + ex.getMessage(), ex);
			}
		}
		else if (deps.isEmpty()) {
			throw new IllegalArgumentException("Task '" + task.name() + "' is a first step of the workflow (node "
					+ this.nodes.size() + ") but has no bound input: bind it with task.s(data)");
		}
		this.nodes.add(new WorkflowGraph.Node(task.name(), deps, UUID.randomUUID().toString(), task.options().version(),
				data));
		this.tasks.add(task);
		return this.nodes.size() - 1;
	}

	static Class<?> rawClass(Type type) {
		if (type instanceof Class<?> plain) {
			return plain;
		}
		if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
			return raw;
		}
		return Object.class;
	}

	/**
	 * Whether a step taking {@code accepted} can read the JSON of a value of class
	 * {@code produced}: by the JSON's kind (number, text, boolean, array, object), as the
	 * serializer sees it. An object type may read an array (a record declared with an
	 * array shape), so only clear mismatches are refused: a number read as text, a list
	 * read as a number, and so on.
	 */
	static boolean mayRead(Class<?> accepted, Class<?> produced) {
		Kind want = Kind.of(accepted);
		Kind have = Kind.of(produced);
		if (want == Kind.ANY || have == Kind.ANY || want == have) {
			return true;
		}
		return (want == Kind.OBJECT || want == Kind.MAP)
				&& (have == Kind.LIST || have == Kind.OBJECT || have == Kind.MAP);
	}

	private enum Kind {

		ANY, NUMBER, TEXT, BOOLEAN, LIST, MAP, OBJECT;

		static Kind of(Class<?> type) {
			Class<?> boxed = box(type);
			if (boxed == Object.class || boxed == Void.class) {
				return ANY;
			}
			if (Number.class.isAssignableFrom(boxed)) {
				return NUMBER;
			}
			if (CharSequence.class.isAssignableFrom(boxed) || boxed == Character.class || boxed.isEnum()) {
				return TEXT;
			}
			if (boxed == Boolean.class) {
				return BOOLEAN;
			}
			if (Collection.class.isAssignableFrom(boxed) || boxed.isArray()) {
				return LIST;
			}
			if (Map.class.isAssignableFrom(boxed)) {
				return MAP;
			}
			return OBJECT;
		}

	}

	static Class<?> box(Class<?> type) {
		return type.isPrimitive() ? MethodType.methodType(type).wrap().returnType() : type;
	}

	/** A graph and the task of each node, by index. */
	record Built(WorkflowGraph graph, List<Task<?, ?>> tasks) {
	}

}
