/**
 * Looking into the store from plain Java: {@link dev.taskora.engine.inspect.Inspector} (a
 * job by id, jobs by state a page at a time, counts and stats, payload versions,
 * per-minute throughput, cleaning finished jobs) and
 * {@link dev.taskora.engine.inspect.DeadLetters} (failed jobs listed, grouped by error
 * and moved back to waiting), from {@code taskora.inspect()} and
 * {@code taskora.deadLetters()}, on any adapter.
 */
@NullMarked
package dev.taskora.engine.inspect;

import org.jspecify.annotations.NullMarked;
