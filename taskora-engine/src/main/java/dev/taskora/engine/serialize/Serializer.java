package dev.taskora.engine.serialize;

import java.lang.reflect.Type;

import dev.taskora.engine.ValidationException;
import org.jspecify.annotations.Nullable;

/**
 * Turns payloads and results into stored strings and back. Producers and workers sharing
 * a store must use the same serializer; the default is JSON ({@link JacksonSerializer}),
 * as taskora's.
 */
public interface Serializer {

	/**
	 * Serializes a value ({@code null} becomes JSON {@code null}).
	 * @throws ValidationException when the value cannot be serialized
	 */
	String serialize(@Nullable Object value);

	/**
	 * Reads a value of the given type; an empty string reads as {@code null}.
	 * @throws ValidationException when the text does not fit the type
	 */
	@Nullable Object deserialize(String text, Type type);

}
