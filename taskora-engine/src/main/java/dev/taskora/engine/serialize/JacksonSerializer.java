package dev.taskora.engine.serialize;

import java.lang.reflect.Type;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.taskora.engine.ValidationException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON through Jackson 3, compatible with taskora's {@code JSON.stringify} /
 * {@code JSON.parse}.
 * <p>
 * Objects without properties are refused, payloads and results alike: Jackson would store
 * them as {@code {}}, and the job would run, or complete, with its data silently lost.
 * Jackson 3 turns that check ({@link SerializationFeature#FAIL_ON_EMPTY_BEANS}) off by
 * default; this serializer turns it on, also over an application's own mapper.
 */
public final class JacksonSerializer implements Serializer {

	/**
	 * Readers kept per type; more types than this (generated at runtime?) get a reader
	 * per call.
	 */
	private static final int MAX_READERS = 256;

	/**
	 * The default mapper, one for every app of the process: what one app's jobs taught it
	 * (serializers, deserializers, resolved types) serves the next app's, instead of each
	 * new app introspecting the same classes and generating new code for the JIT again.
	 * Immutable and thread-safe, like every Jackson 3 mapper.
	 */
	private static final JsonMapper DEFAULT_MAPPER = JsonMapper.builder()
		.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
		.build();

	private final JsonMapper mapper;

	/**
	 * A reader per type resolves the type and its deserializer once, not on every job.
	 */
	private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();

	/**
	 * A serializer over the default mapper, which ignores unknown properties (payloads
	 * evolve); every serializer made this way shares it.
	 */
	public JacksonSerializer() {
		this(DEFAULT_MAPPER);
	}

	/**
	 * A serializer over the application's own mapper (its modules, naming strategy and
	 * features), rebuilt with {@link SerializationFeature#FAIL_ON_EMPTY_BEANS} on.
	 */
	public JacksonSerializer(JsonMapper mapper) {
		this.mapper = mapper.isEnabled(SerializationFeature.FAIL_ON_EMPTY_BEANS) ? mapper
				: mapper.rebuild().enable(SerializationFeature.FAIL_ON_EMPTY_BEANS).build();
	}

	/** The mapper this serializer writes and reads with. */
	public JsonMapper mapper() {
		return this.mapper;
	}

	@Override
	public String serialize(@Nullable Object value) {
		try {
			return this.mapper.writeValueAsString(value);
		}
		catch (JacksonException ex) {
			throw new ValidationException(describe(value, ex), ex);
		}
	}

	@Override
	public @Nullable Object deserialize(String text, Type type) {
		if (text.isEmpty()) {
			return null;
		}
		try {
			return reader(type).readValue(text);
		}
		catch (JacksonException ex) {
			throw new ValidationException(
					"Cannot read " + type.getTypeName() + " from JSON: " + ex.getOriginalMessage(), ex);
		}
	}

	private ObjectReader reader(Type type) {
		ObjectReader reader = this.readers.get(type);
		if (reader != null) {
			return reader;
		}
		if (this.readers.size() < MAX_READERS) {
			// built once: the handlers that start together (a worker's first claim fills
			// every slot) wait for it instead of each building its own
			return this.readers.computeIfAbsent(type, this::newReader);
		}
		return newReader(type);
	}

	private ObjectReader newReader(Type type) {
		return this.mapper.readerFor(this.mapper.constructType(type));
	}

	private static String describe(@Nullable Object value, JacksonException ex) {
		String type = (value != null) ? value.getClass().getName() : "null";
		Class<?> empty = emptyBean(ex);
		if (empty == null) {
			return "Cannot serialize " + type + " to JSON: " + ex.getOriginalMessage();
		}
		String where = empty.getName().equals(type) ? "" : " (at " + ex.getPathReference() + ")";
		return "Cannot serialize " + type + " to JSON: " + empty.getName() + where
				+ " has no properties (no public fields or getters, nothing annotated @JsonProperty),"
				+ " so it would be stored as {} and its data lost";
	}

	/** The class Jackson found no properties in, if that is what failed. */
	private static @Nullable Class<?> emptyBean(JacksonException ex) {
		// Jackson reports it as a bad definition of that class; the message is the only
		// marker.
		String message = String.valueOf(ex.getOriginalMessage());
		if (ex instanceof InvalidDefinitionException definition && definition.getType() != null
				&& message.contains("no properties discovered")) {
			return definition.getType().getRawClass();
		}
		return null;
	}

}
