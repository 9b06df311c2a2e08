package dev.taskora.spring.event;

import java.lang.reflect.Method;

import dev.taskora.engine.event.EventType;

/** Tells which {@link EventType} an {@code @OnTaskEvent} method listens to. */
final class EventTypes {

	private EventTypes() {
	}

	/**
	 * The event named on the annotation, else the one whose record is the parameter type.
	 * A named event must fit the parameter.
	 */
	static EventType<?> resolve(Method method, String eventName) {
		if (method.getParameterCount() > 1) {
			throw new IllegalArgumentException("@OnTaskEvent method " + TaskEventListenerMethod.describe(method)
					+ " must take no parameter or one event parameter, but takes " + method.getParameterCount());
		}
		Class<?> parameter = (method.getParameterCount() == 1) ? method.getParameterTypes()[0] : null;
		if (!eventName.isEmpty()) {
			EventType<?> named;
			try {
				named = EventType.of(eventName);
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"@OnTaskEvent method " + TaskEventListenerMethod.describe(method) + ": " + ex.getMessage(), ex);
			}
			if (parameter != null && !parameter.isAssignableFrom(named.eventClass())) {
				throw new IllegalArgumentException("@OnTaskEvent method " + TaskEventListenerMethod.describe(method)
						+ " listens to '" + named.name() + "' but its parameter " + parameter.getSimpleName()
						+ " cannot hold a " + named.eventClass().getSimpleName());
			}
			return named;
		}
		if (parameter != null) {
			for (EventType<?> type : EventType.values()) {
				if (type.eventClass() == parameter) {
					return type;
				}
			}
		}
		throw new IllegalArgumentException("@OnTaskEvent method " + TaskEventListenerMethod.describe(method)
				+ " does not say which event it listens to: take an event record parameter (CompletedEvent, FailedEvent"
				+ " ...) or name the event, as in @OnTaskEvent(\"completed\"); events: "
				+ EventType.values().stream().map(EventType::name).toList());
	}

}
