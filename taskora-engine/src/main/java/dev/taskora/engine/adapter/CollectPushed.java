package dev.taskora.engine.adapter;

/**
 * The outcome of a collect push.
 *
 * @param flushed whether the push filled the buffer and turned it into a waiting job
 * @param count items in the buffer after the push (the batch size when flushed)
 */
public record CollectPushed(boolean flushed, long count) {
}
