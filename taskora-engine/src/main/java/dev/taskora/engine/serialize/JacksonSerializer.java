package dev.taskora.engine.serialize;

import java.lang.reflect.Type;

import dev.taskora.engine.ValidationException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** JSON through Jackson 3, compatible with taskora's {@code JSON.stringify} / {@code JSON.parse}. */
public final class JacksonSerializer implements Serializer {

	private final JsonMapper mapper;

	/**
	 * A serializer over a mapper that ignores unknown properties (payloads evolve) and refuses
	 * objects without properties (they would be stored as {@code {}}, silently losing data).
	 */
	public JacksonSerializer() {
		this(JsonMapper.builder()
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.build());
	}

	/** A serializer over the application's own mapper. */
	public JacksonSerializer(JsonMapper mapper) {
		this.mapper = mapper;
	}

	public JsonMapper mapper() {
		return this.mapper;
	}

	@Override
	public String serialize(@Nullable Object value) {
		try {
			return this.mapper.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw new ValidationException("Cannot serialize " + (value == null ? "null" : value.getClass().getName())
					+ " to JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	@Override
	public @Nullable Object deserialize(String text, Type type) {
		if (text.isEmpty()) {
			return null;
		}
		try {
			return this.mapper.readValue(text, this.mapper.constructType(type));
		}
		catch (JacksonException ex) {
			throw new ValidationException("Cannot read " + type.getTypeName() + " from JSON: " + ex.getOriginalMessage(),
					ex);
		}
	}

}
