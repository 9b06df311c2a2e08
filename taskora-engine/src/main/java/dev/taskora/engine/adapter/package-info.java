/**
 * The storage SPI. An {@link dev.taskora.engine.adapter.Adapter} performs every job state
 * transition atomically; the engine decides what to do (retry or fail, which delay) and the
 * adapter records it. Implementations: {@code adapter.memory} and {@code adapter.redis}.
 */
@NullMarked
package dev.taskora.engine.adapter;

import org.jspecify.annotations.NullMarked;
