package dev.taskora.spring.config;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import dev.taskora.engine.contract.TaskContract;

/**
 * Finds the contract a {@code @TaskConsumer(contract = ...)} names among a class's
 * constants, and checks a consumer's handler types against its contract; failures name
 * the bean, the class and the contract.
 */
final class ConsumerContracts {

	private ConsumerContracts() {
	}

	/**
	 * The {@code public static final TaskContract} of {@code holder} named {@code name},
	 * or its only one when {@code name} is empty.
	 */
	static TaskContract<?, ?> fromClass(Class<?> holder, String name, String beanName, Class<?> beanType) {
		List<TaskContract<?, ?>> contracts = new ArrayList<>();
		for (Field field : holder.getFields()) {
			int modifiers = field.getModifiers();
			if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
					&& TaskContract.class.isAssignableFrom(field.getType())) {
				try {
					TaskContract<?, ?> contract = (TaskContract<?, ?>) field.get(null);
					if (contract != null) {
						contracts.add(contract);
					}
				}
				catch (IllegalAccessException ex) {
					// public fields only: cannot happen
				}
			}
		}
		List<String> names = contracts.stream().map(TaskContract::name).toList();
		if (name.isEmpty()) {
			if (contracts.size() == 1) {
				return contracts.get(0);
			}
			throw new InvalidTaskConsumerException(beanName, beanType,
					"@TaskConsumer(contract = " + holder.getSimpleName() + ".class) names no task, and "
							+ holder.getName() + " holds " + describe(names),
					"Name the task: @TaskConsumer(contract = " + holder.getSimpleName()
							+ ".class, name = \"<task>\").");
		}
		for (TaskContract<?, ?> contract : contracts) {
			if (contract.name().equals(name)) {
				return contract;
			}
		}
		throw new InvalidTaskConsumerException(beanName, beanType,
				"@TaskConsumer names contract '" + name + "', but " + holder.getName() + " holds " + describe(names),
				"Declare it there as public static final TaskContract<I, O>, or fix the name.");
	}

	private static String describe(List<String> names) {
		return names.isEmpty() ? "no public static final TaskContract constant"
				: "the contracts " + String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
	}

	/** Fails unless the handler takes the contract's input and returns its output. */
	static void checkTypes(TaskContract<?, ?> contract, HandlerTypes types, String beanName, Class<?> beanType) {
		if (types.input() == Object.class && types.output() == Object.class) {
			// a proxy whose target does not declare TaskHandler: nothing to compare
			return;
		}
		if (!types.input().equals(contract.inputType().type())
				|| !types.output().equals(contract.outputType().type())) {
			throw new InvalidTaskConsumerException(beanName, beanType,
					"the handler implements TaskHandler<" + types.input().getTypeName() + ", "
							+ types.output().getTypeName() + ">, but contract '" + contract.name() + "' takes "
							+ contract.inputType().type().getTypeName() + " and returns "
							+ contract.outputType().type().getTypeName(),
					"Implement TaskHandler<" + contract.inputType().type().getTypeName() + ", "
							+ contract.outputType().type().getTypeName() + "> to implement contract '" + contract.name()
							+ "'.");
		}
	}

}
