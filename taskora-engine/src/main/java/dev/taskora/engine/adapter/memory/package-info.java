/**
 * The in-memory {@link dev.taskora.engine.adapter.Adapter}: every transition of taskora's
 * Redis scripts, performed under one lock on plain Java collections. Used for tests,
 * samples and single-process apps;
 * {@link dev.taskora.engine.adapter.memory.MemoryAdapter} is the entry point.
 */
@NullMarked
package dev.taskora.engine.adapter.memory;

import org.jspecify.annotations.NullMarked;
