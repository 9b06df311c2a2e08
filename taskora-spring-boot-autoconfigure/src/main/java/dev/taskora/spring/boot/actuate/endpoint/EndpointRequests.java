package dev.taskora.spring.boot.actuate.endpoint;

import java.util.Locale;
import java.util.function.Supplier;

import dev.taskora.engine.JobState;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * Reading the endpoint's path segments and parameters: an unknown state or action, or a
 * parameter the engine refuses, is a bad request (400) whose message names it.
 */
final class EndpointRequests {

	private EndpointRequests() {
	}

	static JobState state(String name, String unknown) {
		JobState state = JobState.fromWire(name.toLowerCase(Locale.ROOT));
		if (state == null) {
			throw new InvalidEndpointRequestException(unknown, "Unknown state");
		}
		return state;
	}

	static void requireAction(String action, String expected, String unknown) {
		if (!action.equalsIgnoreCase(expected)) {
			throw new InvalidEndpointRequestException(unknown, "Unknown action");
		}
	}

	/**
	 * Bad parameters are a bad request (400), with the engine's message naming the
	 * parameter.
	 */
	static <T> T valid(Supplier<T> call) {
		try {
			return call.get();
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEndpointRequestException(String.valueOf(ex.getMessage()), "Invalid parameter");
		}
	}

	/**
	 * An outcome's name as the endpoint reports it: {@code NOT_FOUND} is
	 * {@code not-found}.
	 */
	static String outcome(Enum<?> outcome) {
		return outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

}
