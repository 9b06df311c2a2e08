package dev.taskora.engine.serialize;

import java.lang.invoke.MethodType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

/**
 * Captures a generic type for task input and output: {@code new TypeRef<List<Item>>()
 * {}}.
 *
 * @param <T> the captured type
 */
public abstract class TypeRef<T> {

	private final Type type;

	/**
	 * Captures the type argument of the anonymous subclass being created: {@code new
	 * TypeRef<Map<String, Item>>() {}}.
	 * @throws IllegalStateException if created without a type argument
	 */
	protected TypeRef() {
		Type superclass = getClass().getGenericSuperclass();
		if (!(superclass instanceof ParameterizedType parameterized)) {
			throw new IllegalStateException("TypeRef must be created with a type argument: new TypeRef<Foo>() {}");
		}
		this.type = parameterized.getActualTypeArguments()[0];
	}

	private TypeRef(Type type) {
		this.type = type;
	}

	/** A reference to a plain class. */
	public static <T> TypeRef<T> of(Class<T> type) {
		return new TypeRef<>(type) {
		};
	}

	/**
	 * A reference to any reflected type (unchecked: the caller vouches for {@code T}).
	 */
	public static <T> TypeRef<T> ofType(Type type) {
		return new TypeRef<>(type) {
		};
	}

	/**
	 * The captured type, as the serializer reads it.
	 * @return the type
	 */
	public Type type() {
		return this.type;
	}

	/**
	 * Whether {@code value} can stand for this type: {@code null}, an instance of a plain
	 * class (primitives boxed), or any value of a generic type, which erasure leaves
	 * unchecked.
	 */
	public boolean accepts(@Nullable Object value) {
		if (value == null || !(this.type instanceof Class<?> expected)) {
			return true;
		}
		Class<?> boxed = expected.isPrimitive() ? MethodType.methodType(expected).wrap().returnType() : expected;
		return boxed.isInstance(value);
	}

	@Override
	public String toString() {
		return this.type.getTypeName();
	}

}
