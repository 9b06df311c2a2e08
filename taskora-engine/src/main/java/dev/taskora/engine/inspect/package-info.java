/**
 * Looking into the store from plain Java: {@link dev.taskora.engine.inspect.Inspector} (a job by id,
 * counts per state) and {@link dev.taskora.engine.inspect.DeadLetters} (failed jobs back to
 * waiting), both from {@code taskora.inspect()} and {@code taskora.deadLetters()}, on any adapter.
 */
@NullMarked
package dev.taskora.engine.inspect;

import org.jspecify.annotations.NullMarked;
