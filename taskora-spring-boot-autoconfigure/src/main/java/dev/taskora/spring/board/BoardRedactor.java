package dev.taskora.spring.board;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * Makes job values safe to send to a browser: keys named in {@code taskora.board.redact}
 * are masked (case-insensitive, at any depth, inside arrays too), over-long strings and
 * arrays are cut, and binary values are replaced by their size. It runs on the server, so
 * masked values never leave the process.
 */
public final class BoardRedactor {

	/** What a masked value reads as. */
	public static final String MASK = "[REDACTED]";

	/** Longest string sent as is; longer ones are cut with a note of their length. */
	static final int MAX_STRING = 4096;

	/** Most array elements sent; the rest are summed up in one note. */
	static final int MAX_ELEMENTS = 200;

	private final Set<String> keys;

	private final JsonMapper mapper;

	/**
	 * @param keys the keys to mask, in any case
	 * @param mapper the app's JSON mapper, which turns values into trees
	 */
	public BoardRedactor(List<String> keys, JsonMapper mapper) {
		this.keys = keys.stream()
			.map(String::trim)
			.filter(key -> !key.isEmpty())
			.map(key -> key.toLowerCase(Locale.ROOT))
			.collect(Collectors.toUnmodifiableSet());
		this.mapper = mapper;
	}

	/** The value as a JSON tree, masked and cut; {@code null} stays {@code null}. */
	public @Nullable JsonNode value(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		JsonNode tree;
		try {
			tree = this.mapper.valueToTree(value);
		}
		catch (JacksonException ex) {
			return JsonNodeFactory.instance.stringNode(cut(String.valueOf(value)));
		}
		return clean(tree);
	}

	/**
	 * An error message, masked when it is a JSON object or array (errors thrown with
	 * structured details), cut when over-long.
	 */
	public @Nullable String error(@Nullable String error) {
		if (error == null) {
			return null;
		}
		String trimmed = error.trim();
		if (!this.keys.isEmpty() && (trimmed.startsWith("{") || trimmed.startsWith("["))) {
			try {
				return cut(this.mapper.writeValueAsString(clean(this.mapper.readTree(trimmed))));
			}
			catch (JacksonException ex) {
				// not JSON after all: a plain message
			}
		}
		return cut(error);
	}

	/** Log meta, masked and cut. */
	public @Nullable JsonNode meta(@Nullable Map<String, Object> meta) {
		return (meta != null) ? value(meta) : null;
	}

	private JsonNode clean(JsonNode node) {
		if (node.isObject()) {
			ObjectNode object = (ObjectNode) node;
			List<String> names = new ArrayList<>();
			object.properties().forEach(entry -> names.add(entry.getKey()));
			for (String name : names) {
				if (this.keys.contains(name.toLowerCase(Locale.ROOT))) {
					object.put(name, MASK);
				}
				else {
					object.set(name, clean(object.get(name)));
				}
			}
			return object;
		}
		if (node.isArray()) {
			ArrayNode array = (ArrayNode) node;
			ArrayNode cleaned = JsonNodeFactory.instance.arrayNode();
			int size = array.size();
			for (int i = 0; i < Math.min(size, MAX_ELEMENTS); i++) {
				cleaned.add(clean(array.get(i)));
			}
			if (size > MAX_ELEMENTS) {
				cleaned.add("[" + (size - MAX_ELEMENTS) + " more elements not shown]");
			}
			return cleaned;
		}
		if (node.isBinary()) {
			return JsonNodeFactory.instance.stringNode("[binary, " + node.binaryValue().length + " bytes]");
		}
		if (node instanceof POJONode pojo) {
			// what valueToTree keeps as is: byte arrays inside maps, values it has no
			// serializer for
			Object value = pojo.getPojo();
			return JsonNodeFactory.instance.stringNode((value instanceof byte[] bytes)
					? "[binary, " + bytes.length + " bytes]" : cut(String.valueOf(value)));
		}
		if (node.isString()) {
			String text = node.stringValue();
			return (text.length() > MAX_STRING) ? JsonNodeFactory.instance.stringNode(cut(text)) : node;
		}
		return node;
	}

	static String cut(String text) {
		if (text.length() <= MAX_STRING) {
			return text;
		}
		return text.substring(0, MAX_STRING) + "… [truncated, " + text.length() + " characters]";
	}

}
