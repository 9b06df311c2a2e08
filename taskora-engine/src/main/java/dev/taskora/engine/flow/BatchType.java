package dev.taskora.engine.flow;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * {@code java.util.List<E>} as a reflected type, for the serializer: what a collect
 * task's handler receives. Equal to, and hashed as, the JDK's own
 * {@code ParameterizedType} of the same list.
 *
 * @param element the item type
 */
record BatchType(Type element) implements ParameterizedType {

	@Override
	public Type[] getActualTypeArguments() {
		return new Type[] { this.element };
	}

	@Override
	public Type getRawType() {
		return List.class;
	}

	@Override
	public @Nullable Type getOwnerType() {
		return null;
	}

	@Override
	public String getTypeName() {
		return List.class.getName() + "<" + this.element.getTypeName() + ">";
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof ParameterizedType that && that.getOwnerType() == null
				&& List.class.equals(that.getRawType()) && that.getActualTypeArguments().length == 1
				&& this.element.equals(that.getActualTypeArguments()[0]);
	}

	@Override
	public int hashCode() {
		// as the JDK's ParameterizedType implementation computes it, so the two are
		// interchangeable
		return Arrays.hashCode(getActualTypeArguments()) ^ List.class.hashCode();
	}

	@Override
	public String toString() {
		return getTypeName();
	}

}
