package dev.taskora.spring.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.stream.Collectors;

import dev.taskora.engine.TaskHandler;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;

/**
 * The input and output types of a {@link TaskHandler} implementation, read from the
 * interface it implements so that a consumer never declares them twice.
 *
 * @param input the handler's input type ({@code I})
 * @param output the handler's output type ({@code O})
 */
record HandlerTypes(Type input, Type output) {

	/**
	 * @return the types, or {@code null} when {@code type} does not implement
	 * {@link TaskHandler}
	 * @throws IllegalArgumentException when a type argument is left open (raw type or
	 * type variable)
	 */
	static @Nullable HandlerTypes of(Class<?> type) {
		ResolvableType handler = ResolvableType.forClass(type).as(TaskHandler.class);
		if (handler == ResolvableType.NONE) {
			return null;
		}
		return new HandlerTypes(concrete(handler.getGeneric(0), "input"), concrete(handler.getGeneric(1), "output"));
	}

	/**
	 * A reflected type without type variables, built from what {@link ResolvableType}
	 * resolved through the class hierarchy (a generic base class leaves variables in the
	 * declared type).
	 */
	static Type concrete(ResolvableType type, String role) {
		Class<?> raw = type.resolve();
		if (raw == null || type.hasUnresolvableGenerics()) {
			throw new IllegalArgumentException("the " + role + " type of TaskHandler is not resolvable (" + type
					+ "); implement TaskHandler with concrete type arguments");
		}
		if (type.isArray() && type.getComponentType().hasGenerics()) {
			return raw;
		}
		if (!type.hasGenerics()) {
			return raw;
		}
		Type[] arguments = Arrays.stream(type.getGenerics())
			.map(generic -> concrete(generic, role))
			.toArray(Type[]::new);
		return new Parameterized(raw, arguments, raw.getDeclaringClass());
	}

	private record Parameterized(Class<?> rawType, Type[] actualTypeArguments,
			@Nullable Type ownerType) implements ParameterizedType {

		@Override
		public Type[] getActualTypeArguments() {
			return this.actualTypeArguments.clone();
		}

		@Override
		public Type getRawType() {
			return this.rawType;
		}

		@Override
		public @Nullable Type getOwnerType() {
			return this.ownerType;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof ParameterizedType that && this.rawType.equals(that.getRawType())
					&& Arrays.equals(this.actualTypeArguments, that.getActualTypeArguments());
		}

		@Override
		public int hashCode() {
			return this.rawType.hashCode() ^ Arrays.hashCode(this.actualTypeArguments);
		}

		@Override
		public String getTypeName() {
			return this.rawType.getName() + Arrays.stream(this.actualTypeArguments)
				.map(Type::getTypeName)
				.collect(Collectors.joining(", ", "<", ">"));
		}

		@Override
		public String toString() {
			return getTypeName();
		}

	}

}
