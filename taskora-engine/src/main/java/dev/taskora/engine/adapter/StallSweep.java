package dev.taskora.engine.adapter;

import java.util.List;

/**
 * The jobs a stall sweep acted on.
 *
 * @param recovered jobs re-queued to {@code waiting}
 * @param failed jobs moved to {@code failed} (stalled too often)
 */
public record StallSweep(List<String> recovered, List<String> failed) {

	/** A sweep that found nothing. */
	public static final StallSweep NONE = new StallSweep(List.of(), List.of());

}
