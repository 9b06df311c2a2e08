/**
 * The storage SPI. An {@link dev.taskora.engine.adapter.Adapter} is a set of facets, one
 * per capability ({@link dev.taskora.engine.adapter.JobStore},
 * {@link dev.taskora.engine.adapter.Maintenance},
 * {@link dev.taskora.engine.adapter.EventFeed},
 * {@link dev.taskora.engine.adapter.InspectStore}), and performs every job state
 * transition atomically; the engine decides what to do (retry or fail, which delay) and
 * the adapter records it. Implementations: {@code adapter.memory} and
 * {@code adapter.redis}.
 */
@NullMarked
package dev.taskora.engine.adapter;

import org.jspecify.annotations.NullMarked;
