package dev.taskora.engine.event;

/**
 * Receives events of one type. Listeners run on taskora's event thread and should not
 * block.
 *
 * @param <E> the event record
 */
@FunctionalInterface
public interface TaskoraEventListener<E extends TaskoraEvent> {

	/**
	 * Handles one event; a runtime exception is logged and does not stop other listeners.
	 * @param event the event
	 */
	void onEvent(E event);

}
