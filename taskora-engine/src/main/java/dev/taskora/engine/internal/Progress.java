package dev.taskora.engine.internal;

import java.math.BigDecimal;

import dev.taskora.engine.serialize.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Progress in storage: a number as a decimal string, anything else as JSON (taskora's
 * rule).
 */
public final class Progress {

	private Progress() {
	}

	/** The stored form of a progress value. */
	public static String format(Object value, Serializer serializer) {
		if (value instanceof Number number) {
			if (number instanceof Double || number instanceof Float) {
				double d = number.doubleValue();
				if (d == Math.rint(d) && !Double.isInfinite(d)) {
					return Long.toString((long) d);
				}
				return BigDecimal.valueOf(d).toPlainString();
			}
			return number.toString();
		}
		return serializer.serialize(value);
	}

	/** Reads a stored progress value: a number if it is one, else the JSON value. */
	public static @Nullable Object parse(String stored, Serializer serializer) {
		try {
			BigDecimal decimal = new BigDecimal(stored);
			if (decimal.scale() <= 0 && decimal.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
				long whole = decimal.longValueExact();
				return (whole >= Integer.MIN_VALUE && whole <= Integer.MAX_VALUE) ? (Object) (int) whole : whole;
			}
			return decimal.doubleValue();
		}
		catch (NumberFormatException | ArithmeticException ex) {
			return serializer.deserialize(stored, Object.class);
		}
	}

}
